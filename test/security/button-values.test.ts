/**
 * Button values come back from Slack: anything the bot did not mint — another region, another job,
 * malformed JSON, an oversize value, a valid-looking value without the bot's seal — is refused
 * with an answer to the clicker, before any AWS call, and the clicked message is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../src/sandbox/slack/index.js';
import { ActionId } from '../../src/slack/ids.js';
import { awsCalls, buttonIn, DEMO_CHANNEL, DEMO_USER, findMessage, sleep, startSlackWorld, waitFor, type SlackWorld } from '../helpers/slack-harness.js';

let world: SlackWorld;
let report: MessageRecord;
beforeAll(async () => {
  world = await startSlackWorld();
  await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL });
  report = await waitFor('the report', () => findMessage(world.slack, DEMO_CHANNEL, /^FAIL — vision-resnet-open-ssh/));
  await sleep(300); // let the check's audit finish: every test counts AWS calls from zero
});
afterAll(async () => {
  await world?.close();
});

function tamper(sealed: string, edit: (value: Record<string, unknown>) => void): string {
  const at = sealed.lastIndexOf('~');
  const value = JSON.parse(sealed.slice(0, at)) as Record<string, unknown>;
  edit(value);
  return `${JSON.stringify(value)}${sealed.slice(at)}`;
}

describe('tampered button values', () => {
  it.each([
    ['another region', (v: string) => tamper(v, (x) => void (x.region = 'eu-west-1'))],
    ['another job', (v: string) => tamper(v, (x) => void (x.job = 'churn-xgb-private'))],
    ['another account', (v: string) => tamper(v, (x) => void (x.account = '999999999999'))],
    ['malformed JSON', (v: string) => `{"v":1,"job":${v.slice(v.lastIndexOf('~'))}`],
    ['an oversize value', (v: string) => `${v.slice(0, -1)}${'x'.repeat(2_500)}`],
    ['valid JSON without the seal', (v: string) => v.slice(0, v.lastIndexOf('~'))],
    ['an empty value', () => ''],
  ])('refuses %s with an answer and zero AWS calls', async (_what, forge) => {
    const genuine = buttonIn(report.blocks, ActionId.recheckJob)?.value;
    expect(genuine).toBeDefined();
    world.aws.aws.resetCounters();
    const before = world.slack.conversation.messages({ channel: DEMO_CHANNEL, viewer: DEMO_USER }).length;

    const click = await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.recheckJob, value: forge(genuine as string) });

    expect(click.status).toBe(200);
    const answer = await waitFor('an answer to the clicker', () =>
      world.slack.conversation
        .messages({ channel: DEMO_CHANNEL, viewer: DEMO_USER })
        .slice(before)
        .find((m) => m.ephemeral && /button|value/i.test(m.text)),
    );
    expect(answer.visibleTo).toBe(DEMO_USER);
    await sleep(200);
    expect(awsCalls(world.aws).total).toBe(0);
    expect(world.slack.conversation.message(DEMO_CHANNEL, report.ts)?.edited).toEqual([]);
  });
});
