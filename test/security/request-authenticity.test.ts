/**
 * Request authenticity beyond the basic cases in slack-gates.test.ts: missing signature headers and
 * a replayed body with a fresh timestamp but the old signature get 401 and cause zero AWS calls.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsCalls, DEMO_CHANNEL, DEMO_USER, sleep, startSlackWorld, type SlackWorld } from '../helpers/slack-harness.js';

let world: SlackWorld;
beforeAll(async () => {
  world = await startSlackWorld();
  world.slack.reset();
});
afterEach(() => {
  world.slack.reset();
  world.aws.aws.resetCounters();
});
afterAll(async () => {
  await world?.close();
});

async function post(headers: Record<string, string>, body: string): Promise<number> {
  const response = await fetch(`${world.origin}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  await response.text();
  return response.status;
}

describe('request authenticity', () => {
  it('answers 401 when the signature headers are missing or malformed, and runs nothing', async () => {
    const signed = await world.client.sendSlashCommand({ text: 'help', userId: DEMO_USER, channelId: DEMO_CHANNEL, showAck: false });
    const { body, headers } = signed.request;
    const statuses = [
      await post({}, body),
      await post({ 'x-slack-request-timestamp': headers['x-slack-request-timestamp'] ?? '' }, body),
      await post({ 'x-slack-signature': headers['x-slack-signature'] ?? '' }, body),
      await post({ 'x-slack-signature': headers['x-slack-signature'] ?? '', 'x-slack-request-timestamp': 'yesterday' }, body),
    ];
    expect(statuses).toEqual([401, 401, 401, 401]);
    world.slack.reset();
  });

  it('answers 401 to a replayed body carrying a new timestamp but the old signature', async () => {
    const original = await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL, showAck: false });
    expect(original.status).toBe(200);
    await sleep(1_500); // let the original's audit finish before counting from zero
    world.aws.aws.resetCounters();
    world.slack.reset();
    const fresh = String(Number(original.request.headers['x-slack-request-timestamp']) + 2);
    const replay = await world.client.replay({ body: original.request.body, headers: { ...original.request.headers, 'x-slack-request-timestamp': fresh } });
    expect(replay.status).toBe(401);
    await sleep(300);
    expect(awsCalls(world.aws).total).toBe(0);
    expect(world.slack.calls()).toEqual([]);
  });
});
