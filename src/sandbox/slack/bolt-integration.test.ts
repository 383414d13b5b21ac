import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, RespondError } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSlackClient, type SlackClient } from './client.js';
import { createQuietLogger } from './quiet-logger.js';
import { startSlackFake, type SlackFake } from './server.js';

// A minimal real Bolt app (HTTPReceiver) wired to the fake, driven by the sandbox client: proof the pieces fit.
const TOKEN = 'xoxb-sandbox-bolt';
const SECRET = 'sandbox-bolt-secret';

let fake: SlackFake;
let app: App;
let client: SlackClient;
/** Resolves when the listener under test has finished its post-ack work. */
let settled: Promise<unknown> = Promise.resolve();
let settle: (value: unknown) => void = () => undefined;

function expectWork(): void {
  settled = new Promise((resolve) => (settle = resolve));
}

const recheckBlocks = (text: string) => [
  { type: 'section', text: { type: 'mrkdwn', text } },
  { type: 'actions', block_id: 'job', elements: [{ type: 'button', action_id: 'recheck', text: { type: 'plain_text', text: 'Recheck' }, value: 'train-42' }] },
];

beforeAll(async () => {
  fake = await startSlackFake({ botToken: TOKEN });
  app = new App({
    token: TOKEN,
    signingSecret: SECRET,
    logger: createQuietLogger(),
    deferInitialization: true,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
  });
  app.command('/sagemaker-vpc', async ({ ack, respond, client: web, command }) => {
    await ack({ text: `Checking ${command.text}…` });
    try {
      if (command.text === 'flood') {
        for (let i = 0; i < 6; i += 1) await respond({ text: `update ${i}` });
      }
      await respond({ text: `Still working on ${command.text}` });
      await web.chat.postMessage({ channel: command.channel_id, text: `${command.text}: fail`, blocks: recheckBlocks(`*${command.text}*: fail`) });
      settle('done');
    } catch (error) {
      settle(error);
    }
  });
  app.action('recheck', async ({ ack, respond }) => {
    await ack();
    await respond?.({ replace_original: true, text: 'train-42: pass', blocks: recheckBlocks('*train-42*: pass') });
    settle('done');
  });
  app.event('app_home_opened', async ({ event, client: web }) => {
    await web.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Last audit: 1 fail' } }] } });
    settle('done');
  });
  await app.init();
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  client = createSlackClient({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET, fake });
});
// Only the conversation is cleared: the startup auth.test call stays on record for the first test.
afterEach(() => fake.conversation.reset());
afterAll(async () => {
  await app.stop();
  await fake.close();
});

describe('a real Bolt app against the sandbox Slack', () => {
  it('verified its token with auth.test at init', () => {
    expect(fake.calls('auth.test')[0]?.response).toMatchObject({ ok: true, user_id: fake.botUserId });
  });

  it('acks a slash command within budget, then responds and posts through the fake', async () => {
    expectWork();

    const reply = await client.sendSlashCommand({ text: 'train-42', userId: 'U0ALICE', channelId: 'C0GENERAL' });

    expect(await settled).toBe('done');
    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    // The ack and the listener's later calls race, as they do on Slack, so order is not asserted.
    expect(fake.conversation.messages().map((m) => [m.source, m.ephemeral, m.text]).sort()).toEqual([
      ['ack', true, 'Checking train-42…'],
      ['chat.postMessage', false, 'train-42: fail'],
      ['response_url', true, 'Still working on train-42'],
    ]);
  });

  it('handles a Recheck click by replacing the message through its response_url', async () => {
    expectWork();
    await client.sendSlashCommand({ text: 'train-42', userId: 'U0ALICE', channelId: 'C0GENERAL' });
    await settled;
    const [result] = fake.conversation.messages({ channel: 'C0GENERAL', viewer: 'U0BOB' });
    if (!result) throw new Error('the command posted no visible result');
    expectWork();

    const reply = await client.sendBlockAction({ userId: 'U0ALICE', message: result, actionId: 'recheck' });

    expect(await settled).toBe('done');
    expect(reply.status).toBe(200);
    expect(fake.conversation.message('C0GENERAL', result.ts)).toMatchObject({ text: 'train-42: pass', edited: [{ text: 'train-42: fail' }] });
  });

  it('publishes the App Home on app_home_opened', async () => {
    expectWork();

    await client.sendAppHomeOpened({ userId: 'U0BOB' });

    expect(await settled).toBe('done');
    expect(fake.conversation.home('U0BOB')?.view['blocks']).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Last audit: 1 fail' } }]);
  });

  it('makes respond() throw RespondError once the response_url is used up', async () => {
    expectWork();

    await client.sendSlashCommand({ text: 'flood', userId: 'U0ALICE', channelId: 'C0GENERAL' });

    const error = await settled;
    expect(error).toBeInstanceOf(RespondError);
    expect((error as RespondError).statusCode).toBe(404);
    expect(fake.responses().map((p) => p.result).slice(-2)).toEqual(['ok', 'used_url']);
  });

  it('answers 401 to a forged request and runs nothing', async () => {
    const before = fake.calls().length;

    const reply = await client.sendSlashCommand({ text: 'train-42', userId: 'U0ALICE', channelId: 'C0GENERAL', secret: 'forged', showAck: false });

    expect(reply.status).toBe(401);
    expect(fake.calls()).toHaveLength(before);
    expect(fake.conversation.messages()).toHaveLength(0);
  });
});
