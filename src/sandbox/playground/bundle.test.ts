import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext, Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { jobReportMessage } from '../../slack/views/index.js';
import { buildReport, testRules } from '../../slack/views/testing/fixtures.js';
import { buildBrowserScript, buildRendererScript, transpileRenderer } from './bundle.js';
import * as render from './render/index.js';

type Renderer = typeof render;

async function browserRenderer(): Promise<Renderer> {
  // A bare context: no process, require, Buffer or DOM — as little as a page offers, and less.
  return runInNewContext(`${await buildRendererScript()}\nSlackRender`, {}) as Renderer;
}

describe('the browser bundle', () => {
  it('gives the page the same renderer the unit tests test', async () => {
    const page = await browserRenderer();
    const message = jobReportMessage(buildReport({ name: 'x<img src=x onerror=alert(1)>' }), { rules: testRules });
    const ctx = { userName: () => undefined, channelName: () => undefined };
    // Through JSON: objects made in another VM context have other prototypes.
    expect(JSON.parse(JSON.stringify(page.renderMessageContent(message, ctx)))).toEqual(render.renderMessageContent(message, ctx));
    expect(page.toHtml(page.renderMrkdwn('*a* &lt;b&gt; <@U1>', ctx))).toBe(render.toHtml(render.renderMrkdwn('*a* &lt;b&gt; <@U1>', ctx)));
    expect(Object.keys(page).sort()).toEqual(Object.keys(render).sort());
  });

  it('puts renderer and glue in one function scope', async () => {
    const script = await buildBrowserScript();
    expect(script.startsWith('(function () {')).toBe(true);
    for (const part of ['var SlackRender =', '// ---- static/dom.js', '// ---- static/app.js']) expect(script).toContain(part);
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    // The glue is plain JavaScript that tsc never sees: at least it must parse.
    expect(() => new Script(script, { filename: 'app.js' })).not.toThrow();
  });

  it('refuses a renderer module that imports anything outside its folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'playground-bundle-'));
    try {
      await writeFile(join(dir, 'bad.ts'), "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
      await expect(transpileRenderer(pathToFileURL(`${dir}/`))).rejects.toThrow('render/bad.ts imports node:fs');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
