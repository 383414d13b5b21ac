/**
 * Every seeded scenario through the Slack path: a signed `/sagemaker-vpc check <job>` to the real
 * Bolt HTTP receiver, the audit against the AWS fake, and the answer posted back to the Slack fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixOpenSsh, openSsh, SANDBOX_SCENARIOS } from '../../src/sandbox/aws/index.js';
import { DEMO_CHANNEL, startDemo, type Demo } from '../../src/sandbox/demo/start-demo.js';
import { findAction } from '../../src/sandbox/slack/index.js';
import { waitFor } from '../helpers/slack-harness.js';

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(async () => {
  await demo?.close();
});

const LABEL = { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN' } as const;

describe('seeded scenarios through /sagemaker-vpc check', () => {
  it.each(SANDBOX_SCENARIOS.map((s) => [s.job, s.region, s.expected.verdict] as const))('%s (%s) → %s', async (job, region, verdict) => {
    const command = `check ${job} --region ${region}`;
    const reply = await demo.client.sendSlashCommand({ text: command, userId: 'U0ALICE', channelId: DEMO_CHANNEL });
    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    const answer = await waitFor(`the report for ${job}`, () =>
      demo.slack.conversation
        .messages({ channel: DEMO_CHANNEL })
        .find((m) => m.source === 'response_url' && !m.ephemeral && m.text.includes(job) && /^(PASS|FAIL|UNKNOWN)\b/.test(m.text)),
    );
    expect(answer.text.startsWith(LABEL[verdict])).toBe(true);
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks).toContain('recheck_job');
    expect(blocks).toContain(`console.aws.amazon.com/sagemaker/home?region=${region}#/jobs/${job}`);
  });
});

describe('the recheck flow after the world changes', () => {
  it('FAIL → revoke the open SSH rule in the world → Recheck → the same message now says PASS, was FAIL', async () => {
    const job = 'vision-resnet-open-ssh';
    const before = new Set(demo.slack.conversation.messages({ channel: DEMO_CHANNEL }).map((m) => m.ts));
    await demo.client.sendSlashCommand({ text: `check ${job}`, userId: 'U0BOB', channelId: DEMO_CHANNEL });
    const report = await waitFor("this command's FAIL report", () =>
      demo.slack.conversation
        .messages({ channel: DEMO_CHANNEL })
        .find((m) => !before.has(m.ts) && m.source === 'response_url' && m.text.startsWith('FAIL') && m.text.includes(job)),
    );
    fixOpenSsh(demo.aws.world);
    try {
      const button = findAction(report.blocks, 'recheck_job');
      expect(button).toBeDefined();
      const click = await demo.client.sendBlockAction({
        userId: 'U0BOB',
        message: report,
        actionId: 'recheck_job',
        blockId: button?.blockId,
        value: String(button?.element['value']),
      });
      expect(click.status).toBe(200);
      const updated = await waitFor('the message to be replaced with PASS', () => {
        const current = demo.slack.conversation.message(DEMO_CHANNEL, report.ts);
        return current && current.edited.length > 0 && /\bPASS\b/.test(current.text) ? current : undefined;
      });
      expect(updated.edited.length).toBeGreaterThan(0);
      expect(JSON.stringify(updated.blocks), JSON.stringify(updated.blocks).slice(0, 600)).toMatch(/was FAIL, now PASS/);
    } finally {
      openSsh(demo.aws.world);
    }
  });
});
