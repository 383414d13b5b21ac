/*
 * Playground page, part 4 of 4: state, the event stream and wiring. The server streams the Slack
 * fake's conversation (`/api/events`); the page keeps it in `page`, shows the current channel as the
 * current user sees it (ephemerals only for the person they were sent to) and replaces a message in
 * place when the bot edits it. Clicks and lines are POSTed; their effects come back on the stream.
 */

var $ = function (id) { return document.getElementById(id); };

var page = {
  me: 'U0ALICE',
  channel: 'C0GENERAL',
  surface: 'channel',
  bot: { id: '', name: 'sagemaker-vpc' },
  users: [],
  channels: [],
  jobs: [],
  toggles: [],
  messages: {},
  homes: {},
  expanded: {},
  modal: null,
  notices: 0,
  ctx: SlackRender.EMPTY_CONTEXT,
};

function refreshContext() {
  var users = {};
  var channels = {};
  page.users.forEach(function (u) { users[u.id] = u.name; });
  users[page.bot.id] = page.bot.name;
  page.channels.forEach(function (c) { channels[c.id] = c.name; });
  page.ctx = SlackRender.createRenderContext(users, channels);
}

function visible(m) {
  return !m.deleted && (!m.ephemeral || m.visibleTo === page.me);
}

function isReply(m) {
  return !!m.threadTs && m.threadTs !== m.ts;
}

page.repliesOf = function (parent) {
  return Object.keys(page.messages).map(function (k) { return page.messages[k]; })
    .filter(function (m) { return m.channel === parent.channel && m.threadTs === parent.ts && m.ts !== parent.ts && visible(m); })
    .sort(byTs);
};

function channelMessages() {
  return Object.keys(page.messages).map(function (k) { return page.messages[k]; })
    .filter(function (m) { return m.channel === page.channel && !isReply(m) && visible(m); })
    .sort(byTs);
}

function currentChannel() {
  return page.channels.filter(function (c) { return c.id === page.channel; })[0];
}

function nearBottom(node) {
  return node.scrollHeight - node.scrollTop - node.clientHeight < 120;
}

/** Redraws the channel; `follow` scrolls to the newest message (new arrivals, channel switches). */
function renderMessages(follow) {
  var list = $('messages');
  var stick = follow === true || nearBottom(list);
  clear(list);
  var messages = channelMessages();
  if (messages.length === 0) list.appendChild(el('p', { class: 'empty' }, ['No messages yet. Try /sagemaker-vpc check vision-resnet-open-ssh']));
  messages.forEach(function (m) { list.appendChild(messageNode(m, page)); });
  if (stick) list.scrollTop = list.scrollHeight;
}

/** Replaces one message where it stands, keeping focus on the same button if it had it. */
function renderMessage(m) {
  var target = isReply(m) ? page.messages[m.channel + '/' + m.threadTs] : m;
  if (!target || target.channel !== page.channel || page.surface !== 'channel') return;
  var old = document.querySelector('[data-key="' + CSS.escape(messageKey(target)) + '"]');
  if (!old || !visible(target)) return renderMessages(!old);
  var focused = old.contains(document.activeElement) ? document.activeElement : null;
  var fresh = messageNode(target, page);
  old.replaceWith(fresh);
  if (focused) {
    var again = focused.getAttribute('data-action-id') &&
      fresh.querySelector('[data-action-id="' + CSS.escape(focused.getAttribute('data-action-id')) + '"][data-block-index="' + focused.getAttribute('data-block-index') + '"]');
    (again || fresh).focus();
  }
}

function renderChrome() {
  var select = clear($('user-select'));
  page.users.forEach(function (u) { select.appendChild(el('option', { value: u.id, selected: u.id === page.me }, [u.name + ' (' + u.id + ')'])); });
  var nav = clear($('channel-list'));
  page.channels.forEach(function (c) {
    var current = page.surface === 'channel' && c.id === page.channel;
    nav.appendChild(el('li', {}, [el('button', { type: 'button', class: 'nav-item', 'data-channel-id': c.id, 'aria-current': current ? 'page' : false }, [channelLabel(c), c.botIsMember ? null : el('span', { class: 'hint' }, [' · bot not in channel'])])]));
  });
  $('home-tab').setAttribute('aria-current', page.surface === 'home' ? 'page' : 'false');
  var c = currentChannel();
  var title = page.surface === 'home' ? 'sagemaker-vpc · Home' : c ? channelLabel(c) : page.channel;
  $('channel-title').textContent = title;
  $('channel-note').textContent = page.surface === 'home' ? 'The App Home of ' + (userName(page.me)) + ' (views.publish).' : channelNote(c);
  $('composer-input').setAttribute('aria-label', 'Message ' + (c ? channelName(c) : page.channel));
  $('messages').hidden = page.surface !== 'channel';
  $('home').hidden = page.surface !== 'home';
  $('composer').hidden = page.surface !== 'channel';
}

function renderPanel() {
  var toggles = clear($('toggles'));
  page.toggles.forEach(function (t) { toggles.appendChild(toggleNode(t)); });
  var jobs = clear($('jobs'));
  page.jobs.forEach(function (j) { jobs.appendChild(jobNode(j)); });
}

function renderHome() {
  append(clear($('home')), homeNode(page.homes[page.me], page.ctx));
}

function userName(id) {
  var u = page.users.filter(function (x) { return x.id === id; })[0];
  return u ? u.name : id;
}

function renderAll() {
  refreshContext();
  renderChrome();
  renderPanel();
  if (page.surface === 'channel') renderMessages(true);
  else renderHome();
}

function addNotice(text) {
  page.notices += 1;
  var now = Date.now();
  var ts = Math.floor(now / 1000) + '.' + String((now % 1000) * 1000 + 999).padStart(6, '0');
  var key = 'notice-' + page.notices;
  page.messages[key] = { notice: true, key: key, text: text, ts: ts, channel: page.channel, author: { kind: 'user' }, deleted: false, ephemeral: false };
  renderMessages(true);
}

function onEvent(event) {
  if (event.type === 'snapshot') {
    page.bot = event.bot;
    page.users = event.users;
    page.channels = event.channels;
    page.jobs = event.jobs;
    page.toggles = event.toggles;
    page.messages = {};
    event.messages.forEach(function (m) { page.messages[messageKey(m)] = m; });
    page.homes = {};
    event.homes.forEach(function (v) { page.homes[v.userId] = v; });
    if (!currentChannel()) page.channel = (page.channels[0] || {}).id;
    return renderAll();
  }
  if (event.type === 'message') {
    page.messages[messageKey(event.message)] = event.message;
    return renderMessage(event.message);
  }
  if (event.type === 'modal') {
    if (event.view.userId !== page.me) return;
    if (event.opened) return openModal(event.view);
    if (page.modal && page.modal.id === event.view.id) {
      var body = document.querySelector('#modal-root .dialog-body');
      var parts = SlackRender.renderView(event.view.view, page.ctx);
      append(clear(body), materializeAll(parts.body));
      document.getElementById('modal-title').textContent = parts.title || 'Modal';
    }
    return;
  }
  if (event.type === 'home') {
    page.homes[event.view.userId] = event.view;
    if (page.surface === 'home' && event.view.userId === page.me) renderHome();
    return;
  }
  if (event.type === 'channels') {
    page.channels = event.channels;
    refreshContext();
    return renderChrome();
  }
  if (event.type === 'world') {
    page.toggles = event.toggles;
    return renderPanel();
  }
}

function clickAction(target) {
  var body = { userId: page.me, actionId: target.getAttribute('data-action-id'), blockIndex: Number(target.getAttribute('data-block-index')) };
  var holder = target.closest('[data-view-id]');
  var message = target.closest('[data-ts]');
  if (holder) body.viewId = holder.getAttribute('data-view-id');
  else if (message) {
    body.channelId = message.getAttribute('data-channel');
    body.messageTs = message.getAttribute('data-ts');
  } else return;
  target.setAttribute('aria-busy', 'true');
  api('/api/action', body).then(function (answer) {
    target.removeAttribute('aria-busy');
    if (!answer.ok) addNotice('The click was not accepted: ' + (answer.error || 'HTTP ' + answer.status));
  });
}

function send(line) {
  api('/api/compose', { userId: page.me, channelId: page.channel, line: line }).then(function (answer) {
    if (answer.notice) addNotice(answer.notice);
    else if (!answer.ok && answer.error) addNotice(answer.error);
  });
}

function showChannel(id) {
  page.surface = 'channel';
  page.channel = id;
  renderAll();
  $('composer-input').focus();
}

function showHome() {
  page.surface = 'home';
  renderAll();
  $('home').focus();
  api('/api/home', { userId: page.me });
}

var composer = setupComposer({ input: $('composer-input'), form: $('composer'), onSend: send, jobs: function () { return page.jobs; } });

document.addEventListener('click', function (event) {
  var t = event.target.closest('button, a');
  if (!t) {
    if (event.target.getAttribute && event.target.getAttribute('data-overlay')) closeModal();
    return;
  }
  if (t.hasAttribute('data-copy')) return copyText(t.parentNode.querySelector('pre'), t);
  if (t.hasAttribute('data-close-modal')) return closeModal();
  if (t.hasAttribute('data-thread')) {
    var key = t.getAttribute('data-thread');
    page.expanded[key] = !page.expanded[key];
    return renderMessage(page.messages[key]);
  }
  if (t.hasAttribute('data-channel-id')) return showChannel(t.getAttribute('data-channel-id'));
  if (t.id === 'home-tab') return showHome();
  if (t.id === 'reset-world') return api('/api/world', { reset: true });
  if (t.hasAttribute('data-toggle-id')) return api('/api/world', { toggle: t.getAttribute('data-toggle-id'), fixed: t.getAttribute('data-fixed') !== 'true' });
  if (t.hasAttribute('data-insert')) return composer.insert(t.getAttribute('data-insert'));
  // URL buttons open their link (default action) and still send the click, as Slack does.
  if (t.hasAttribute('data-action-id')) {
    if (t.tagName === 'BUTTON') event.preventDefault();
    clickAction(t);
  }
});

document.addEventListener('keydown', function (event) {
  if (!page.modal) return;
  if (event.key === 'Escape') {
    event.preventDefault();
    return closeModal();
  }
  if (event.key !== 'Tab') return;
  var focusable = Array.prototype.slice.call(document.querySelectorAll('#modal-root button:not([disabled]), #modal-root a[href]'));
  if (focusable.length === 0) return;
  var first = focusable[0];
  var last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
  else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  else if (!$('modal-root').contains(document.activeElement)) { event.preventDefault(); first.focus(); }
});

$('user-select').addEventListener('change', function (event) {
  page.me = event.target.value;
  if (page.modal) closeModal(false);
  renderAll();
  if (page.surface === 'home') api('/api/home', { userId: page.me });
});

var status = $('conn-status');
var stream = new EventSource('/api/events');
stream.onopen = function () {
  status.setAttribute('data-state', 'live');
  status.textContent = 'Live: bot in HTTP mode against local fakes';
};
stream.onerror = function () {
  status.setAttribute('data-state', 'down');
  status.textContent = 'Disconnected: retrying…';
};
stream.onmessage = function (message) {
  onEvent(JSON.parse(message.data));
};
$('composer-input').focus();
