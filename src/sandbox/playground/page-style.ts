/**
 * The playground's stylesheet, inlined into the page (the machine is offline: no external assets,
 * system fonts only). Slack-like and plain: a sidebar, the channel, a side panel, a modal overlay.
 * @module
 */
export const PAGE_CSS = `
:root { --aubergine: #3f0e40; --side-text: #cfc3cf; --border: #dddddd; --muted: #616061; --green: #007a5a; --red: #e01e5a;
  --link: #1264a3; --code-bg: #f8f8f8; --focus: #1d9bd1; font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", Helvetica, Arial, sans-serif; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-size: 15px; color: #1d1c1d; background: #fff; }
button, select, textarea { font: inherit; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.app { display: grid; grid-template-columns: 220px minmax(0, 1fr) 320px; height: 100vh; }
.sidebar { background: var(--aubergine); color: var(--side-text); padding: 12px 0; overflow-y: auto; display: flex; flex-direction: column; }
.workspace { color: #fff; font-weight: 700; font-size: 17px; padding: 0 16px 10px; border-bottom: 1px solid #5d3a5e; }
.sidebar h2 { font-size: 13px; font-weight: 600; margin: 16px 16px 4px; color: var(--side-text); }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.nav-item { display: block; width: 100%; text-align: left; background: none; border: 0; color: var(--side-text); padding: 4px 16px; cursor: pointer; }
.nav-item:hover { background: #350d36; }
.nav-item[aria-current="page"] { background: #1164a3; color: #fff; }
.nav-item .hint { font-size: 11px; opacity: .8; }
.who { padding: 10px 16px; font-size: 13px; }
.who select { display: block; margin-top: 4px; width: 100%; }
.conn { margin-top: auto; padding: 8px 16px; font-size: 12px; }
.conn[data-state="live"]::before { content: "● "; color: #2bac76; }
.conn[data-state="down"]::before { content: "● "; color: var(--red); }
.main { display: flex; flex-direction: column; min-width: 0; border-right: 1px solid var(--border); }
.channel-header { padding: 10px 20px; border-bottom: 1px solid var(--border); }
.channel-header h1 { font-size: 18px; margin: 0; }
.channel-note { margin: 2px 0 0; font-size: 13px; color: var(--muted); }
.messages, .home { flex: 1; overflow-y: auto; padding: 8px 0 16px; }
.empty { color: var(--muted); padding: 20px; }
.msg { display: grid; grid-template-columns: 36px minmax(0, 1fr); gap: 8px; padding: 8px 20px; }
.msg:hover { background: #f8f8f8; }
.msg.ephemeral { background: #f4f8fc; }
.avatar { width: 36px; height: 36px; border-radius: 4px; background: #4a154b; color: #fff; display: flex; align-items: center; justify-content: center; font-weight: 700; }
.avatar.bot { background: #2eb67d; }
.meta { font-size: 13px; color: var(--muted); }
.meta strong { color: #1d1c1d; font-size: 15px; margin-right: 6px; }
.tag { font-size: 11px; background: #e8e8e8; border-radius: 3px; padding: 0 4px; margin-right: 6px; }
.only-you { font-size: 12px; color: var(--muted); margin-top: 4px; }
.edited { font-size: 12px; color: var(--muted); }
.body { min-width: 0; overflow-wrap: anywhere; }
.message-text, .section-text, .field, .rt-section, .markdown { white-space: pre-wrap; line-height: 1.45; }
.block { margin: 4px 0; }
.block-section { display: flex; gap: 12px; align-items: flex-start; }
.section-main { flex: 1; min-width: 0; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; }
.block-header { font-size: 17px; margin: 6px 0 2px; }
.block-context { display: flex; flex-wrap: wrap; gap: 8px; font-size: 13px; color: var(--muted); white-space: pre-wrap; }
.block-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
hr { border: 0; border-top: 1px solid var(--border); margin: 8px 0; }
.btn { display: inline-block; border: 1px solid #bbb; background: #fff; color: #1d1c1d; border-radius: 4px; padding: 3px 12px; font-size: 14px; font-weight: 600; cursor: pointer; text-decoration: none; line-height: 1.6; }
.btn:hover { background: #f6f6f6; }
.btn-primary { background: var(--green); border-color: var(--green); color: #fff; }
.btn-primary:hover { background: #148567; }
.btn-danger { background: var(--red); border-color: var(--red); color: #fff; }
.btn[aria-busy="true"] { opacity: .6; cursor: progress; }
a { color: var(--link); }
.inline-code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; color: #c01343; background: var(--code-bg); border: 1px solid #e3e3e3; border-radius: 3px; padding: 0 3px; }
.code-wrap { position: relative; margin: 4px 0; }
.code-block { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; background: var(--code-bg); border: 1px solid #e3e3e3; border-radius: 4px; padding: 8px 10px; margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.copy-button { position: absolute; top: 4px; right: 4px; font-size: 12px; border: 1px solid #ccc; background: #fff; border-radius: 3px; cursor: pointer; padding: 1px 6px; }
.mention { background: #e8f5fa; color: var(--link); border-radius: 3px; padding: 0 2px; }
.mention-broadcast { background: #fff3c2; color: #7a5b00; }
.emoji { font-family: "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif; }
.unsupported, .image-alt { color: var(--muted); font-style: italic; }
.attachment { border-left: 4px solid #ddd; padding-left: 10px; margin: 6px 0; }
.attachment-good { border-left-color: #2eb67d; } .attachment-warning { border-left-color: #ecb22e; } .attachment-danger { border-left-color: var(--red); }
.rt-quote { border-left: 4px solid #ddd; margin: 4px 0; padding-left: 10px; }
.files { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
.file { display: inline-block; border: 1px solid var(--border); border-radius: 6px; padding: 6px 10px; }
.thread-toggle { background: none; border: 0; color: var(--link); font-weight: 600; font-size: 13px; cursor: pointer; padding: 2px 0; }
.replies { border-left: 2px solid var(--border); margin: 4px 0 0 4px; }
.replies .msg { padding-left: 10px; }
.notice { margin: 6px 20px; padding: 6px 10px; border-radius: 4px; background: #fff8e1; font-size: 13px; }
.composer { border-top: 1px solid var(--border); padding: 10px 20px 6px; }
.composer-row { display: flex; gap: 8px; border: 1px solid #bbb; border-radius: 6px; padding: 6px; }
.composer textarea { flex: 1; border: 0; resize: none; outline: none; min-height: 24px; max-height: 160px; font-family: inherit; }
.composer .send { border: 0; background: var(--green); color: #fff; border-radius: 4px; padding: 0 12px; cursor: pointer; font-weight: 600; }
.composer-hint { font-size: 12px; color: var(--muted); margin: 4px 0 0; }
.panel { overflow-y: auto; padding: 12px 16px; background: #fafafa; }
.panel h2 { font-size: 15px; margin: 10px 0 6px; }
.panel p { font-size: 13px; color: var(--muted); margin: 4px 0 8px; }
.panel ul { list-style: none; margin: 0; padding: 0; }
.toggle, .job { border: 1px solid var(--border); background: #fff; border-radius: 6px; padding: 8px; margin-bottom: 8px; font-size: 13px; }
.toggle .state { font-weight: 700; }
.toggle[data-fixed="true"] .state { color: var(--green); }
.toggle[data-fixed="false"] .state { color: var(--red); }
.job-button { width: 100%; text-align: left; background: none; border: 0; padding: 0; cursor: pointer; }
.job-name { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-weight: 600; font-size: 12px; }
.verdict { float: right; font-size: 11px; font-weight: 700; border-radius: 3px; padding: 0 4px; }
.verdict-pass { background: #d8f3e6; color: #0b6b47; } .verdict-fail { background: #fde0e6; color: #a3123a; } .verdict-unknown { background: #eee; color: #555; }
.overlay { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: flex-start; justify-content: center; padding: 5vh 16px; z-index: 10; }
.dialog { background: #fff; border-radius: 8px; width: min(640px, 100%); max-height: 90vh; display: flex; flex-direction: column; box-shadow: 0 10px 40px rgba(0,0,0,.3); }
.dialog-head { display: flex; justify-content: space-between; align-items: center; padding: 14px 20px; border-bottom: 1px solid var(--border); }
.dialog-head h2 { margin: 0; font-size: 20px; }
.dialog-body { overflow-y: auto; padding: 12px 20px; }
.dialog-foot { display: flex; justify-content: flex-end; gap: 8px; padding: 10px 20px; border-top: 1px solid var(--border); }
.icon-button { background: none; border: 0; font-size: 22px; cursor: pointer; line-height: 1; }
.home { padding: 12px 20px; }
[hidden] { display: none !important; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
