/**
 * `/sagemaker-vpc check-network` in Slack: the preflight report reuses the job report, has a
 * "Check again" button instead of Recheck, and the button re-judges the network as it is now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixOpenSsh, openSsh, SANDBOX_IDS } from '../../src/sandbox/aws/index.js';
import { ActionId } from '../../src/slack/ids.js';
import { awsCalls, buttonIn, DEMO_CHANNEL, DEMO_USER, startSlackWorld, waitFor } from '../helpers/slack-harness.js';

let world: Awaited<ReturnType<typeof startSlackWorld>>;
beforeAll(async () => {
  world = await startSlackWorld();
});
afterAll(async () => {
  await world?.close();
});

describe('check-network in Slack', () => {
  it('answers with a preflight report and a Check again button that re-judges the network', async () => {
    const { subnets, securityGroups } = SANDBOX_IDS;
    const text = `check-network --subnets ${subnets.privateA} --security-groups ${securityGroups.openSsh} --instances 2`;
    const reply = await world.client.sendSlashCommand({ text, userId: DEMO_USER, channelId: DEMO_CHANNEL });
    expect(reply.status).toBe(200);
    const report = await waitFor('the preflight report', () =>
      world.slack.conversation.messages({ channel: DEMO_CHANNEL }).find((m) => m.source === 'response_url' && /^FAIL/.test(m.text) && m.text.includes('preflight')),
    );
    expect(buttonIn(report.blocks, ActionId.recheckJob)).toBeUndefined();
    const again = buttonIn(report.blocks, ActionId.checkNetworkAgain);
    expect(again?.value).toBeDefined();

    fixOpenSsh(world.demo.aws.world);
    try {
      await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.checkNetworkAgain, value: again?.value });
      const updated = await waitFor('the report replaced with PASS', () => {
        const current = world.slack.conversation.message(DEMO_CHANNEL, report.ts);
        return current && current.edited.length > 0 && /\bPASS\b/.test(current.text) ? current : undefined;
      });
      expect(buttonIn(updated.blocks, ActionId.checkNetworkAgain)?.value).toBeDefined();
    } finally {
      openSsh(world.demo.aws.world);
    }
  });

  it('refuses bad ids before any AWS call, with the reason', async () => {
    world.aws.aws.resetCounters();
    const reply = await world.client.sendSlashCommand({ text: 'check-network --subnets subnet-zz --security-groups sg-1', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    expect(reply.ackMessage?.text ?? reply.body).toMatch(/subnet-zz.*not a valid id/);
    expect(awsCalls(world.aws).total).toBe(0);
  });
});
