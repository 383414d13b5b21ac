/**
 * The playground's renderer: pure functions from Slack's mrkdwn and Block Kit JSON to a DOM-free
 * view tree. Importable in Node (unit tests) and shipped to the page by bundle.ts, where this
 * module's exports become `window.SlackRender`.
 * @module
 */
export { TAGS, elementsOf, h, isAllowedAttribute, isAllowedTag, safeUrl, textOf, toHtml, type Tag, type VElement, type VNode } from './vnode.js';
export { EMOJI, emojiFor, splitEmoji } from './emoji.js';
export { controlSequence, decodeEntities, parseMrkdwn, type Inline } from './mrkdwn.js';
export { formatSlackDate, type DateFormatOptions } from './slack-date.js';
export {
  EMPTY_CONTEXT,
  createRenderContext,
  plainTextOf,
  renderInlines,
  renderMrkdwn,
  renderPlain,
  renderTextObject,
  type RenderContext,
} from './inline.js';
export { codeBlock, renderRichText } from './rich-text.js';
export { buttonNode, renderBlocks, renderMessageContent, renderView, type MessageContent, type ViewParts } from './blocks.js';
