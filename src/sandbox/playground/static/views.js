/*
 * Playground page, part 3 of 4: building the channel's messages, the modal overlay (and opening and
 * closing it), the App Home and the side panel from page state. Everything a message says goes
 * through the renderer (`SlackRender`) and `materialize`; the chrome around it is built with `el`.
 */

var BOT_AVATAR = 'S';

function tsParts(ts) {
  var parts = String(ts).split('.');
  return [Number(parts[0]) || 0, Number(parts[1]) || 0];
}

function byTs(a, b) {
  var x = tsParts(a.ts);
  var y = tsParts(b.ts);
  return x[0] - y[0] || x[1] - y[1];
}

function messageKey(m) {
  return m.channel + '/' + m.ts;
}

function formatSize(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

function fileLinks(files) {
  if (!files || files.length === 0) return null;
  return el('div', { class: 'files' }, files.map(function (f) {
    return el('a', { class: 'file', href: f.url, download: f.name, 'aria-label': 'Download ' + f.name }, ['📄 ' + (f.title || f.name) + ' · ' + formatSize(f.size)]);
  }));
}

/**
 * One message: avatar, author, time, "(edited)", the rendered body, files, the ephemeral marker and
 * its thread (reply count; replies inline when expanded).
 */
function messageNode(m, page) {
  if (m.notice) {
    return el('div', { class: 'notice', role: 'status', 'data-key': m.key }, [m.text]);
  }
  var isBot = m.author.kind === 'bot';
  var replies = page.repliesOf(m);
  var expanded = !!page.expanded[messageKey(m)];
  var meta = el('div', { class: 'meta' }, [
    el('strong', {}, [m.author.name]),
    isBot ? el('span', { class: 'tag' }, ['APP']) : null,
    el('span', {}, [timeOfTs(m.ts)]),
    m.edits > 0 ? el('span', { class: 'edited' }, [' (edited)']) : null,
  ]);
  var body = el('div', { class: 'body' }, [meta]);
  body.appendChild(materializeAll(SlackRender.renderMessageContent(m, page.ctx)));
  append(body, fileLinks(m.files));
  if (m.ephemeral) append(body, el('div', { class: 'only-you' }, ['👁 Only visible to you']));
  if (replies.length > 0) {
    var label = replies.length + (replies.length === 1 ? ' reply' : ' replies');
    append(body, el('button', { type: 'button', class: 'thread-toggle', 'aria-expanded': String(expanded), 'data-thread': messageKey(m) }, [expanded ? 'Hide ' + label : label]));
    if (expanded) append(body, el('div', { class: 'replies', role: 'group', 'aria-label': 'Thread replies' }, replies.map(function (r) { return messageNode(r, page); })));
  }
  return el('div', {
    class: 'msg' + (m.ephemeral ? ' ephemeral' : ''),
    'data-key': messageKey(m),
    'data-ts': m.ts,
    'data-channel': m.channel,
    tabindex: '-1',
    'aria-label': m.author.name + (m.ephemeral ? ', only visible to you' : ''),
  }, [el('div', { class: 'avatar' + (isBot ? ' bot' : ''), 'aria-hidden': 'true' }, [isBot ? BOT_AVATAR : initials(m.author.name)]), body]);
}

/** The modal overlay for a `views.open` / `views.update` view. */
function modalNode(viewDto, ctx) {
  var parts = SlackRender.renderView(viewDto.view, ctx);
  var dialog = el('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'modal-title', 'data-view-id': viewDto.id }, [
    el('div', { class: 'dialog-head' }, [
      el('h2', { id: 'modal-title' }, [parts.title || 'Modal']),
      el('button', { type: 'button', class: 'icon-button', 'data-close-modal': 'true', 'aria-label': 'Close' }, ['×']),
    ]),
    el('div', { class: 'dialog-body' }, [materializeAll(parts.body)]),
    el('div', { class: 'dialog-foot' }, [
      el('button', { type: 'button', class: 'btn', 'data-close-modal': 'true' }, [parts.close || 'Close']),
      parts.submit ? el('button', { type: 'button', class: 'btn btn-primary', disabled: true, title: 'Modal submissions are not part of the playground' }, [parts.submit]) : null,
    ]),
  ]);
  return el('div', { class: 'overlay', 'data-overlay': 'true' }, [dialog]);
}

/** Shows a modal, remembering what had focus so closing it can return there. */
function openModal(viewDto) {
  var returnFocus = page.modal ? page.modal.returnFocus : document.activeElement;
  closeModal(false);
  page.modal = { id: viewDto.id, returnFocus: returnFocus };
  var root = $('modal-root');
  root.appendChild(modalNode(viewDto, page.ctx));
  var heading = root.querySelector('[data-close-modal]');
  if (heading) heading.focus();
}

function closeModal(restoreFocus) {
  var root = $('modal-root');
  var previous = page.modal;
  clear(root);
  page.modal = null;
  if (restoreFocus !== false && previous && previous.returnFocus && document.contains(previous.returnFocus)) previous.returnFocus.focus();
  else if (restoreFocus !== false) $('composer-input').focus();
}

function homeNode(viewDto, ctx) {
  if (!viewDto) return el('p', { class: 'empty' }, ['Opening the App Home…']);
  var parts = SlackRender.renderView(viewDto.view, ctx);
  return el('div', { 'data-view-id': viewDto.id }, [materializeAll(parts.body)]);
}

function toggleNode(t) {
  return el('li', { class: 'toggle', 'data-fixed': String(t.fixed), 'data-toggle': t.id }, [
    el('div', {}, [el('span', { class: 'job-name' }, [t.job])]),
    el('p', {}, [t.problem]),
    el('div', {}, [el('span', { class: 'state' }, [t.fixed ? 'Fixed' : 'Problem present']), ' · ', t.effect]),
    // The label says what the click does; the state is the text above it.
    el('button', { type: 'button', class: 'btn' + (t.fixed ? '' : ' btn-primary'), 'data-toggle-id': t.id, 'data-fixed': String(t.fixed) }, [t.fixed ? t.restoreLabel : t.fixLabel]),
  ]);
}

function jobNode(j) {
  var verdict = String(j.verdict).toUpperCase();
  return el('li', { class: 'job' }, [
    el('button', { type: 'button', class: 'job-button', 'data-insert': j.command, 'aria-label': 'Insert ' + j.command + ' (expected ' + verdict + ')' }, [
      el('span', { class: 'verdict verdict-' + j.verdict }, [verdict]),
      el('span', { class: 'job-name' }, [j.job]),
      j.region !== 'us-east-1' ? el('span', { class: 'meta' }, [' · ' + j.region]) : null,
      el('div', {}, [j.scenario]),
    ]),
  ]);
}

function channelLabel(c) {
  if (c.kind === 'im') return '@ ' + c.name;
  return (c.kind === 'private' ? '🔒 ' : '# ') + c.name;
}

/** How a screen reader should hear the channel: `#general`, `ml-platform-private`, `@alice`. */
function channelName(c) {
  return (c.kind === 'im' ? '@' : c.kind === 'private' ? '' : '#') + c.name;
}

function channelNote(c) {
  if (!c) return '';
  if (c.kind === 'im') return 'Direct messages with sagemaker-vpc.';
  if (c.botIsMember) return (c.kind === 'private' ? 'Private channel. ' : '') + 'sagemaker-vpc is a member. /remove @sagemaker-vpc takes it out.';
  if (c.kind === 'private') {
    return 'Private channel: sagemaker-vpc is not a member, so it can only answer your commands through their response_url. Type /invite @sagemaker-vpc to add it.';
  }
  return 'sagemaker-vpc is not a member; it can still post here (chat:write.public). /invite @sagemaker-vpc adds it.';
}
