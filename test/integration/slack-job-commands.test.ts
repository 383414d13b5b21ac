/**
 * `/sagemaker-vpc check <job>` end to end over real HTTP: the real Bolt app (startDemo) receives
 * signed requests from the sandbox Slack client, audits the sandbox AWS account and answers through
 * the Slack fake's response_url and Web API — ack budget, posted blocks, Recheck replacing the
 * message after the world changed, the remediation modal, duplicate deliveries, App Home, /healthz.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixOpenSsh } from '../../src/sandbox/aws/index.js';
import { findAction, type MessageRecord } from '../../src/sandbox/slack/index.js';
import { ActionId, decodeValue } from '../../src/slack/ids.js';
import {
  awsCalls,
  buttonIn,
  createAckLog,
  DEMO_CHANNEL,
  DEMO_USER,
  findMessage,
  sleep,
  startSlackWorld,
  unsealed,
  waitFor,
  type SlackWorld,
} from '../helpers/slack-harness.js';

const BOB = 'U0BOB';
const acks = createAckLog('slack-job-commands');
let world: SlackWorld;

/** The literal text of every rich_text_preformatted block (where snippets live). */
function preformattedTexts(blocks: unknown): string[] {
  const out: string[] = [];
  for (const block of Array.isArray(blocks) ? (blocks as Array<{ type?: string; elements?: Array<{ type?: string; elements?: Array<{ text?: string }> }> }>) : []) {
    if (block.type !== 'rich_text') continue;
    for (const el of block.elements ?? []) if (el.type === 'rich_text_preformatted') out.push((el.elements ?? []).map((t) => t.text ?? '').join(''));
  }
  return out;
}

async function checkJob(job: string, userId = DEMO_USER): Promise<MessageRecord> {
  const reply = acks.record(`check ${job}`, await world.client.sendSlashCommand({ text: `check ${job}`, userId, channelId: DEMO_CHANNEL }));
  expect(reply.status).toBe(200);
  expect(reply.ackMs).toBeLessThan(3000);
  return waitFor(`the report on ${job}`, () => findMessage(world.slack, DEMO_CHANNEL, new RegExp(`^(PASS|FAIL|UNKNOWN) — ${job} `)));
}

beforeAll(async () => {
  world = await startSlackWorld();
});
afterEach(() => {
  world.slack.reset();
  world.aws.world.reset();
  world.aws.aws.resetCounters();
  expect(world.logs.filter((line) => Number(line['level']) >= 50)).toEqual([]);
});
afterAll(async () => {
  console.info(acks.summary());
  await world?.close();
});

describe('check <job> over HTTP', () => {
  it('acks in milliseconds, then posts the report with its buttons in the channel', async () => {
    const reply = acks.record('check vision-resnet-open-ssh', await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL }));

    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.ackMessage).toMatchObject({ ephemeral: true, text: 'Checking vision-resnet-open-ssh in us-east-1…' });
    const report = await waitFor('the report', () => findMessage(world.slack, DEMO_CHANNEL, /^FAIL — vision-resnet-open-ssh/, { viewer: BOB }));
    expect(report).toMatchObject({ source: 'response_url', ephemeral: false, text: 'FAIL — vision-resnet-open-ssh in us-east-1: 1 failing, 0 unknown' });
    expect(report.blocks?.[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':x: FAIL — vision-resnet-open-ssh', emoji: true } });
    const blocksText = JSON.stringify(report.blocks);
    expect(blocksText).toContain('`vpc-security-groups-restricted`');
    expect(blocksText).toContain('Network as of');
    const expectedValue = { v: 1, account: '123456789012', region: 'us-east-1', job: 'vision-resnet-open-ssh' };
    for (const actionId of [ActionId.recheckJob, ActionId.showRemediation]) {
      expect(decodeValue('job', unsealed(buttonIn(report.blocks, actionId)?.value)), actionId).toEqual({ ok: true, value: expectedValue });
    }
    expect(findAction(report.blocks, ActionId.openConsole)?.element['url']).toBe('https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/vision-resnet-open-ssh');
    expect(awsCalls(world.aws).by['DescribeTrainingJob']).toBe(1);
  });

  it('Recheck after a fix replaces the same message: "was FAIL, now PASS"', async () => {
    const report = await checkJob('vision-resnet-open-ssh');
    fixOpenSsh(world.aws.world);

    const click = acks.record('recheck', await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.recheckJob }));

    expect(click.status).toBe(200);
    expect(click.ackMs).toBeLessThan(3000);
    const updated = await waitFor('the replaced report', () => {
      const current = world.slack.conversation.message(DEMO_CHANNEL, report.ts);
      return current && current.edited.length > 0 ? current : undefined;
    });
    expect(updated.text).toBe('Rechecked (was FAIL): PASS — vision-resnet-open-ssh in us-east-1: 0 failing, 0 unknown');
    expect(updated.edited.map((v) => v.text)).toEqual(['FAIL — vision-resnet-open-ssh in us-east-1: 1 failing, 0 unknown']);
    expect(JSON.stringify(updated.blocks)).toMatch(/Rechecked by <@U0ALICE> at <!date\^\d+\^[^>]+> — was FAIL, now PASS/);
    // Through the click's own response_url, and nothing new in the channel.
    const post = world.slack.responses(click.responseUrl).at(-1);
    expect(post).toMatchObject({ result: 'ok', body: { replace_original: true } });
    expect(world.slack.conversation.messages({ channel: DEMO_CHANNEL }).filter((m) => m.source !== 'user' && !m.ephemeral)).toHaveLength(1);
  });

  it('Show remediation opens a loading modal at once, then fills it with the snippets (clone included)', async () => {
    const report = await checkJob('nlp-finetune-main-table');

    const click = acks.record('show remediation', await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.showRemediation }));

    expect(click.status).toBe(200);
    const modal = await waitFor('the filled modal', () => world.slack.conversation.views('modal').find((v) => v.history.length >= 2));
    const [open, update] = [world.slack.calls('views.open')[0], world.slack.calls('views.update')[0]];
    expect(open?.args['trigger_id']).toBe(click.triggerId);
    expect(open?.response).toMatchObject({ ok: true });
    expect(update?.args['view_id']).toBe(modal.id);
    expect(JSON.stringify(modal.history[0]?.view)).toContain('Building remediation and backout for `nlp-finetune-main-table`');
    const filled = JSON.stringify(modal.view);
    expect(modal.view).toMatchObject({ type: 'modal', title: { type: 'plain_text', text: 'Remediation' } });
    const snippets = preformattedTexts(modal.view['blocks']);
    expect(snippets.some((code) => /aws sagemaker create-training-job \\\n\s+--cli-input-json file:\/\/clone\.json/.test(code))).toBe(true);
    expect(snippets.some((code) => code.includes('--training-job-name nlp-finetune-main-table-vpc-'))).toBe(true);
    expect(filled).toContain('*Backout*');
  });
});

describe('duplicate deliveries', () => {
  it('a replayed slash command (same trigger) is acked but audited once', async () => {
    const first = await world.client.sendSlashCommand({ text: 'check churn-xgb-private', userId: DEMO_USER, channelId: DEMO_CHANNEL });

    const again = acks.record('replayed command', await world.client.replay(first.request));

    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toBe('');
    await waitFor('the report', () => findMessage(world.slack, DEMO_CHANNEL, /^PASS — churn-xgb-private/));
    await sleep(300);
    expect(awsCalls(world.aws).by['DescribeTrainingJob']).toBe(1);
    expect(world.slack.conversation.messages({ channel: DEMO_CHANNEL }).filter((m) => /^PASS — churn-xgb-private/.test(m.text))).toHaveLength(1);
    expect(world.slack.conversation.messages({ channel: DEMO_CHANNEL }).filter((m) => m.source === 'ack')).toHaveLength(1);
  });

  it('a double click on Recheck runs one audit; a deliberate click after it finished runs again', async () => {
    const report = await checkJob('vision-resnet-open-ssh');
    world.aws.aws.resetCounters();

    const clicks = await Promise.all([0, 1].map(() => world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.recheckJob })));

    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    await waitFor('the recheck', () => (world.slack.conversation.message(DEMO_CHANNEL, report.ts)?.edited.length ?? 0) > 0);
    await sleep(1_200); // past the duplicate grace
    expect(awsCalls(world.aws).by['DescribeTrainingJob']).toBe(1);
    expect(world.slack.conversation.message(DEMO_CHANNEL, report.ts)?.edited).toHaveLength(1);

    await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.recheckJob });

    await waitFor('the second recheck', () => (world.slack.conversation.message(DEMO_CHANNEL, report.ts)?.edited.length ?? 0) > 1);
    expect(awsCalls(world.aws).by['DescribeTrainingJob']).toBe(2);
    expect(world.slack.conversation.message(DEMO_CHANNEL, report.ts)?.text).toMatch(/^Rechecked: FAIL — /);
  });
});

describe('App Home and health', () => {
  it('app_home_opened publishes the viewer’s recent checks and the usage', async () => {
    await checkJob('churn-xgb-private');

    const reply = acks.record('app_home_opened', await world.client.sendAppHomeOpened({ userId: DEMO_USER }));

    expect(reply.status).toBe(200);
    const home = await waitFor('the Home view', () => world.slack.conversation.home(DEMO_USER));
    expect(world.slack.calls('views.publish')[0]?.args['user_id']).toBe(DEMO_USER);
    const text = JSON.stringify(home.view);
    expect(home.view['type']).toBe('home');
    expect(text).toContain('*Your recent checks*');
    expect(text).toContain('`churn-xgb-private`');
    expect(text).toContain('/sagemaker-vpc check <job-name> [--region R]');

    await world.client.sendAppHomeOpened({ userId: BOB });
    const bobs = await waitFor('Bob’s Home view', () => world.slack.conversation.home(BOB));
    expect(JSON.stringify(bobs.view)).not.toContain('churn-xgb-private');
  });

  it('GET /healthz answers 200 with the mode in HTTP mode', async () => {
    const response = await fetch(`${world.origin}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, mode: 'http' });
    expect((await fetch(`${world.origin}/nope`)).status).toBe(404);
  });
});
