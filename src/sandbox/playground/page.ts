/**
 * The playground's HTML shell and its Content-Security-Policy. The shell holds no data (everything
 * arrives over `/api/events`), one script from our own origin, and the stylesheet inline — allowed
 * by its hash, so the policy needs no `unsafe-inline` and a stray inline script or `onerror`
 * attribute would not run even if one slipped through the renderer.
 * @module
 */
import { createHash } from 'node:crypto';
import { PAGE_CSS } from './page-style.js';

export interface PlaygroundPage {
  html: string;
  csp: string;
}

export function buildPage(): PlaygroundPage {
  const styleHash = createHash('sha256').update(PAGE_CSS).digest('base64');
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'sha256-${styleHash}'`,
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sagemaker-vpc playground</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<div class="app">
  <aside class="sidebar" aria-label="Workspace">
    <div class="workspace">sandbox workspace</div>
    <label class="who">Acting as
      <select id="user-select" aria-label="Act as user"></select>
    </label>
    <nav aria-label="Channels and apps">
      <h2 id="channels-heading">Channels</h2>
      <ul id="channel-list" aria-labelledby="channels-heading"></ul>
      <h2 id="apps-heading">Apps</h2>
      <ul aria-labelledby="apps-heading"><li><button type="button" class="nav-item" id="home-tab">sagemaker-vpc <span class="hint">Home</span></button></li></ul>
    </nav>
    <div class="conn" id="conn-status" role="status" data-state="connecting">Connecting…</div>
  </aside>
  <main class="main">
    <header class="channel-header">
      <h1 id="channel-title">#general</h1>
      <p class="channel-note" id="channel-note"></p>
    </header>
    <div id="messages" class="messages" role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="channel-title" tabindex="-1"></div>
    <div id="home" class="home" hidden aria-label="App Home" tabindex="-1"></div>
    <div id="notices" aria-live="polite"></div>
    <form id="composer" class="composer" autocomplete="off">
      <div class="composer-row">
        <textarea id="composer-input" rows="1" aria-label="Message #general" aria-describedby="composer-hint" placeholder="/sagemaker-vpc check vision-resnet-open-ssh" spellcheck="false"></textarea>
        <button type="submit" class="send">Send</button>
      </div>
      <p class="composer-hint" id="composer-hint">Enter sends · Shift+Enter new line · ↑/↓ history · Tab completes commands and job names</p>
    </form>
  </main>
  <aside class="panel" aria-label="Sandbox controls">
    <h2 id="world-heading">Change the world</h2>
    <p>Apply a fix to the sandbox AWS account, then press <strong>Recheck</strong> on the report.</p>
    <ul id="toggles" aria-labelledby="world-heading"></ul>
    <button type="button" class="btn" id="reset-world">Reset the sandbox account</button>
    <h2 id="jobs-heading">Sandbox jobs</h2>
    <p>Click a job to put its check command in the composer.</p>
    <ul id="jobs" aria-labelledby="jobs-heading"></ul>
  </aside>
</div>
<div id="modal-root"></div>
<script src="/app.js"></script>
</body>
</html>
`;
  return { html, csp };
}
