/**
 * The bot's gates, end to end over real HTTP: users and channels outside the allow-lists are
 * refused (commands and clicks) with zero AWS calls; forged signatures and timestamps six minutes
 * old or ahead get 401 and run nothing; and no input — `<!channel>`, `<@U123>`, `<http://x|y>` —
 * comes back as a live mention or link in anything the bot sends.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_TEXT } from '../../src/slack/views/index.js';
import { ActionId } from '../../src/slack/ids.js';
import { foreignSequences, mrkdwnTexts } from '../../src/slack/views/testing/inspect.js';
import {
  awsCalls,
  createAckLog,
  DEMO_CHANNEL,
  DEMO_USER,
  findMessage,
  keysIn,
  sentPayloads,
  sleep,
  startSlackWorld,
  waitFor,
  type SlackWorld,
} from '../helpers/slack-harness.js';

const BOB = 'U0BOB';
const OTHER_CHANNEL = 'C0RANDOM';
const acks = createAckLog('slack-security');
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld({ env: { ALLOW_ALL_USERS: 'false', ALLOWED_USER_IDS: DEMO_USER, ALLOWED_CHANNEL_IDS: DEMO_CHANNEL } });
  world.slack.reset(); // forget the start-up auth.test calls: every test counts from zero
});
afterEach(() => {
  world.slack.reset();
  world.aws.aws.resetCounters();
});
afterAll(async () => {
  console.info(acks.summary());
  await world?.close();
});

describe('allow-lists', () => {
  it.each`
    who                         | userId       | channelId
    ${'a user not on the list'} | ${BOB}       | ${DEMO_CHANNEL}
    ${'a channel not on the list'} | ${DEMO_USER} | ${OTHER_CHANNEL}
  `('refuses $who ephemerally, with zero AWS calls', async ({ userId, channelId }: { userId: string; channelId: string }) => {
    const reply = acks.record('refused command', await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId, channelId }));

    expect(reply.status).toBe(200);
    expect(reply.ackMessage).toMatchObject({ ephemeral: true, visibleTo: userId, text: REFUSAL_TEXT });
    await sleep(200);
    expect(awsCalls(world.aws).total).toBe(0);
    expect(world.slack.calls()).toEqual([]);
  });

  it('refuses a click by someone not on the list, leaving the message alone, with zero AWS calls', async () => {
    await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    const report = await waitFor('the report', () => findMessage(world.slack, DEMO_CHANNEL, /^FAIL — vision-resnet-open-ssh/));
    world.aws.aws.resetCounters();

    const clicks = [
      await world.client.sendBlockAction({ userId: BOB, message: report, actionId: ActionId.recheckJob }),
      await world.client.sendBlockAction({ userId: BOB, message: report, actionId: ActionId.showRemediation }),
    ];

    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    const refusals = await waitFor('both refusals', () => {
      const found = world.slack.conversation.messages({ channel: DEMO_CHANNEL, viewer: BOB }).filter((m) => m.ephemeral && m.text === REFUSAL_TEXT);
      return found.length === 2 ? found : undefined;
    });
    expect(refusals.map((m) => m.visibleTo)).toEqual([BOB, BOB]);
    expect(world.slack.conversation.message(DEMO_CHANNEL, report.ts)?.edited).toEqual([]);
    expect(world.slack.calls('views.open')).toEqual([]);
    expect(awsCalls(world.aws).total).toBe(0);
  });
});

describe('request signing and the replay window', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each`
    what                            | overrides
    ${'a forged signing secret'}    | ${{ secret: 'not-the-signing-secret' }}
    ${'a garbage signature'}        | ${{ signature: 'v0=00' }}
    ${'a timestamp 6 minutes old'}  | ${{ timestamp: now() - 360 }}
    ${'a timestamp 6 minutes ahead'} | ${{ timestamp: now() + 360 }}
  `('answers 401 to $what and runs nothing', async ({ overrides }: { overrides: Record<string, unknown> }) => {
    const command = await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL, showAck: false, ...overrides });
    const event = await world.client.sendAppHomeOpened({ userId: DEMO_USER, ...overrides });

    expect([command.status, event.status]).toEqual([401, 401]);
    await sleep(200);
    expect(awsCalls(world.aws).total).toBe(0);
    expect(world.slack.calls()).toEqual([]);
    expect(world.slack.responses()).toEqual([]);
  });

  it('still accepts a correctly signed request 4 minutes old (inside the window)', async () => {
    const reply = await world.client.sendSlashCommand({ text: 'help', userId: DEMO_USER, channelId: DEMO_CHANNEL, timestamp: now() - 240 });

    expect(reply.status).toBe(200);
    expect(reply.ackMessage?.text).toMatch(/^sagemaker-vpc: audit SageMaker training jobs/);
  });
});

describe('no live mentions or links from input', () => {
  const INPUTS = [
    'check <!channel>',
    'check <@U123>',
    'check <http://x|y>',
    'check <@U123|bob>',
    'check train-1 <@U123>',
    '<!channel>',
    'remediate <http://x|y>',
    'check --all --since <!channel>',
    'check --all --region <@U123>',
    'check vision-resnet-open-ssh --region <!here>',
    'check-network --subnets <!here> --security-groups <@U123>',
    'help <http://evil.example|Open the AWS console>',
    'check vision-resnet-open-ssh',
  ];

  it('escapes them in the ack, the usage answer and everything posted later', async () => {
    for (const text of INPUTS) {
      const reply = acks.record(`injection: ${text}`, await world.client.sendSlashCommand({ text, userId: DEMO_USER, channelId: DEMO_CHANNEL }));
      expect(reply.status, text).toBe(200);
      expect(reply.ackMs).toBeLessThan(3000);
    }
    await waitFor('the one valid check to finish', () => findMessage(world.slack, DEMO_CHANNEL, /^FAIL — vision-resnet-open-ssh/));
    await sleep(200);

    const payloads = sentPayloads(world.slack);
    expect(payloads.filter((p) => p.via === 'response_url').length).toBeGreaterThanOrEqual(INPUTS.length);
    const live = payloads.flatMap((p) => mrkdwnTexts(p).flatMap((text) => foreignSequences(text).map((seq) => `${p.via}: ${seq}`)));
    expect(live).toEqual([]);
    expect(JSON.stringify(payloads)).toContain('&lt;!channel&gt;');
    for (const call of world.slack.calls()) {
      const keys = keysIn(call.args);
      expect(keys.has('link_names') || keys.has('parse'), call.method).toBe(false);
    }
  });
});
