import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackRequest } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackClient, type SlackClient } from './client.js';
import { createQuietLogger } from './quiet-logger.js';
import { startSlackFake, type SlackFake } from './server.js';

const SECRET = 'sandbox-signing-secret';
const TOKEN = 'xoxb-sandbox-test';

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

let fake: SlackFake;
let bot: Server;
let client: SlackClient;
let captured: Captured[] = [];
let answer = '';

function verify({ headers, body }: Captured, nowMilliseconds?: number): void {
  verifySlackRequest({
    signingSecret: SECRET,
    body,
    headers: { 'x-slack-signature': String(headers['x-slack-signature']), 'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']) },
    ...(nowMilliseconds !== undefined ? { nowMilliseconds } : {}),
  });
}

function last(): Captured {
  const request = captured.at(-1);
  if (!request) throw new Error('the bot received nothing');
  return request;
}

function blockActionPayload(): Record<string, unknown> {
  return JSON.parse(new URLSearchParams(last().body).get('payload') ?? '{}') as Record<string, unknown>;
}

beforeAll(async () => {
  fake = await startSlackFake({ botToken: TOKEN });
  // A stand-in bot that records what "Slack" sent and acks with `answer`.
  bot = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, answer.startsWith('{') ? { 'content-type': 'application/json' } : {});
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  const { port } = bot.address() as AddressInfo;
  client = createSlackClient({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, fake });
});
afterEach(() => {
  fake.reset();
  captured = [];
  answer = '';
});
afterAll(async () => {
  bot.closeAllConnections();
  await new Promise((resolve) => bot.close(resolve));
  await fake.close();
});

describe('sendSlashCommand', () => {
  it("sends Slack's form fields, signed so Bolt's verifySlackRequest accepts them", async () => {
    const reply = await client.sendSlashCommand({ text: 'check train-42', userId: 'U0ALICE', channelId: 'C0GENERAL' });

    expect(() => verify(last())).not.toThrow();
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(last().body))).toEqual({
      token: expect.any(String),
      team_id: 'T0SANDBOX',
      team_domain: 'sandbox',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: 'U0ALICE',
      user_name: 'alice',
      command: '/sagemaker-vpc',
      text: 'check train-42',
      api_app_id: 'A0SANDBOX',
      is_enterprise_install: 'false',
      response_url: reply.responseUrl,
      trigger_id: reply.triggerId,
    });
    expect(reply.responseUrl.startsWith(`${fake.origin}/response/`)).toBe(true);
    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeGreaterThan(0);
  });

  it('registers the trigger_id on the fake so views.open accepts it for the invoking user', async () => {
    const { triggerId } = await client.sendSlashCommand({ text: 'help', userId: 'U0BOB', channelId: 'C0GENERAL' });
    const web = new WebClient(TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createQuietLogger() });

    const opened = await web.views.open({ trigger_id: triggerId, view: { type: 'modal', title: { type: 'plain_text', text: 'Help' }, blocks: [] } });

    expect(fake.conversation.view(opened.view?.id as string)?.userId).toBe('U0BOB');
  });

  it('shows a non-empty ack body as Slack does', async () => {
    answer = JSON.stringify({ text: 'Checking train-42…' });

    const reply = await client.sendSlashCommand({ text: 'check train-42', userId: 'U0ALICE', channelId: 'C0GENERAL' });

    expect(reply.ackMessage).toMatchObject({ text: 'Checking train-42…', ephemeral: true, visibleTo: 'U0ALICE' });
    expect(fake.responseUrlUses(reply.responseUrl)).toBe(0);
  });

  it.each`
    case                       | overrides                                                       | failure
    ${'a stale timestamp'}     | ${{ timestamp: Math.floor(Date.now() / 1000) - 600 }}           | ${/stale/}
    ${'the wrong secret'}      | ${{ secret: 'forged' }}                                         | ${/signature mismatch/}
    ${'a garbage signature'}   | ${{ signature: 'v0=00' }}                                       | ${/signature mismatch/}
    ${'an unknown version'}    | ${{ signature: 'v1=00' }}                                       | ${/unknown signature version/}
  `('can send a request with $case that Bolt rejects', async ({ overrides, failure }: { overrides: object; failure: RegExp }) => {
    await client.sendSlashCommand({ text: 'help', userId: 'U0ALICE', channelId: 'C0GENERAL', ...overrides });

    expect(() => verify(last())).toThrow(failure);
  });

  it('can send a future timestamp (which Bolt alone accepts, so the bot must check it)', async () => {
    const timestamp = Math.floor(Date.now() / 1000) + 3600;

    await client.sendSlashCommand({ text: 'help', userId: 'U0ALICE', channelId: 'C0GENERAL', timestamp });

    expect(last().headers['x-slack-request-timestamp']).toBe(String(timestamp));
    expect(() => verify(last())).not.toThrow();
  });

  it('replays a request byte for byte', async () => {
    const first = await client.sendSlashCommand({ text: 'check --all', userId: 'U0ALICE', channelId: 'C0GENERAL' });

    await client.replay(first.request);

    expect(captured).toHaveLength(2);
    expect(captured[1]?.body).toBe(captured[0]?.body);
    expect(captured[1]?.headers['x-slack-signature']).toBe(captured[0]?.headers['x-slack-signature']);
  });
});

describe('sendBlockAction', () => {
  const blocks = [
    { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: 'train-42 fails' } },
    { type: 'actions', block_id: 'job-actions', elements: [{ type: 'button', action_id: 'recheck_training_job', text: { type: 'plain_text', text: 'Recheck' }, value: '{"v":1}' }] },
  ];

  function post(visibleTo?: string) {
    const author = { kind: 'bot' as const, userId: fake.botUserId, botId: fake.botId };
    return fake.conversation.postMessage({ channel: 'C0GENERAL', author, text: 'train-42 fails', blocks, source: 'chat.postMessage', ...(visibleTo ? { visibleTo } : {}) });
  }

  it('builds a block_actions payload for a message click, with a response_url tied to that message', async () => {
    const message = post();

    const reply = await client.sendBlockAction({ userId: 'U0ALICE', message, actionId: 'recheck_training_job' });

    expect(() => verify(last())).not.toThrow();
    const payload = blockActionPayload();
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE', username: 'alice', team_id: 'T0SANDBOX' },
      team: { id: 'T0SANDBOX', domain: 'sandbox' },
      container: { type: 'message', message_ts: message.ts, channel_id: 'C0GENERAL', is_ephemeral: false },
      channel: { id: 'C0GENERAL', name: 'general' },
      message: { ts: message.ts, blocks },
      trigger_id: reply.triggerId,
      response_url: reply.responseUrl,
      actions: [{ action_id: 'recheck_training_job', block_id: 'job-actions', type: 'button', value: '{"v":1}', text: { text: 'Recheck' } }],
    });
    expect((payload['actions'] as Array<{ action_ts: string }>)[0]?.action_ts).toMatch(/^\d+\.\d{6}$/);
    await fetch(reply.responseUrl as string, { method: 'POST', body: JSON.stringify({ replace_original: true, text: 'passes' }) });
    expect(fake.conversation.message('C0GENERAL', message.ts)?.text).toBe('passes');
  });

  it('marks clicks on ephemerals and leaves the message out, as Slack does', async () => {
    await client.sendBlockAction({ userId: 'U0ALICE', message: post('U0ALICE'), actionId: 'recheck_training_job' });

    const payload = blockActionPayload();
    expect(payload['container']).toMatchObject({ is_ephemeral: true });
    expect(payload).not.toHaveProperty('message');
    expect(payload).toHaveProperty('response_url');
  });

  it('gives App Home clicks a view container and no response_url', async () => {
    const home = fake.conversation.publishHome('U0ALICE', { type: 'home', blocks });

    const reply = await client.sendBlockAction({ userId: 'U0ALICE', viewId: home.id, actionId: 'recheck_training_job' });

    const payload = blockActionPayload();
    expect(payload).toMatchObject({ container: { type: 'view', view_id: home.id }, view: { id: home.id, type: 'home' } });
    expect(payload).not.toHaveProperty('response_url');
    expect(reply.responseUrl).toBeUndefined();
  });
});

describe('sendEvent', () => {
  it('wraps app_home_opened in a signed Events API envelope, with redelivery headers on request', async () => {
    fake.conversation.publishHome('U0ALICE', { type: 'home', blocks: [] });

    await client.sendAppHomeOpened({ userId: 'U0ALICE' });
    await client.sendEvent({ event: { type: 'app_home_opened', user: 'U0BOB', tab: 'home' }, eventId: 'Ev42', retryNum: 1, retryReason: 'http_timeout' });

    const [first, second] = captured.map((c) => JSON.parse(c.body) as Record<string, unknown>);
    expect(() => verify(captured[0] as Captured)).not.toThrow();
    expect(captured[0]?.headers['content-type']).toBe('application/json');
    expect(first).toMatchObject({ type: 'event_callback', team_id: 'T0SANDBOX', api_app_id: 'A0SANDBOX', event: { type: 'app_home_opened', user: 'U0ALICE', tab: 'home', view: { type: 'home' } } });
    expect(second).toMatchObject({ event_id: 'Ev42' });
    expect(captured[1]?.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
  });
});
