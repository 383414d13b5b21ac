/**
 * Block Kit limits in one place (slack-reference.md §3) and the two functions that guarantee them
 * for whatever a view built: `fitMessage` (chat messages: 50 blocks and a total text budget, since
 * Slack answers `msg_blocks_too_long` well below 50 × 3000 characters) and `fitView` (modals and
 * Home: 100 blocks). Views size their own content first; these are the safety net that makes an
 * oversized answer degrade into a shorter one instead of an API error.
 * @module
 */
import type { Button, ContextBlock, HomeView, KnownBlock, ModalView, PlainTextElement } from '@slack/types';
import { truncate, truncateMrkdwn } from './escape.js';

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** Any text object, `section.text` included. */
  text: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  contextElements: 10,
  actionsElements: 25,
  blockId: 255,
  actionId: 255,
  modalTitle: 24,
  modalSubmit: 24,
  modalClose: 24,
  privateMetadata: 3000,
  /** Our budget for all block text of one message; Slack refused ~13.2k in bolt-js#2509. */
  messageTextBudget: 12_000,
  /** Top-level `text`: Slack advises ≤ 4000; notifications show far less. */
  topLevelText: 3000,
  /** Our own cap for one rich-text run (a snippet): Slack documents none, so stay at the text-object limit. */
  richText: 3000,
} as const;

export interface SlackMessagePayload {
  /** mrkdwn fallback for notifications and screen readers; always escaped. */
  text: string;
  blocks: KnownBlock[];
}

export type SlackView = ModalView | HomeView;

export interface FitOptions {
  /** What the overflow line points to: `… N more — <hint>`. */
  overflowHint?: string;
  /**
   * Trailing blocks that must survive (buttons). Default: the trailing run of `actions` blocks.
   */
  keepTail?: number;
}

const DEFAULT_HINT = 'see the attached report';
/** Blocks that cannot fit even alone below this much remaining budget are dropped, not shrunk. */
const MIN_SHRINK_BUDGET = 200;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Characters Slack counts toward `msg_blocks_too_long`: every string under a `text` key. */
export function textSize(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + textSize(item), 0);
  if (!isObject(value)) return 0;
  let sum = 0;
  for (const [key, child] of Object.entries(value)) sum += key === 'text' && typeof child === 'string' ? child.length : textSize(child);
  return sum;
}

function clampTextObject<T>(value: T, max: number): T {
  if (!isObject(value) || typeof value['text'] !== 'string') return value;
  const text = value['text'];
  if (text.length <= max) return value;
  const clipped = value['type'] === 'mrkdwn' ? truncateMrkdwn(text, max) : truncate(text, max);
  return { ...value, text: clipped };
}

/** Caps a button's text; a button whose value or URL is over the limit is unusable and dropped. */
function clampElement<T>(element: T): T | undefined {
  if (!isObject(element) || element['type'] !== 'button') return element;
  const button = element as unknown as Button;
  if ((button.value?.length ?? 0) > LIMITS.buttonValue || (button.url?.length ?? 0) > LIMITS.buttonUrl) return undefined;
  if ((button.action_id?.length ?? 0) > LIMITS.actionId) return undefined;
  return { ...element, text: clampTextObject(button.text, LIMITS.buttonText) };
}

/** One block brought within every per-block limit, or `undefined` when nothing usable is left. */
export function clampBlock(block: KnownBlock, maxText: number = LIMITS.text): KnownBlock | undefined {
  const base = block.block_id && block.block_id.length > LIMITS.blockId ? { ...block, block_id: block.block_id.slice(0, LIMITS.blockId) } : block;
  switch (base.type) {
    case 'header':
      return { ...base, text: clampTextObject(base.text, Math.min(LIMITS.headerText, maxText)) };
    case 'section': {
      const out = { ...base };
      if (out.text) out.text = clampTextObject(out.text, maxText);
      if (out.fields) out.fields = out.fields.slice(0, LIMITS.fields).map((f) => clampTextObject(f, Math.min(LIMITS.fieldText, maxText)));
      if (out.accessory) {
        const accessory = clampElement(out.accessory);
        if (accessory) out.accessory = accessory;
        else delete out.accessory;
      }
      if (!out.text && (!out.fields || out.fields.length === 0)) return undefined;
      return out;
    }
    case 'context': {
      const elements = base.elements.slice(0, LIMITS.contextElements).map((e) => clampTextObject(e, maxText));
      return elements.length > 0 ? { ...base, elements } : undefined;
    }
    case 'actions': {
      const elements = base.elements
        .map((e) => clampElement(e))
        .filter((e): e is NonNullable<typeof e> => e !== undefined)
        .slice(0, LIMITS.actionsElements);
      return elements.length > 0 ? { ...base, elements } : undefined;
    }
    case 'rich_text':
      return capRichText(base, LIMITS.richText) as KnownBlock;
    default:
      return base;
  }
}

function trailingActions(blocks: readonly KnownBlock[]): number {
  let n = 0;
  while (n < blocks.length && blocks[blocks.length - 1 - n]?.type === 'actions') n += 1;
  return n;
}

/** The line that replaces dropped blocks. */
export function overflowBlock(count: number, hint: string = DEFAULT_HINT): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(`… ${count} more — ${hint}`, LIMITS.text), verbatim: true }] };
}

/**
 * Keeps blocks from the top while they fit `maxBlocks` and `budget`, always keeping the tail, and
 * replaces what was dropped with one overflow line. A block too big for what is left of the budget
 * is shrunk once (its texts capped) when enough budget remains, else dropped with the rest.
 */
export function fitBlocks(blocks: readonly KnownBlock[], maxBlocks: number, budget: number, options: FitOptions = {}): KnownBlock[] {
  const clamped = blocks.map((b) => clampBlock(b)).filter((b): b is KnownBlock => b !== undefined);
  const tailCount = Math.min(options.keepTail ?? trailingActions(clamped), clamped.length, maxBlocks - 1);
  const head = clamped.slice(0, clamped.length - tailCount);
  const tail = clamped.slice(clamped.length - tailCount);
  if (clamped.length <= maxBlocks && textSize(clamped) <= budget) return clamped;

  // Something will be cut: reserve a block and budget for the overflow line.
  const maxHead = maxBlocks - tail.length - 1;
  let remaining = budget - textSize(tail) - textSize(overflowBlock(head.length, options.overflowHint));
  const kept: KnownBlock[] = [];
  for (const block of head) {
    if (kept.length >= maxHead) break;
    const size = textSize(block);
    if (size <= remaining) {
      kept.push(block);
      remaining -= size;
      continue;
    }
    if (remaining >= MIN_SHRINK_BUDGET) {
      const shrunk = shrinkToFit(block, remaining);
      if (shrunk) kept.push(shrunk);
    }
    break;
  }
  const dropped = head.length - kept.length;
  return dropped > 0 ? [...kept, overflowBlock(dropped, options.overflowHint), ...tail] : [...kept, ...tail];
}

/** Caps each text of one block so the block's total fits `room`, or `undefined` if it cannot. */
function shrinkToFit(block: KnownBlock, room: number): KnownBlock | undefined {
  for (let cap = Math.floor(room / 2); cap >= 20; cap = Math.floor(cap / 2)) {
    const shrunk = block.type === 'rich_text' ? (capRichText(block, cap) as KnownBlock) : clampBlock(block, cap);
    if (shrunk && textSize(shrunk) <= room) return shrunk;
  }
  return undefined;
}

/** Rich text: caps every text run at `cap` (snippets are the only long ones we send). */
function capRichText(value: unknown, cap: number): unknown {
  if (Array.isArray(value)) return value.map((v) => capRichText(v, cap));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) out[key] = key === 'text' && typeof child === 'string' ? truncate(child, cap) : capRichText(child, cap);
  return out;
}

/**
 * Brings a chat message within Slack's limits: per-block limits, ≤ 50 blocks, ≤ 12,000 characters
 * of block text, top-level `text` ≤ 3000 — dropping trailing content (never the buttons at the
 * end) behind a final "… N more — see the attached report" line.
 */
export function fitMessage<T extends SlackMessagePayload>(message: T, options: FitOptions = {}): T {
  return {
    ...message,
    text: truncateMrkdwn(message.text, LIMITS.topLevelText),
    blocks: fitBlocks(message.blocks, LIMITS.messageBlocks, LIMITS.messageTextBudget, options),
  };
}

function clampPlain(text: PlainTextElement | undefined, max: number): PlainTextElement | undefined {
  return text ? { ...text, text: truncate(text.text, max) } : undefined;
}

/**
 * Brings a modal or Home view within Slack's limits: ≤ 100 blocks, per-block limits, title,
 * submit and close ≤ 24. `private_metadata` over 3000 characters is a bug in the caller (it cannot
 * be shortened without losing meaning), so it throws rather than sending something Slack refuses.
 */
export function fitView<T extends SlackView>(view: T, options: FitOptions = {}): T {
  if ((view.private_metadata?.length ?? 0) > LIMITS.privateMetadata) {
    throw new RangeError(`private_metadata is ${view.private_metadata?.length} characters; Slack allows ${LIMITS.privateMetadata}`);
  }
  const blocks = fitBlocks(view.blocks as KnownBlock[], LIMITS.viewBlocks, Number.POSITIVE_INFINITY, options);
  if (view.type === 'home') return { ...view, blocks };
  const modal: ModalView = { ...view, blocks, title: clampPlain(view.title, LIMITS.modalTitle) ?? view.title };
  const submit = clampPlain(view.submit, LIMITS.modalSubmit);
  const close = clampPlain(view.close, LIMITS.modalClose);
  if (submit) modal.submit = submit;
  if (close) modal.close = close;
  return modal as T;
}
