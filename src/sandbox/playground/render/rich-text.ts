/**
 * `rich_text` blocks: sections, lists, quotes and `rich_text_preformatted` code blocks (with a copy
 * button). Rich-text `text` is literal — no mrkdwn, no entities — which is why the bot puts its
 * remediation snippets there (slack-reference.md §3).
 * @module
 */
import { emojiFor } from './emoji.js';
import { dateNode, emojiNode, linkNode, mentionNode, type RenderContext } from './inline.js';
import { asObject, list, str, type Json } from './json.js';
import { h, type VNode } from './vnode.js';

/** Applies `style: { bold, italic, strike, code }` by nesting, innermost first. */
function styled(node: VNode, style: Json | undefined): VNode {
  let out = node;
  if (style?.['code'] === true) out = h('code', { class: 'inline-code' }, [out]);
  if (style?.['strike'] === true) out = h('s', {}, [out]);
  if (style?.['italic'] === true) out = h('em', {}, [out]);
  if (style?.['bold'] === true) out = h('strong', {}, [out]);
  return out;
}

function richInline(element: Json, ctx: RenderContext): VNode {
  const style = asObject(element['style']);
  switch (element['type']) {
    case 'text':
      return styled(str(element['text']), style);
    case 'link': {
      const url = str(element['url']);
      return styled(linkNode(url, str(element['text']) || url), style);
    }
    case 'emoji': {
      const name = str(element['name']);
      const emoji = emojiFor(name);
      return emoji ? emojiNode(name, emoji) : `:${name}:`;
    }
    case 'user': {
      const id = str(element['user_id']);
      return styled(mentionNode('user', `@${ctx.userName(id) ?? id}`), style);
    }
    case 'channel': {
      const id = str(element['channel_id']);
      return styled(mentionNode('channel', `#${ctx.channelName(id) ?? id}`), style);
    }
    case 'usergroup':
      return mentionNode('usergroup', `@${str(element['usergroup_id'])}`);
    case 'broadcast':
      return mentionNode('broadcast', `@${str(element['range'])}`);
    case 'date':
      return dateNode(Number(element['timestamp']), str(element['format']), str(element['fallback']), ctx, str(element['url']) || undefined);
    default:
      return h('span', { class: 'unsupported' }, [`[${str(element['type']) || 'unknown'}]`]);
  }
}

function inlines(element: Json, ctx: RenderContext): VNode[] {
  return list(element['elements']).map((child) => richInline(child, ctx));
}

/** A code block with a copy button; the page copies the `pre`'s text, so nothing is duplicated. */
export function codeBlock(text: string, language?: string): VNode {
  return h('div', { class: 'code-wrap' }, [
    h('pre', { class: 'code-block', 'data-language': language || undefined }, [text]),
    h('button', { type: 'button', class: 'copy-button', 'data-copy': 'code', 'aria-label': 'Copy code' }, ['Copy']),
  ]);
}

function richElement(element: Json, ctx: RenderContext): VNode {
  switch (element['type']) {
    case 'rich_text_section':
      return h('div', { class: 'rt-section' }, inlines(element, ctx));
    case 'rich_text_preformatted': {
      // Slack keeps styling out of code blocks: the concatenated text is what runs.
      const text = list(element['elements'])
        .map((child) => (child['type'] === 'link' ? str(child['text']) || str(child['url']) : str(child['text'])))
        .join('');
      return codeBlock(text, str(element['language']) || undefined);
    }
    case 'rich_text_quote':
      return h('blockquote', { class: 'rt-quote' }, inlines(element, ctx));
    case 'rich_text_list': {
      const tag = element['style'] === 'ordered' ? 'ol' : 'ul';
      const indent = Math.min(Math.max(Number(element['indent']) || 0, 0), 8);
      const items = list(element['elements']).map((item) => h('li', {}, inlines(item, ctx)));
      return h(tag, { class: `rt-list indent-${indent}` }, items);
    }
    default:
      return h('div', { class: 'unsupported' }, [`Unsupported rich text element: ${str(element['type']) || 'unknown'}`]);
  }
}

export function renderRichText(block: Json, ctx: RenderContext): VNode[] {
  return list(block['elements']).map((element) => richElement(element, ctx));
}
