import { describe, expect, it } from 'vitest';
import { createConversation, type Author, type ConversationEvent } from './conversation.js';

const bot: Author = { kind: 'bot', userId: 'U0BOT', botId: 'B0BOT' };

function setup(now = () => Date.UTC(2026, 10, 29, 10)) {
  const conversation = createConversation({
    channels: [{ id: 'C1', name: 'general' }],
    users: [
      { id: 'U1', name: 'alice' },
      { id: 'U2', name: 'bob' },
    ],
    now,
  });
  const events: ConversationEvent[] = [];
  conversation.subscribe((e) => events.push(e));
  return { conversation, events };
}

describe('createConversation', () => {
  it('emits message.posted, message.updated (with the previous version) and message.deleted', () => {
    const { conversation, events } = setup();

    const message = conversation.postMessage({ channel: 'C1', author: bot, text: 'v1', source: 'chat.postMessage' });
    conversation.updateMessage(message, { text: 'v2', blocks: [{ type: 'divider' }] });
    conversation.deleteMessage(message);

    expect(events.map((e) => e.type)).toEqual(['message.posted', 'message.updated', 'message.deleted']);
    expect(events[1]).toMatchObject({ type: 'message.updated', previous: { text: 'v1' }, message: { text: 'v2' } });
    expect(message.edited.map((v) => v.text)).toEqual(['v1']);
  });

  it('emits view.opened, view.updated, home.published and file.shared', () => {
    const { conversation, events } = setup();
    const typed: string[] = [];
    conversation.on('view.updated', (e) => typed.push(e.view.id));

    const modal = conversation.openView('U1', { type: 'modal', blocks: [] });
    conversation.updateView(modal, { type: 'modal', blocks: [{ type: 'divider' }] });
    conversation.publishHome('U1', { type: 'home', blocks: [] });
    const file = conversation.addFile({ name: 'r.json', title: 'r', mimetype: 'application/json', declaredLength: 2, content: Buffer.from('{}') }, (id) => `http://x/${id}`);
    conversation.shareFiles([file], { channel: 'C1', author: bot, text: '', source: 'files.completeUploadExternal' });

    expect(events.map((e) => e.type)).toEqual(['view.opened', 'view.updated', 'home.published', 'message.posted', 'file.shared']);
    expect(typed).toEqual([modal.id]);
    expect(file.channels).toEqual(['C1']);
  });

  it('stops notifying after unsubscribe', () => {
    const { conversation } = setup();
    const seen: string[] = [];
    const off = conversation.on('message.posted', (e) => seen.push(e.message.text));

    conversation.postMessage({ channel: 'C1', author: bot, text: 'one', source: 'chat.postMessage' });
    off();
    conversation.postMessage({ channel: 'C1', author: bot, text: 'two', source: 'chat.postMessage' });

    expect(seen).toEqual(['one']);
  });

  it('hands out unique, increasing ts values even when the clock stands still', () => {
    const { conversation } = setup(() => 1_700_000_000_000);

    const ts = Array.from({ length: 3 }, () => conversation.postMessage({ channel: 'C1', author: bot, text: 'x', source: 'chat.postMessage' }).ts);

    expect(ts).toEqual(['1700000000.000000', '1700000000.000001', '1700000000.000002']);
  });

  it.each`
    viewer       | expected
    ${undefined} | ${['public', 'for alice', 'for bob']}
    ${'U1'}      | ${['public', 'for alice']}
    ${'U2'}      | ${['public', 'for bob']}
  `('shows $viewer only what they can see', ({ viewer, expected }: { viewer: string | undefined; expected: string[] }) => {
    const { conversation } = setup();
    conversation.postMessage({ channel: 'C1', author: bot, text: 'public', source: 'chat.postMessage' });
    conversation.postMessage({ channel: 'C1', author: bot, text: 'for alice', visibleTo: 'U1', source: 'chat.postEphemeral' });
    conversation.postMessage({ channel: 'C1', author: bot, text: 'for bob', visibleTo: 'U2', source: 'chat.postEphemeral' });

    expect(conversation.messages(viewer === undefined ? {} : { viewer }).map((m) => m.text)).toEqual(expected);
  });

  it('resets messages, views and files but keeps seeded channels, and undoes membership changes', () => {
    const { conversation } = setup();
    conversation.setBotMember('C1', false);
    conversation.postMessage({ channel: 'C1', author: bot, text: 'x', source: 'chat.postMessage' });
    conversation.publishHome('U1', { type: 'home', blocks: [] });

    conversation.reset();

    expect([conversation.messages().length, conversation.views().length, conversation.files().length]).toEqual([0, 0, 0]);
    expect(conversation.channel('#general')).toMatchObject({ id: 'C1', botIsMember: true });
  });
});
