import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlackFake, type SlackFake } from './server.js';
import { RESPONSE_URL_TTL_MS } from './response-urls.js';

const START = Date.UTC(2026, 10, 29, 10, 0, 0);

let clock = START;
let fake: SlackFake;

/** POSTs JSON the way Bolt's respond() does; answers [status, body]. */
async function respond(url: string, message: Record<string, unknown>): Promise<[number, string]> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) });
  return [response.status, await response.text()];
}

function commandUrl(): string {
  return fake.createResponseUrl({ kind: 'command', channelId: 'C0GENERAL', userId: 'U0ALICE', command: '/sagemaker-vpc', text: 'check train-42' });
}

function postBotMessage(visibleTo?: string) {
  return fake.conversation.postMessage({
    channel: 'C0GENERAL',
    author: { kind: 'bot', userId: fake.botUserId, botId: fake.botId },
    text: 'train-42 fails',
    source: 'chat.postMessage',
    ...(visibleTo ? { visibleTo } : {}),
  });
}

beforeAll(async () => {
  fake = await startSlackFake({ botToken: 'xoxb-test', now: () => clock });
});
afterEach(() => {
  fake.reset();
  clock = START;
});
afterAll(() => fake.close());

describe('response_url messages', () => {
  it('returns a URL on the fake', () => {
    expect(commandUrl()).toMatch(new RegExp(`^${fake.origin}/response/\\w+$`));
  });

  it('posts an ephemeral to the invoking user by default', async () => {
    expect(await respond(commandUrl(), { text: 'Checking train-42…' })).toEqual([200, 'ok']);

    expect(fake.conversation.messages()).toMatchObject([{ text: 'Checking train-42…', ephemeral: true, visibleTo: 'U0ALICE', source: 'response_url' }]);
  });

  it("posts in_channel visibly, after the user's command as Slack shows it", async () => {
    await respond(commandUrl(), { response_type: 'in_channel', text: 'train-42 fails' });

    expect(fake.conversation.messages({ viewer: 'U0BOB' }).map((m) => [m.author.kind, m.text])).toEqual([
      ['user', '/sagemaker-vpc check train-42'],
      ['bot', 'train-42 fails'],
    ]);
  });

  it.each`
    case                                      | body                                                   | status | answer
    ${'replace_original from a command'}      | ${{ replace_original: true, text: 'x' }}               | ${400} | ${'cannot_replace_original'}
    ${'delete_original from a command'}       | ${{ delete_original: true }}                           | ${400} | ${'cannot_delete_original'}
    ${'no text or blocks'}                    | ${{ response_type: 'in_channel' }}                     | ${400} | ${'no_text'}
    ${'oversized blocks'}                     | ${{ text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] }} | ${400} | ${'invalid_blocks'}
  `('refuses $case', async ({ body, status, answer }: { body: Record<string, unknown>; status: number; answer: string }) => {
    const url = commandUrl();

    expect(await respond(url, body)).toEqual([status, answer]);
    expect(fake.responseUrlUses(url)).toBe(0);
    expect(fake.conversation.messages()).toHaveLength(0);
  });
});

describe('response_url from a click', () => {
  it.each`
    case             | visibleTo
    ${'a message'}   | ${undefined}
    ${'an ephemeral'} | ${'U0ALICE'}
  `('replace_original replaces $case holding the button', async ({ visibleTo }: { visibleTo: string | undefined }) => {
    const original = postBotMessage(visibleTo);
    const url = fake.createResponseUrl({ kind: 'message', channelId: 'C0GENERAL', userId: 'U0ALICE', messageTs: original.ts });

    expect(await respond(url, { replace_original: true, text: 'train-42 passes' })).toEqual([200, 'ok']);

    expect(fake.conversation.messages()).toHaveLength(1);
    expect(fake.conversation.message('C0GENERAL', original.ts)).toMatchObject({ text: 'train-42 passes', edited: [{ text: 'train-42 fails' }] });
  });

  it('delete_original removes the message holding the button', async () => {
    const original = postBotMessage();
    const url = fake.createResponseUrl({ channelId: 'C0GENERAL', userId: 'U0ALICE', messageTs: original.ts });

    await respond(url, { delete_original: true });

    expect(fake.conversation.messages()).toHaveLength(0);
    expect(fake.conversation.messages({ includeDeleted: true })[0]?.deleted).toBe(true);
  });
});

describe('response_url limits', () => {
  it('allows 5 uses, then answers 404 used_url', async () => {
    const url = commandUrl();

    const answers = [];
    for (let i = 1; i <= 6; i += 1) answers.push(await respond(url, { text: `update ${i}` }));

    expect(answers.map(([status]) => status)).toEqual([200, 200, 200, 200, 200, 404]);
    expect(answers[5]).toEqual([404, 'used_url']);
    expect(fake.conversation.messages()).toHaveLength(5);
    expect(fake.responses(url).map((p) => p.result)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'used_url']);
  });

  it.each`
    case                  | advanceMs                   | answer
    ${'at 30 minutes'}    | ${RESPONSE_URL_TTL_MS}      | ${[200, 'ok']}
    ${'after 30 minutes'} | ${RESPONSE_URL_TTL_MS + 1}  | ${[404, 'expired_url']}
  `('answers $answer $case', async ({ advanceMs, answer }: { advanceMs: number; answer: [number, string] }) => {
    const url = commandUrl();
    clock += advanceMs;

    expect(await respond(url, { text: 'late' })).toEqual(answer);
  });

  it('answers 404 for a URL it never issued', async () => {
    expect(await respond(`${fake.origin}/response/unknown`, { text: 'x' })).toEqual([404, 'no_service']);
  });

  it('shows an ack body without spending a use', () => {
    const url = commandUrl();

    const message = fake.applyAck(url, JSON.stringify({ text: 'Checking…' }));

    expect(message).toMatchObject({ text: 'Checking…', ephemeral: true, source: 'ack' });
    expect(fake.responseUrlUses(url)).toBe(0);
  });
});
