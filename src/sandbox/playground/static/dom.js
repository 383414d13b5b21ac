/*
 * Playground page, part 1 of 4: DOM helpers. Plain browser JavaScript (the project's tsconfig has no
 * DOM types on purpose); bundle.ts concatenates static/dom.js, composer.js, views.js and app.js into one
 * function scope after the renderer, which is available here as `SlackRender`.
 *
 * Nothing in the page is ever parsed as HTML: elements are created one by one, text goes into text
 * nodes, and view trees from the renderer pass a second allow-list check here (tags, attributes,
 * link schemes) before they touch the document.
 */

/** Builds an element for the page's own chrome. `children` are nodes or strings (→ text nodes). */
function el(tag, attrs, children) {
  var node = document.createElement(tag);
  var names = Object.keys(attrs || {});
  for (var i = 0; i < names.length; i += 1) {
    var value = attrs[names[i]];
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(names[i], value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  var list = Array.isArray(children) ? children : children === undefined || children === null ? [] : [children];
  for (var i = 0; i < list.length; i += 1) {
    var child = list[i];
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** A renderer view tree → DOM nodes, re-checking every tag, attribute and link. */
function materialize(vnode) {
  if (typeof vnode === 'string') return document.createTextNode(vnode);
  if (!vnode || !SlackRender.isAllowedTag(vnode.tag)) return document.createTextNode('');
  var node = document.createElement(vnode.tag);
  var attrs = vnode.attrs || {};
  var names = Object.keys(attrs);
  for (var i = 0; i < names.length; i += 1) {
    var name = names[i];
    if (!SlackRender.isAllowedAttribute(name)) continue;
    if (name === 'href' && SlackRender.safeUrl(attrs[name]) === undefined) continue;
    node.setAttribute(name, String(attrs[name]));
  }
  var color = attrs['data-color'];
  if (color && /^#[0-9a-f]{6}$/i.test(color)) node.style.borderLeftColor = color;
  var children = vnode.children || [];
  for (var j = 0; j < children.length; j += 1) node.appendChild(materialize(children[j]));
  return node;
}

function materializeAll(vnodes) {
  var fragment = document.createDocumentFragment();
  for (var i = 0; i < vnodes.length; i += 1) fragment.appendChild(materialize(vnodes[i]));
  return fragment;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** POSTs JSON to the playground API; resolves with the parsed answer (errors become `{ ok: false }`). */
function api(path, body) {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (res) {
      return res.json().catch(function () {
        return { ok: false, error: 'HTTP ' + res.status };
      });
    })
    .catch(function (error) {
      return { ok: false, error: String(error && error.message ? error.message : error) };
    });
}

/** Copies a code block's text; falls back to selecting it when the clipboard is not available. */
function copyText(pre, button) {
  var text = pre.textContent || '';
  var done = function () {
    button.textContent = 'Copied';
    setTimeout(function () {
      button.textContent = 'Copy';
    }, 1500);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(done, function () {
      selectText(pre);
    });
  } else {
    selectText(pre);
  }
}

function selectText(node) {
  var range = document.createRange();
  range.selectNodeContents(node);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

/** `1795951629.757000` → a short local time, for message headers. */
function timeOfTs(ts) {
  var date = new Date(Number(String(ts).split('.')[0]) * 1000);
  return date.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

function initials(name) {
  return String(name || '?').charAt(0).toUpperCase();
}
