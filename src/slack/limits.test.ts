import type { ActionsBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from './escape.js';
import { clampBlock, fitMessage, fitView, LIMITS, textSize } from './limits.js';
import { limitProblems } from './views/testing/inspect.js';

const sectionOf = (text: string): SectionBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const buttons: ActionsBlock = {
  type: 'actions',
  elements: [{ type: 'button', text: { type: 'plain_text', text: 'Recheck' }, action_id: 'recheck_job', value: '{}' }],
};

describe('textSize', () => {
  it('counts every string under a text key, nested ones included', () => {
    const blocks: KnownBlock[] = [sectionOf('abc'), buttons, { type: 'rich_text', elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: '12345' }] }] }];
    expect(textSize(blocks)).toBe(3 + 'Recheck'.length + 5);
  });
});

/** Reads a nested member of rendered JSON, e.g. `dig(block, 'text', 'text')`. */
function dig(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);
}
const len = (value: unknown) => (typeof value === 'string' || Array.isArray(value) ? value.length : -1);
const longButton = (extra: Record<string, string>) => ({ type: 'button', text: { type: 'plain_text', text: 'x' }, action_id: 'a', ...extra });

describe('clampBlock', () => {
  it.each`
    name                        | block                                                                                                                            | path                                             | expected
    ${'header over 150'}        | ${{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(200) } }}                                                       | ${['text', 'text']}                              | ${150}
    ${'section over 3000'}      | ${sectionOf('a'.repeat(5000))}                                                                                                   | ${['text', 'text']}                              | ${3000}
    ${'12 fields'}              | ${{ type: 'section', fields: Array.from({ length: 12 }, () => ({ type: 'mrkdwn', text: 'f'.repeat(2500) })) }}                    | ${['fields']}                                    | ${10}
    ${'field over 2000'}        | ${{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2500) }] }}                                                     | ${['fields', 0, 'text']}                         | ${2000}
    ${'12 context elements'}    | ${{ type: 'context', elements: Array.from({ length: 12 }, () => ({ type: 'mrkdwn', text: 'c' })) }}                              | ${['elements']}                                  | ${10}
    ${'button value over 2000'} | ${{ type: 'actions', elements: [longButton({ value: 'v'.repeat(2001) }), buttons.elements[0]] }}                                | ${['elements']}                                  | ${1}
    ${'button text over 75'}    | ${{ type: 'actions', elements: [{ ...longButton({}), text: { type: 'plain_text', text: 'b'.repeat(100) } }] }}                   | ${['elements', 0, 'text', 'text']}               | ${75}
    ${'rich text over 3000'}    | ${{ type: 'rich_text', elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'x'.repeat(20_000) }] }] }} | ${['elements', 0, 'elements', 0, 'text']}        | ${3000}
  `('$name → $expected', ({ block, path, expected }) => {
    expect(len(dig(clampBlock(block), ...path))).toBe(expected);
  });

  it('keeps the usable button when another is dropped', () => {
    const block = clampBlock({ type: 'actions', elements: [longButton({ value: 'v'.repeat(2001) }), ...buttons.elements] } as ActionsBlock);
    expect(dig(block, 'elements', 0, 'action_id')).toBe('recheck_job');
  });

  it('never cuts an escaped entity in half', () => {
    const block = clampBlock(sectionOf(escapeMrkdwn('<'.repeat(1000)))) as SectionBlock;
    expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    expect(block.text?.text.replace(/&lt;/g, '')).toBe('…');
  });

  it('drops an actions block whose only button is unusable', () => {
    expect(clampBlock({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x' }, action_id: 'a', url: 'u'.repeat(3001) }] })).toBeUndefined();
  });
});

describe('fitMessage', () => {
  it('returns a message that already fits unchanged', () => {
    const message = { text: 'hi', blocks: [sectionOf('a'), buttons] };
    expect(fitMessage(message)).toEqual(message);
  });

  it('keeps 50 blocks: the first ones, an overflow line and the trailing buttons', () => {
    const blocks = [...Array.from({ length: 60 }, (_, i) => sectionOf(`row ${i}`)), buttons];
    const fitted = fitMessage({ text: 't', blocks });
    expect(fitted.blocks).toHaveLength(50);
    expect(fitted.blocks[47]).toEqual(sectionOf('row 47'));
    expect(JSON.stringify(fitted.blocks[48])).toContain('… 12 more — see the attached report');
    expect(fitted.blocks[49]).toEqual(buttons);
  });

  it('stays within the 12,000-character budget, shrinking the block at the edge', () => {
    const blocks = [...Array.from({ length: 10 }, () => sectionOf('x'.repeat(2900))), buttons];
    const fitted = fitMessage({ text: 't', blocks }, { overflowHint: 'run the CLI' });
    expect(textSize(fitted.blocks)).toBeLessThanOrEqual(LIMITS.messageTextBudget);
    expect(fitted.blocks.slice(0, 4)).toEqual(blocks.slice(0, 4));
    expect((fitted.blocks[4] as SectionBlock).text?.text.length).toBeLessThan(2900);
    expect(JSON.stringify(fitted.blocks.at(-2))).toContain('… 5 more — run the CLI');
    expect(fitted.blocks.at(-1)).toEqual(buttons);
    expect(limitProblems(fitted, 'message')).toEqual([]);
  });

  it('keeps the requested tail even when it is not an actions block', () => {
    const blocks = [...Array.from({ length: 55 }, (_, i) => sectionOf(`row ${i}`)), sectionOf('footer')];
    const fitted = fitMessage({ text: 't', blocks }, { keepTail: 1 });
    expect(fitted.blocks.at(-1)).toEqual(sectionOf('footer'));
    expect(fitted.blocks).toHaveLength(50);
  });

  it('shortens the top-level text without breaking an entity', () => {
    const fitted = fitMessage({ text: escapeMrkdwn('<'.repeat(2000)), blocks: [] });
    expect(fitted.text.length).toBeLessThanOrEqual(LIMITS.topLevelText);
    expect(fitted.text.replace(/&lt;/g, '')).toBe('…');
  });
});

describe('fitView', () => {
  const modal = (blocks: KnownBlock[], title = 'Remediation'): ModalView => ({ type: 'modal', title: { type: 'plain_text', text: title }, blocks });

  it('caps title, submit and close at 24', () => {
    const view = fitView({ ...modal([sectionOf('a')], 'A very long modal title that overflows'), close: { type: 'plain_text', text: 'c'.repeat(30) } });
    expect(view.title.text).toHaveLength(24);
    expect(view.close?.text).toHaveLength(24);
  });

  it('keeps at most 100 blocks with an overflow line', () => {
    const view = fitView(modal(Array.from({ length: 130 }, (_, i) => sectionOf(`b${i}`))), { overflowHint: 'run `sagemaker-vpc remediate x`' });
    expect(view.blocks).toHaveLength(100);
    expect(JSON.stringify(view.blocks[99])).toContain('… 31 more — run `sagemaker-vpc remediate x`');
  });

  it('refuses private_metadata over 3000 characters', () => {
    expect(() => fitView({ ...modal([]), private_metadata: 'm'.repeat(3001) })).toThrow(RangeError);
  });

  it('fits a Home view too', () => {
    const home = fitView({ type: 'home', blocks: Array.from({ length: 150 }, () => sectionOf('x')) });
    expect(home.blocks).toHaveLength(100);
    expect(home.type).toBe('home');
  });
});
