import { describe, expect, it } from 'vitest';
import { createConversation } from '../slack/index.js';
import { messageDto } from './page-events.js';
import { resolveElement } from './playground-api.js';

const button = (actionId: string, value?: string) => ({ type: 'button', action_id: actionId, text: { type: 'plain_text', text: actionId }, ...(value ? { value } : {}) });

describe('resolveElement', () => {
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: 'x' } },
    { type: 'section', text: { type: 'mrkdwn', text: 'a' }, accessory: button('fleet_details', 'first') },
    { type: 'section', text: { type: 'mrkdwn', text: 'b' }, accessory: button('fleet_details', 'second'), block_id: 'b2' },
    { type: 'actions', elements: [button('recheck_job', 'r'), button('show_remediation', 's')] },
  ];

  it.each([
    ['an accessory, by block index (same action id in two blocks)', 2, 'fleet_details', { blockId: 'b2', value: 'second' }],
    ['an accessory without a block_id', 1, 'fleet_details', { blockId: 'playground-block-1', value: 'first' }],
    ['a button in an actions block', 3, 'show_remediation', { blockId: 'playground-block-3', value: 's' }],
  ])('finds %s', (_name, index, actionId, expected) => {
    const found = resolveElement(blocks, index, actionId);
    expect({ blockId: found?.blockId, value: found?.element['value'] }).toEqual(expected);
  });

  it.each([
    ['a block without that action', 0, 'recheck_job'],
    ['an index past the end', 9, 'recheck_job'],
    ['a wrong action in the right block', 3, 'fleet_details'],
  ])('finds nothing for %s', (_name, index, actionId) => {
    expect(resolveElement(blocks, index, actionId)).toBeUndefined();
  });

  it('finds nothing in junk', () => {
    expect(resolveElement('nope', 0, 'x')).toBeUndefined();
    expect(resolveElement([null], 0, 'x')).toBeUndefined();
  });
});

describe('messageDto', () => {
  it('names the author, lists files without their content and keeps the ephemeral marker', () => {
    const conversation = createConversation({ channels: [{ id: 'C1', name: 'general' }], users: [{ id: 'U1', name: 'alice' }], now: () => 1_800_000_000_000 });
    const file = conversation.addFile({ name: 'r.csv', title: 'Report', mimetype: 'text/csv', declaredLength: 3, content: Buffer.from('a,b') }, (id) => `x/${id}`);
    const message = conversation.shareFiles([file], { channel: 'C1', author: { kind: 'bot', userId: 'UBOT', botId: 'B1' }, text: 't', source: 'files.completeUploadExternal', visibleTo: 'U1' });
    const dto = messageDto(message, conversation, { botUserId: 'UBOT', botName: 'sagemaker-vpc' });
    expect(dto).toMatchObject({ author: { kind: 'bot', id: 'UBOT', name: 'sagemaker-vpc' }, ephemeral: true, visibleTo: 'U1', edits: 0 });
    expect(dto.files).toEqual([{ id: file.id, name: 'r.csv', title: 'Report', mimetype: 'text/csv', size: 3, url: `/files/${file.id}/r.csv` }]);
    expect(JSON.stringify(dto)).not.toContain('a,b');
  });
});
