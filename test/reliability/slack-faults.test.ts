/**
 * Slack faults: 429 with Retry-After, 5xx, channel_not_found, an expired response_url. The answer
 * gets through by another route (response_url ↔ chat.postMessage ↔ chat.update ↔ ephemeral), or
 * the failure is logged with context; the process never dies (an unhandled rejection anywhere
 * fails this vitest run) and the next command works.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import {
  buttonIn,
  DEMO_CHANNEL,
  DEMO_USER,
  startSlackWorld,
  waitFor,
  type SlackWorld,
} from '../helpers/slack-harness.js';

let world: SlackWorld;
beforeAll(async () => {
  // Two client retries (production uses ten over ~30 min): enough to honour one Retry-After.
  world = await startSlackWorld({ slack: { clientRetries: 2, progressIntervalMs: 200, fleetCooldownMs: 0 } });
});
afterEach(() => world.slack.setFaults({ 'chat.postMessage': null, 'chat.update': null, 'chat.postEphemeral': null, response_url: null }));
afterAll(async () => {
  await world?.close();
});

const newReport = (before: Set<string>, job: string, viewer = DEMO_USER) =>
  world.slack.conversation
    .messages({ channel: DEMO_CHANNEL, viewer })
    .find((m) => !before.has(m.ts) && m.source !== 'user' && m.source !== 'ack' && m.text.includes(job) && /\b(PASS|FAIL|UNKNOWN)\b/.test(m.text));
const seen = () => new Set(world.slack.conversation.messages({ channel: DEMO_CHANNEL, viewer: DEMO_USER }).map((m) => m.ts));

describe('a command answer finds a way through', () => {
  it('response_url expired (404) → chat.postMessage', async () => {
    world.slack.setFaults({ response_url: { status: 404, count: 5 } });
    const before = seen();
    await world.client.sendSlashCommand({ text: 'check churn-xgb-private', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    const answer = await waitFor('the answer by chat.postMessage', () => newReport(before, 'churn-xgb-private'));
    expect(answer.source).toBe('chat.postMessage');
    expect(answer.ephemeral).toBe(false);
  });

  it('response_url 5xx and chat.postMessage channel_not_found → an ephemeral answer', async () => {
    world.slack.setFaults({ response_url: { status: 500, count: 5 }, 'chat.postMessage': { error: 'channel_not_found', count: 5 } });
    const before = seen();
    await world.client.sendSlashCommand({ text: 'check churn-xgb-private', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    const answer = await waitFor('the ephemeral answer', () => newReport(before, 'churn-xgb-private'));
    expect(answer).toMatchObject({ ephemeral: true, visibleTo: DEMO_USER, source: 'chat.postEphemeral' });
  });

  it('429 with Retry-After on chat.postMessage is waited out and retried', async () => {
    world.slack.setFaults({ response_url: { status: 404, count: 5 }, 'chat.postMessage': { status: 429, retryAfter: 1, count: 1 } });
    const before = seen();
    const started = Date.now();
    await world.client.sendSlashCommand({ text: 'check churn-xgb-private', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    const answer = await waitFor('the answer after the 429', () => newReport(before, 'churn-xgb-private'), { timeoutMs: 15_000 });
    expect(answer.source).toBe('chat.postMessage');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(world.slack.calls('chat.postMessage').filter((c) => c.status === 429)).toHaveLength(1);
  });

  it('every route failing is logged with context, and the next command still works', async () => {
    world.slack.setFaults({
      response_url: { status: 500, count: 10 },
      'chat.postMessage': { status: 500, count: 10 },
      'chat.postEphemeral': { error: 'user_not_in_channel', count: 10 },
    });
    const logged = world.logs.length;
    await world.client.sendSlashCommand({ text: 'check churn-xgb-private', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    const line = await waitFor('the delivery failure in the log', () =>
      world.logs.slice(logged).find((l) => l.msg === 'reply could not be delivered by any route'),
    );
    expect(line).toMatchObject({ level: 50, channel: DEMO_CHANNEL, user: DEMO_USER });
    world.slack.setFaults({ response_url: null, 'chat.postMessage': null, 'chat.postEphemeral': null });
    const before = seen();
    await world.client.sendSlashCommand({ text: 'check churn-xgb-private', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    await waitFor('the next answer', () => newReport(before, 'churn-xgb-private'));
  });
});

describe('a recheck finds a way through', () => {
  it('expired response_url (RespondError) → chat.update of the bot\'s own message', async () => {
    const before = seen();
    await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    const report = await waitFor('the report', () => newReport(before, 'vision-resnet-open-ssh'));
    world.slack.setFaults({ response_url: { status: 404, count: 5 } });
    await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.recheckJob, value: buttonIn(report.blocks, ActionId.recheckJob)?.value });
    await waitFor('chat.update of the report', () => world.slack.calls('chat.update').find((c) => (c.args as { ts?: string }).ts === report.ts && c.status === 200));
    expect(world.slack.conversation.message(DEMO_CHANNEL, report.ts)?.edited.length).toBe(1);
  });
});

describe('a fleet audit under progress-edit 429s', () => {
  it('drops stale progress edits and still delivers the final report', async () => {
    world.slack.setFaults({ 'chat.update': { status: 429, retryAfter: 1, count: 2 } });
    const before = seen();
    const reply = await world.client.sendSlashCommand({ text: 'check --all --since all', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    expect(reply.status).toBe(200);
    const final = await waitFor(
      'the fleet report',
      () => world.slack.conversation.messages({ channel: DEMO_CHANNEL }).find((m) => !before.has(m.ts) && /^Fleet audit: \d+ jobs/.test(m.text)),
      { timeoutMs: 20_000 },
    );
    expect(final.text).toMatch(/^Fleet audit: 17 jobs — \d+ pass, \d+ fail, \d+ unknown/);
    expect(world.slack.calls('chat.update').some((c) => c.status === 429)).toBe(true);
  });
});
