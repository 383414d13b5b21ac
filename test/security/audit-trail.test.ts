/**
 * The audit trail: every command and click — accepted, refused or invalid — becomes one structured
 * log event (`msg: "audit event"`) saying who, where, what and the result, without secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { buttonIn, DEMO_CHANNEL, DEMO_USER, findMessage, sleep, startSlackWorld, waitFor } from '../helpers/slack-harness.js';

let world: Awaited<ReturnType<typeof startSlackWorld>>;

beforeAll(async () => {
  world = await startSlackWorld({ logLevel: 'info', env: { ALLOW_ALL_USERS: 'false', ALLOWED_USER_IDS: DEMO_USER } });
});
afterAll(async () => {
  await world?.close();
});

const events = () => world.logs.filter((l) => l.msg === 'audit event').map((l) => l.event as Record<string, unknown>);

describe('audit trail', () => {
  it('records commands, clicks and refusals with who, where, what and result', async () => {
    await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    await world.client.sendSlashCommand({ text: 'check bad_name!', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    await world.client.sendSlashCommand({ text: 'digest add "0 9 * * 1"', userId: 'U0BOB', channelId: DEMO_CHANNEL });
    const report = await waitFor('the report', () => findMessage(world.slack, DEMO_CHANNEL, /^FAIL — vision-resnet-open-ssh/));
    await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.recheckJob, value: buttonIn(report.blocks, ActionId.recheckJob)?.value });
    await world.client.sendBlockAction({ userId: 'U0BOB', message: report, actionId: ActionId.recheckJob, value: buttonIn(report.blocks, ActionId.recheckJob)?.value });
    await sleep(500);

    expect(events()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'command', what: 'check-job', user: DEMO_USER, channel: DEMO_CHANNEL, team: 'T0SANDBOX', result: 'accepted', input: 'check vision-resnet-open-ssh' }),
        expect.objectContaining({ kind: 'command', what: 'invalid', user: DEMO_USER, result: 'invalid', input: 'check bad_name!' }),
        expect.objectContaining({ kind: 'command', user: 'U0BOB', result: 'refused:user', input: 'digest add "0 9 * * 1"' }),
        expect.objectContaining({ kind: 'action', what: ActionId.recheckJob, user: DEMO_USER, channel: DEMO_CHANNEL, result: 'accepted' }),
        expect.objectContaining({ kind: 'action', what: ActionId.recheckJob, user: 'U0BOB', result: 'refused:user' }),
      ]),
    );
    const text = JSON.stringify(events());
    for (const secret of [world.demo.botToken, world.demo.signingSecret]) expect(text).not.toContain(secret);
    // A refused digest add wrote nothing.
    expect(await world.demo.bot.store.listSchedules({ channelId: DEMO_CHANNEL })).toEqual([]);
  });
});
