/**
 * Test support (pure): reads rendered messages and views the way Slack would — every limit of
 * slack-reference.md §3 as a list of problems, every mrkdwn text, every button — so tests assert
 * on what Slack receives rather than on how a view built it.
 * @module
 */
import { LIMITS, textSize } from '../../limits.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return isObject(value) && typeof value['text'] === 'string' ? value['text'] : undefined;
}

function checkButton(el: Json, at: string, problems: string[]): void {
  const text = textOf(el['text']);
  if (text === undefined || text.length === 0 || text.length > LIMITS.buttonText) problems.push(`${at}: button text length ${text?.length}`);
  if (typeof el['value'] === 'string' && el['value'].length > LIMITS.buttonValue) problems.push(`${at}: button value ${el['value'].length}`);
  if (typeof el['url'] === 'string' && el['url'].length > LIMITS.buttonUrl) problems.push(`${at}: button url ${el['url'].length}`);
}

function checkBlock(block: Json, at: string, problems: string[]): void {
  const ids = new Set<string>();
  const elements = [block['accessory'], ...(Array.isArray(block['elements']) ? block['elements'] : [])].filter(isObject);
  for (const [i, el] of elements.entries()) {
    const actionId = el['action_id'];
    if (typeof actionId === 'string') {
      if (actionId.length > LIMITS.actionId) problems.push(`${at}/${i}: action_id too long`);
      if (ids.has(actionId)) problems.push(`${at}: duplicate action_id ${actionId}`);
      ids.add(actionId);
    }
    if (el['type'] === 'button') checkButton(el, `${at}/${i}`, problems);
  }
  const text = block['text'];
  switch (block['type']) {
    case 'header': {
      const t = textOf(text);
      if (!isObject(text) || text['type'] !== 'plain_text') problems.push(`${at}: header must be plain_text`);
      if (t === undefined || t.length === 0 || t.length > LIMITS.headerText) problems.push(`${at}: header length ${t?.length}`);
      break;
    }
    case 'section': {
      const t = textOf(text);
      const fields = block['fields'];
      if (t === undefined && !Array.isArray(fields)) problems.push(`${at}: section without text or fields`);
      if (t !== undefined && (t.length === 0 || t.length > LIMITS.text)) problems.push(`${at}: section text length ${t.length}`);
      if (Array.isArray(fields)) {
        if (fields.length > LIMITS.fields) problems.push(`${at}: ${fields.length} fields`);
        for (const f of fields) if ((textOf(f)?.length ?? 0) > LIMITS.fieldText || (textOf(f)?.length ?? 0) === 0) problems.push(`${at}: field length`);
      }
      break;
    }
    case 'context':
    case 'actions': {
      const els = block['elements'];
      const max = block['type'] === 'context' ? LIMITS.contextElements : LIMITS.actionsElements;
      if (!Array.isArray(els) || els.length === 0 || els.length > max) problems.push(`${at}: ${block['type']} has ${Array.isArray(els) ? els.length : 0} elements`);
      if (block['type'] === 'context' && Array.isArray(els)) {
        for (const el of els) if ((textOf(el)?.length ?? 1) === 0 || (textOf(el)?.length ?? 0) > LIMITS.text) problems.push(`${at}: context text length`);
      }
      break;
    }
    default:
      break;
  }
}

/** Every way `blocks` break Slack's limits for a message (`surface: 'message'`) or a modal/Home. */
export function limitProblems(payload: { blocks: unknown[]; text?: string; title?: unknown }, surface: 'message' | 'view'): string[] {
  const problems: string[] = [];
  const max = surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (payload.blocks.length > max) problems.push(`${payload.blocks.length} blocks (max ${max})`);
  const blockIds = new Set<string>();
  payload.blocks.forEach((block, i) => {
    if (!isObject(block)) return void problems.push(`/blocks/${i}: not an object`);
    checkBlock(block, `/blocks/${i}`, problems);
    const id = block['block_id'];
    if (typeof id === 'string') {
      if (blockIds.has(id)) problems.push(`/blocks/${i}: duplicate block_id`);
      blockIds.add(id);
    }
  });
  if (surface === 'message') {
    const size = textSize(payload.blocks);
    if (size > LIMITS.messageTextBudget) problems.push(`block text ${size} > ${LIMITS.messageTextBudget}`);
    if (payload.text === undefined || payload.text.length === 0 || payload.text.length > LIMITS.topLevelText) problems.push(`top-level text length ${payload.text?.length}`);
  }
  const title = textOf(payload.title);
  if (title !== undefined && title.length > LIMITS.modalTitle) problems.push(`title length ${title.length}`);
  return problems;
}

/** Every mrkdwn string Slack would parse: mrkdwn text objects and the top-level `text`. */
export function mrkdwnTexts(payload: { blocks: unknown[]; text?: string }): string[] {
  const out: string[] = payload.text !== undefined ? [payload.text] : [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!isObject(value)) return;
    if (value['type'] === 'mrkdwn' && typeof value['text'] === 'string') out.push(value['text']);
    for (const child of Object.values(value)) walk(child);
  };
  walk(payload.blocks);
  return out;
}

export interface RenderedButton {
  actionId: string;
  text: string;
  value?: string;
  url?: string;
}

export function buttons(payload: { blocks: unknown[] }): RenderedButton[] {
  const out: RenderedButton[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!isObject(value)) return;
    if (value['type'] === 'button') {
      const b: RenderedButton = { actionId: String(value['action_id']), text: textOf(value['text']) ?? '' };
      if (typeof value['value'] === 'string') b.value = value['value'];
      if (typeof value['url'] === 'string') b.url = value['url'];
      out.push(b);
    }
    for (const child of Object.values(value)) walk(child);
  };
  walk(payload.blocks);
  return out;
}

/** True when some key anywhere is named `key` (e.g. `link_names`, `parse`). */
export function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKey(v, key));
  if (!isObject(value)) return false;
  return Object.entries(value).some(([k, v]) => k === key || hasKey(v, key));
}

const OWN_DATE = /^<!date\^\d+\^\{date_short_pretty\} at \{time\}\|\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC>$/;

/**
 * The `<…>` sequences in mrkdwn `text` that we did not put there ourselves, plus any stray `<`/`>`.
 * Ours are a date token from our clock and mentions of the exact user and channel ids the test
 * passed as trusted; anything else (`<!channel>`, `<http…|…>`, `<@U123>` from a job name) means
 * input got through unescaped.
 */
export function foreignSequences(text: string, trusted: { users?: string[]; channels?: string[] } = {}): string[] {
  const own = new Set([...(trusted.users ?? []).map((u) => `<@${u}>`), ...(trusted.channels ?? []).map((c) => `<#${c}>`)]);
  const found: string[] = [];
  const rest = text.replace(/<[^<>]*>/g, (seq) => {
    if (!OWN_DATE.test(seq) && !own.has(seq)) found.push(seq);
    return '';
  });
  if (/[<>]/.test(rest)) found.push(`stray bracket in ${JSON.stringify(rest.slice(0, 80))}`);
  return found;
}
