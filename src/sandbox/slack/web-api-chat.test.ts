import { ErrorCode, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQuietLogger } from './quiet-logger.js';
import { startSlackFake, type SlackFake } from './server.js';

const TOKEN = 'xoxb-sandbox-test';

let fake: SlackFake;
let client: WebClient;

function clientWith(token: string | undefined): WebClient {
  return new WebClient(token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createQuietLogger() });
}

/** The platform error code a rejected WebClient call carries. */
async function errorOf(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as WebAPIPlatformError | undefined;
  expect(error?.code).toBe(ErrorCode.PlatformError);
  return error?.data.error ?? 'no error';
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

beforeAll(async () => {
  fake = await startSlackFake({ botToken: TOKEN });
  client = clientWith(TOKEN);
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe('auth.test', () => {
  it('answers what Bolt needs at startup', async () => {
    const result = await client.auth.test();

    expect(result).toMatchObject({ ok: true, team_id: 'T0SANDBOX', user_id: 'U0SANDBOXBOT', bot_id: 'B0SANDBOX', team: 'sandbox' });
    expect(result.url).toBe(`${fake.origin}/`);
  });

  it.each`
    case              | token             | error
    ${'wrong token'}  | ${'xoxb-forged'}  | ${'invalid_auth'}
    ${'no token'}     | ${undefined}      | ${'not_authed'}
  `('refuses a $case with $error', async ({ token, error }: { token: string | undefined; error: string }) => {
    expect(await errorOf(clientWith(token).auth.test())).toBe(error);
  });
});

describe('chat.postMessage', () => {
  it('records a form-encoded post with its blocks decoded and answers ts, channel and message', async () => {
    const blocks = [section('*train-42* fails')];

    const result = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'train-42 fails', blocks });

    expect(result).toMatchObject({ ok: true, channel: 'C0GENERAL', message: { text: 'train-42 fails', blocks, bot_id: 'B0SANDBOX' } });
    const [message] = fake.conversation.messages({ channel: 'C0GENERAL' });
    expect(message).toMatchObject({ ts: result.ts, text: 'train-42 fails', blocks, ephemeral: false, author: { kind: 'bot' } });
    expect(fake.calls('chat.postMessage')[0]?.args['blocks']).toEqual(blocks);
  });

  it('threads a reply under thread_ts', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'parent' });

    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'reply', thread_ts: parent.ts as string });

    expect(fake.conversation.messages({ threadTs: parent.ts as string }).map((m) => m.text)).toEqual(['reply']);
  });

  it('opens a DM when the channel is a user ID', async () => {
    const result = await client.chat.postMessage({ channel: 'U0ALICE', text: 'hello' });

    expect(result.channel).toBe('D0ALICE');
    expect(fake.conversation.channel(result.channel as string)).toMatchObject({ kind: 'im', userId: 'U0ALICE' });
  });

  it.each`
    case                                         | channel        | error
    ${'an unknown channel'}                      | ${'C0NOPE'}    | ${'channel_not_found'}
    ${'a private channel the bot is not in'}     | ${'C0PRIVATE'} | ${'not_in_channel'}
  `('refuses $case with $error', async ({ channel, error }: { channel: string; error: string }) => {
    expect(await errorOf(client.chat.postMessage({ channel, text: 'x' }))).toBe(error);
    expect(fake.conversation.messages()).toHaveLength(0);
  });

  it('posts to a public channel the bot is not in only with chat:write.public', async () => {
    const strict = await startSlackFake({ botToken: TOKEN, chatWritePublic: false });
    const strictClient = new WebClient(TOKEN, { slackApiUrl: strict.url, retryConfig: { retries: 0 }, logger: createQuietLogger() });
    try {
      await expect(client.chat.postMessage({ channel: 'C0RANDOM', text: 'x' })).resolves.toMatchObject({ ok: true });
      expect(await errorOf(strictClient.chat.postMessage({ channel: 'C0RANDOM', text: 'x' }))).toBe('not_in_channel');
    } finally {
      await strict.close();
    }
  });

  it.each`
    case                             | blocks                                                       | error
    ${'51 blocks'}                   | ${Array.from({ length: 51 }, () => section('x'))}            | ${'invalid_blocks'}
    ${'a 3001-character section'}    | ${[section('x'.repeat(3001))]}                               | ${'invalid_blocks'}
    ${'14k characters in 5 blocks'}  | ${Array.from({ length: 5 }, () => section('y'.repeat(2800)))} | ${'msg_blocks_too_long'}
  `('refuses $case with $error', async ({ blocks, error }: { blocks: unknown[]; error: string }) => {
    const call = client.chat.postMessage({ channel: 'C0GENERAL', text: 'big', blocks: blocks as never });

    expect(await errorOf(call)).toBe(error);
    expect(fake.calls('chat.postMessage')[0]?.response['error']).toBe(error);
  });

  it('accepts 50 blocks at the 3000-character limit of text when the total stays under the budget', async () => {
    const blocks = [section('z'.repeat(3000)), ...Array.from({ length: 49 }, () => section('ok'))];

    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: 'edge', blocks })).resolves.toMatchObject({ ok: true });
  });

  it('also parses application/json bodies with a Bearer token', async () => {
    const response = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ channel: 'C0GENERAL', text: 'json', blocks: [section('json')] }),
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, message: { blocks: [section('json')] } });
  });
});

describe('chat.postEphemeral and chat.update', () => {
  it('posts an ephemeral visible to one user only', async () => {
    const result = await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0ALICE', text: 'only you' });

    expect(result.message_ts).toBeTypeOf('string');
    expect(fake.conversation.messages({ viewer: 'U0ALICE' }).map((m) => m.text)).toEqual(['only you']);
    expect(fake.conversation.messages({ viewer: 'U0BOB' })).toHaveLength(0);
  });

  it('updates its own message and keeps the previous version', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'checking…' });

    const updated = await client.chat.update({ channel: 'C0GENERAL', ts: posted.ts as string, text: 'done', blocks: [section('done')] });

    expect(updated).toMatchObject({ ok: true, channel: 'C0GENERAL', ts: posted.ts, text: 'done' });
    const message = fake.conversation.message('C0GENERAL', posted.ts as string);
    expect(message?.text).toBe('done');
    expect(message?.edited.map((v) => v.text)).toEqual(['checking…']);
  });

  it.each`
    case                         | target                            | error
    ${'an unknown ts'}           | ${'unknown'}                      | ${'message_not_found'}
    ${'an ephemeral'}            | ${'ephemeral'}                    | ${'cant_update_message'}
    ${"a user's message"}        | ${'user'}                         | ${'cant_update_message'}
  `('refuses to update $case with $error', async ({ target, error }: { target: string; error: string }) => {
    let ts = '1.000001';
    if (target === 'ephemeral') ts = (await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0ALICE', text: 'e' })).message_ts as string;
    if (target === 'user') {
      ts = fake.conversation.postMessage({ channel: 'C0GENERAL', author: { kind: 'user', userId: 'U0ALICE' }, text: 'mine', source: 'user' }).ts;
    }

    expect(await errorOf(client.chat.update({ channel: 'C0GENERAL', ts, text: 'edited' }))).toBe(error);
  });
});

describe('conversations.info and call recording', () => {
  it('describes a channel and records every call in order with its response', async () => {
    const info = await client.conversations.info({ channel: 'C0RANDOM' });
    await errorOf(client.conversations.info({ channel: 'C0PRIVATE' }));

    expect(info.channel).toMatchObject({ id: 'C0RANDOM', name: 'random', is_member: false, is_private: false });
    expect(fake.calls().map((c) => [c.seq, c.method, c.response['ok']])).toEqual([
      [1, 'conversations.info', true],
      [2, 'conversations.info', false],
    ]);
  });

  it('answers unknown methods like Slack', async () => {
    expect(await errorOf(client.apiCall('chat.fly', { channel: 'C0GENERAL' }))).toBe('unknown_method');
  });
});
