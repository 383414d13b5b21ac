/**
 * Block Kit → view nodes for messages, modals and the App Home: header, section (text, fields,
 * accessory), context, divider, actions, rich_text, image (alt text only: the page is offline),
 * markdown and input; anything else shows as "unsupported" instead of disappearing. Buttons carry
 * `data-action-id` and `data-block-index` so the page can send the exact `block_actions` click.
 * @module
 */
import { plainTextOf, renderMrkdwn, renderPlain, renderTextObject, type RenderContext } from './inline.js';
import { asObject, list, str, type Json } from './json.js';
import { renderRichText } from './rich-text.js';
import { h, safeUrl, type VNode } from './vnode.js';

function unsupported(what: string): VNode {
  return h('span', { class: 'unsupported' }, [`[unsupported ${what}]`]);
}

/**
 * A button: URL buttons are links that open in a new tab (the page also sends their action, as
 * Slack does); `primary` / `danger` styles become classes.
 */
export function buttonNode(element: Json, blockIndex: number): VNode {
  const style = element['style'] === 'primary' || element['style'] === 'danger' ? ` btn-${element['style']}` : '';
  const label = plainTextOf(element['text']);
  const common = {
    class: `btn${style}`,
    'data-action-id': str(element['action_id']) || undefined,
    'data-block-index': String(blockIndex),
  };
  const href = safeUrl(str(element['url']));
  if (href) return h('a', { ...common, href, target: '_blank', rel: 'noopener noreferrer' }, renderPlain(label));
  return h('button', { ...common, type: 'button' }, renderPlain(label));
}

function elementNode(element: Json, blockIndex: number, ctx: RenderContext): VNode {
  switch (element['type']) {
    case 'button':
      return buttonNode(element, blockIndex);
    case 'image':
      return h('span', { class: 'image-alt', role: 'img', 'aria-label': str(element['alt_text']) }, [`🖼 ${str(element['alt_text'])}`]);
    case 'mrkdwn':
    case 'plain_text':
      return h('span', {}, renderTextObject(element, ctx));
    default:
      return unsupported(`element: ${str(element['type']) || 'unknown'}`);
  }
}

function section(block: Json, index: number, ctx: RenderContext): VNode[] {
  const text = block['text'] ? [h('div', { class: 'section-text' }, renderTextObject(block['text'], ctx))] : [];
  const fields = list(block['fields']);
  const grid = fields.length > 0 ? [h('div', { class: 'fields' }, fields.map((field) => h('div', { class: 'field' }, renderTextObject(field, ctx))))] : [];
  const accessory = asObject(block['accessory']);
  return [
    h('div', { class: 'section-main' }, [...text, ...grid]),
    ...(accessory ? [h('div', { class: 'accessory' }, [elementNode(accessory, index, ctx)])] : []),
  ];
}

function blockBody(block: Json, index: number, ctx: RenderContext): VNode[] {
  switch (block['type']) {
    case 'header':
      return [h('h3', { class: 'block-header' }, renderTextObject(block['text'], ctx))];
    case 'section':
      return section(block, index, ctx);
    case 'context':
    case 'actions':
      return list(block['elements']).map((element) => elementNode(element, index, ctx));
    case 'divider':
      return [h('hr', {})];
    case 'rich_text':
      return renderRichText(block, ctx);
    case 'image':
      return [h('div', { class: 'image-alt' }, [`🖼 ${str(block['alt_text']) || 'image'}`])];
    case 'markdown':
      return [h('div', { class: 'markdown' }, [str(block['text'])])];
    case 'input': {
      const hint = plainTextOf(block['hint']);
      return [
        h('div', { class: 'input-label' }, renderPlain(plainTextOf(block['label']))),
        unsupported(`input: ${str(asObject(block['element'])?.['type']) || 'unknown'}`),
        ...(hint ? [h('div', { class: 'input-hint' }, [hint])] : []),
      ];
    }
    default:
      return [unsupported(`block: ${str(block['type']) || 'unknown'}`)];
  }
}

/** Renders a list of blocks from untrusted JSON; each block is a `div.block` with its index. */
export function renderBlocks(blocks: unknown, ctx: RenderContext): VNode[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.map((raw, index) => {
    const block = asObject(raw) ?? {};
    const type = str(block['type']).replace(/[^a-z_]/g, '') || 'unknown';
    return h('div', { class: `block block-${type}`, 'data-block-index': String(index) }, blockBody(block, index, ctx));
  });
}

export interface MessageContent {
  text?: string;
  blocks?: unknown;
  attachments?: unknown;
}

const ATTACHMENT_COLORS = new Set(['good', 'warning', 'danger']);

function attachmentNode(attachment: Json, ctx: RenderContext): VNode {
  const color = str(attachment['color']);
  const named = ATTACHMENT_COLORS.has(color) ? color : undefined;
  const hex = /^#?[0-9a-f]{6}$/i.test(color) ? `#${color.replace('#', '')}` : undefined;
  const body = Array.isArray(attachment['blocks'])
    ? renderBlocks(attachment['blocks'], ctx)
    : renderMrkdwn(str(attachment['text']) || str(attachment['fallback']), ctx);
  return h('div', { class: `attachment${named ? ` attachment-${named}` : ''}`, 'data-color': hex }, body);
}

/**
 * A message body as Slack shows it: the blocks when there are any, else the top-level `text`
 * as mrkdwn; legacy attachments below.
 */
export function renderMessageContent(message: MessageContent, ctx: RenderContext): VNode[] {
  const blocks = Array.isArray(message.blocks) && message.blocks.length > 0 ? renderBlocks(message.blocks, ctx) : [];
  const body = blocks.length > 0 ? blocks : [h('div', { class: 'message-text' }, renderMrkdwn(message.text ?? '', ctx))];
  return [...body, ...list(message.attachments).map((a) => attachmentNode(a, ctx))];
}

export interface ViewParts {
  title: string;
  close?: string;
  submit?: string;
  body: VNode[];
}

/** A modal or Home view: title and button labels as plain strings (the page builds the chrome), blocks as nodes. */
export function renderView(view: unknown, ctx: RenderContext): ViewParts {
  const v = asObject(view) ?? {};
  const close = plainTextOf(v['close']);
  const submit = plainTextOf(v['submit']);
  return {
    title: plainTextOf(v['title']),
    ...(close ? { close } : {}),
    ...(submit ? { submit } : {}),
    body: renderBlocks(v['blocks'], ctx),
  };
}
