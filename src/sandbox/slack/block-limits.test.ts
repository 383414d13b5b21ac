import { describe, expect, it } from 'vitest';
import { checkMessageBlocks, checkView } from './block-limits.js';

const section = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...extra });
const button = (actionId: string, text = 'Recheck', value = '{}') => ({ type: 'button', action_id: actionId, text: { type: 'plain_text', text }, value });
const many = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));

describe('checkMessageBlocks', () => {
  it.each`
    case                                   | blocks
    ${'no blocks'}                         | ${undefined}
    ${'a 3000-character section'}          | ${[section('x'.repeat(3000))]}
    ${'50 blocks'}                         | ${many(50, () => ({ type: 'divider' }))}
    ${'10 fields of 1000'}                 | ${[{ type: 'section', fields: many(10, () => ({ type: 'mrkdwn', text: 'f'.repeat(1000) })) }]}
    ${'25 buttons'}                        | ${[{ type: 'actions', elements: many(25, (i) => button(`a${i}`)) }]}
    ${'a rich_text snippet'}               | ${[{ type: 'rich_text', elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'aws …' }] }] }]}
    ${'an unknown block type'}             | ${[{ type: 'future_block' }]}
  `('accepts $case', ({ blocks }: { blocks: unknown }) => {
    expect(checkMessageBlocks(blocks)).toBeUndefined();
  });

  it.each`
    case                                   | blocks                                                                                       | error                      | pointer
    ${'not an array'}                      | ${{ type: 'section' }}                                                                       | ${'invalid_blocks_format'} | ${'/blocks'}
    ${'51 blocks'}                         | ${many(51, () => ({ type: 'divider' }))}                                                     | ${'invalid_blocks'}        | ${'/blocks]'}
    ${'a block without type'}              | ${[{ text: 'x' }]}                                                                           | ${'invalid_blocks'}        | ${'/blocks/0]'}
    ${'a 3001-character section'}          | ${[{ type: 'divider' }, section('x'.repeat(3001))]}                                          | ${'invalid_blocks'}        | ${'/blocks/1/text/text'}
    ${'a 151-character header'}            | ${[{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }]}                 | ${'invalid_blocks'}        | ${'/blocks/0/text/text'}
    ${'a mrkdwn header'}                   | ${[{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }]}                                 | ${'invalid_blocks'}        | ${'/blocks/0/text'}
    ${'11 context elements'}               | ${[{ type: 'context', elements: many(11, () => ({ type: 'plain_text', text: 'c' })) }]}      | ${'invalid_blocks'}        | ${'/blocks/0/elements'}
    ${'a 76-character button text'}        | ${[{ type: 'actions', elements: [button('a', 'b'.repeat(76))] }]}                           | ${'invalid_blocks'}        | ${'/blocks/0/elements/0/text/text'}
    ${'a 2001-character button value'}     | ${[{ type: 'actions', elements: [button('a', 'ok', 'v'.repeat(2001))] }]}                   | ${'invalid_blocks'}        | ${'/blocks/0/elements/0/value'}
    ${'duplicate action_id in a block'}    | ${[{ type: 'actions', elements: [button('a'), button('a')] }]}                              | ${'invalid_blocks'}        | ${'/blocks/0/elements/1/action_id'}
    ${'duplicate block_id'}                | ${[section('a', { block_id: 'b' }), section('b', { block_id: 'b' })]}                       | ${'invalid_blocks'}        | ${'/blocks/1/block_id'}
    ${'13,201 characters of text'}         | ${[...many(4, () => section('y'.repeat(3000))), section('y'.repeat(1201))]}                | ${'msg_blocks_too_long'}   | ${'/blocks'}
  `('refuses $case with $error at $pointer', ({ blocks, error, pointer }: { blocks: unknown; error: string; pointer: string }) => {
    const problem = checkMessageBlocks(blocks);

    expect(problem?.error).toBe(error);
    expect(problem?.messages.join('\n')).toContain(`json-pointer:${pointer}`);
  });

  it('counts text in every block kind towards the total', () => {
    const richText = { type: 'rich_text', elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'r'.repeat(6000) }] }] };

    expect(checkMessageBlocks([richText, { type: 'markdown', text: 'm'.repeat(7201) }])?.error).toBe('msg_blocks_too_long');
    expect(checkMessageBlocks([richText, { type: 'markdown', text: 'm'.repeat(7200) }])).toBeUndefined();
  });
});

describe('checkView', () => {
  const modal = (overrides: Record<string, unknown>) => ({ type: 'modal', title: { type: 'plain_text', text: 'Remediation' }, blocks: [], ...overrides });

  it.each`
    case                          | view                                                                   | expected
    ${'a valid modal'}            | ${modal({})}                                                           | ${undefined}
    ${'100 blocks'}               | ${modal({ blocks: many(100, () => ({ type: 'divider' })) })}           | ${undefined}
    ${'101 blocks'}               | ${modal({ blocks: many(101, () => ({ type: 'divider' })) })}           | ${'invalid_arguments'}
    ${'a 25-character title'}     | ${modal({ title: { type: 'plain_text', text: 't'.repeat(25) } })}      | ${'invalid_arguments'}
    ${'3001 chars of metadata'}   | ${modal({ private_metadata: 'p'.repeat(3001) })}                       | ${'invalid_arguments'}
    ${'a home where modal is due'} | ${{ type: 'home', blocks: [] }}                                       | ${'invalid_arguments'}
  `('$case → $expected', ({ view, expected }: { view: unknown; expected: string | undefined }) => {
    expect(checkView(view, 'modal')?.error).toBe(expected);
  });
});
