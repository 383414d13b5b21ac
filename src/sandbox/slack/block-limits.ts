/**
 * Loose Block Kit validation for the sandbox Slack: enough of Slack's published limits
 * (slack-reference.md §3) that a message the real API would refuse is refused here too, with the
 * same error codes and `[ERROR] … [json-pointer:…]` messages Slack puts in `response_metadata`.
 * It is deliberately not a full schema: unknown block types pass.
 * @module
 */

export type BlocksErrorCode = 'invalid_blocks' | 'invalid_blocks_format' | 'msg_blocks_too_long' | 'invalid_arguments';

export interface BlocksProblem {
  error: BlocksErrorCode;
  messages: string[];
}

/** Reported around 13.2k characters of combined text (bolt-js#2509); the exact limit is undocumented. */
export const MAX_TOTAL_BLOCK_TEXT = 13_200;
export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;

const LIMITS = {
  text: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  id: 255,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  markdown: 12_000,
  viewTitle: 24,
  privateMetadata: 3000,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isObject(value) && typeof value['text'] === 'string' ? value['text'] : undefined;
}

/** Sum of every string under a `text` key: text objects, rich-text runs, markdown blocks. */
function totalText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + totalText(item), 0);
  if (!isObject(value)) return 0;
  let sum = 0;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'text' && typeof child === 'string') sum += child.length;
    else sum += totalText(child);
  }
  return sum;
}

function tooLong(pointer: string, max: number): string {
  return `[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`;
}

function checkElement(element: unknown, pointer: string, errors: string[], actionIds: Set<string>): void {
  if (!isObject(element)) return;
  const actionId = element['action_id'];
  if (typeof actionId === 'string') {
    if (actionId.length > LIMITS.id) errors.push(tooLong(`${pointer}/action_id`, LIMITS.id));
    if (actionIds.has(actionId)) errors.push(`[ERROR] action_id must be unique within a block [json-pointer:${pointer}/action_id]`);
    actionIds.add(actionId);
  }
  if (element['type'] !== 'button') return;
  const text = textOf(element['text']);
  if (text === undefined) errors.push(`[ERROR] missing required field: text [json-pointer:${pointer}]`);
  else if (text.length > LIMITS.buttonText) errors.push(tooLong(`${pointer}/text/text`, LIMITS.buttonText));
  const value = element['value'];
  if (typeof value === 'string' && value.length > LIMITS.buttonValue) errors.push(tooLong(`${pointer}/value`, LIMITS.buttonValue));
  const url = element['url'];
  if (typeof url === 'string' && url.length > LIMITS.buttonUrl) errors.push(tooLong(`${pointer}/url`, LIMITS.buttonUrl));
}

function checkBlock(block: unknown, pointer: string, errors: string[]): void {
  if (!isObject(block) || typeof block['type'] !== 'string') {
    errors.push(`[ERROR] missing required field: type [json-pointer:${pointer}]`);
    return;
  }
  const actionIds = new Set<string>();
  const text = block['text'];
  switch (block['type']) {
    case 'section': {
      const fields = block['fields'];
      const body = textOf(text);
      if (body === undefined && !Array.isArray(fields)) errors.push(`[ERROR] must provide either text or fields [json-pointer:${pointer}]`);
      if (body === '') errors.push(`[ERROR] must be at least 1 character [json-pointer:${pointer}/text/text]`);
      if (body !== undefined && body.length > LIMITS.text) errors.push(tooLong(`${pointer}/text/text`, LIMITS.text));
      if (Array.isArray(fields)) {
        if (fields.length > LIMITS.fields) errors.push(`[ERROR] no more than ${LIMITS.fields} items allowed [json-pointer:${pointer}/fields]`);
        fields.forEach((field, i) => {
          if ((textOf(field)?.length ?? 0) > LIMITS.field) errors.push(tooLong(`${pointer}/fields/${i}/text`, LIMITS.field));
        });
      }
      checkElement(block['accessory'], `${pointer}/accessory`, errors, actionIds);
      break;
    }
    case 'header': {
      const body = textOf(text);
      if (!isObject(text) || text['type'] !== 'plain_text') errors.push(`[ERROR] must be a plain_text object [json-pointer:${pointer}/text]`);
      if (body !== undefined && body.length > LIMITS.header) errors.push(tooLong(`${pointer}/text/text`, LIMITS.header));
      break;
    }
    case 'markdown':
      if (typeof text !== 'string' || text.length > LIMITS.markdown) errors.push(tooLong(`${pointer}/text`, LIMITS.markdown));
      break;
    case 'context':
    case 'actions': {
      const elements = block['elements'];
      const max = block['type'] === 'context' ? LIMITS.contextElements : LIMITS.actionsElements;
      if (!Array.isArray(elements) || elements.length === 0) errors.push(`[ERROR] missing required field: elements [json-pointer:${pointer}]`);
      else if (elements.length > max) errors.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}/elements]`);
      else elements.forEach((element, i) => checkElement(element, `${pointer}/elements/${i}`, errors, actionIds));
      break;
    }
    case 'rich_text':
      if (!Array.isArray(block['elements'])) errors.push(`[ERROR] missing required field: elements [json-pointer:${pointer}]`);
      break;
    default:
      break;
  }
}

function checkBlockList(blocks: unknown[], max: number, errors: string[]): void {
  if (blocks.length > max) errors.push(`[ERROR] no more than ${max} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    checkBlock(block, `/blocks/${i}`, errors);
    const blockId = isObject(block) ? block['block_id'] : undefined;
    if (typeof blockId !== 'string') return;
    if (blockId.length > LIMITS.id) errors.push(tooLong(`/blocks/${i}/block_id`, LIMITS.id));
    if (blockIds.has(blockId)) errors.push(`[ERROR] block_id must be unique [json-pointer:/blocks/${i}/block_id]`);
    blockIds.add(blockId);
  });
}

/** Checks a message's `blocks` (already JSON-decoded); `undefined` means Slack would accept them. */
export function checkMessageBlocks(blocks: unknown): BlocksProblem | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format', messages: ['[ERROR] must be an array [json-pointer:/blocks]'] };
  const errors: string[] = [];
  checkBlockList(blocks, MAX_MESSAGE_BLOCKS, errors);
  if (errors.length > 0) return { error: 'invalid_blocks', messages: errors };
  const total = totalText(blocks);
  if (total > MAX_TOTAL_BLOCK_TEXT) {
    return { error: 'msg_blocks_too_long', messages: [`[ERROR] combined block text is ${total} characters [json-pointer:/blocks]`] };
  }
  return undefined;
}

/** Checks a modal or Home view; Slack answers `invalid_arguments` for views. */
export function checkView(view: unknown, expectedType: 'modal' | 'home'): BlocksProblem | undefined {
  if (!isObject(view)) return { error: 'invalid_arguments', messages: ['[ERROR] must be an object [json-pointer:/view]'] };
  const errors: string[] = [];
  if (view['type'] !== expectedType) errors.push(`[ERROR] must be "${expectedType}" [json-pointer:/view/type]`);
  const blocks = view['blocks'];
  if (!Array.isArray(blocks)) errors.push('[ERROR] missing required field: blocks [json-pointer:/view/blocks]');
  else checkBlockList(blocks, MAX_VIEW_BLOCKS, errors);
  if (expectedType === 'modal') {
    const title = textOf(view['title']);
    if (title === undefined) errors.push('[ERROR] missing required field: title [json-pointer:/view/title]');
    else if (title.length > LIMITS.viewTitle) errors.push(tooLong('/view/title/text', LIMITS.viewTitle));
  }
  const metadata = view['private_metadata'];
  if (typeof metadata === 'string' && metadata.length > LIMITS.privateMetadata) errors.push(tooLong('/view/private_metadata', LIMITS.privateMetadata));
  return errors.length > 0 ? { error: 'invalid_arguments', messages: errors } : undefined;
}
