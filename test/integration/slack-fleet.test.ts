/**
 * `/sagemaker-vpc check --all` end to end over real HTTP against a generated fleet of 1,200 jobs
 * over 60 days: the Slack default of the last 30 days (and saying so), the progress message edited
 * into the report, the CSV uploaded with filesUploadV2 when more than 20 jobs fail, paging and
 * Details buttons, and a second concurrent request joining the running audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/audit/model.js';
import { generateFleet, type Fleet } from '../../src/sandbox/aws/index.js';
import type { MessageRecord } from '../../src/sandbox/slack/index.js';
import { ActionId, decodeValue } from '../../src/slack/ids.js';
import { FLEET_REPORT_PAGE_SIZE } from '../../src/slack/views/index.js';
import { awsCalls, buttonIn, createAckLog, DEMO_CHANNEL, DEMO_USER, startSlackWorld, unsealed, waitFor, type SlackWorld } from '../helpers/slack-harness.js';

const DAY = 86_400_000;
const REGION = 'us-east-1';
const acks = createAckLog('slack-fleet');
let world: SlackWorld;
let fleet: Fleet;
/** Verdict counts of the jobs created in the bot's last 30 days. */
let recent: Record<Verdict, number>;
let report: MessageRecord;
let searchCallsOfOneRun = 0;

/**
 * The bot's clock, offset from the real one (by less than a job's spacing) so that "30 days ago"
 * falls in the middle of the largest gap between two jobs near it: no job sits on the boundary
 * while the tests run, so the expected counts are exact.
 */
function clockAwayFromJobs(times: number[]): { now: () => Date; cutoff: number } {
  const target = Date.now() - 30 * DAY;
  const sorted = [...times].sort((a, b) => a - b);
  const i = sorted.findIndex((t) => t >= target);
  let best = { gap: -1, mid: target };
  for (let k = Math.max(1, i - 3); k <= Math.min(sorted.length - 1, i + 3); k += 1) {
    const gap = (sorted[k] ?? 0) - (sorted[k - 1] ?? 0);
    if (gap > best.gap) best = { gap, mid: ((sorted[k] ?? 0) + (sorted[k - 1] ?? 0)) / 2 };
  }
  const offset = best.mid - target;
  return { now: () => new Date(Date.now() + offset), cutoff: best.mid };
}

/** Counts as the views print them (1,200). */
const n = (value: number) => value.toLocaleString('en-US');

function verdictCounts(predicate: (index: number) => boolean): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, unknown: 0 };
  for (let i = 0; i < fleet.size; i += 1) if (predicate(i)) counts[fleet.expectedVerdict(i)] += 1;
  return counts;
}

beforeAll(async () => {
  fleet = generateFleet({ jobs: 1200, seed: 'slack-fleet-it', spanDays: 60, region: REGION });
  const store = fleet.world.jobs(REGION);
  const times = Array.from({ length: fleet.size }, (_, i) => store.get(i).CreationTime.getTime());
  const clock = clockAwayFromJobs(times);
  recent = verdictCounts((i) => (times[i] ?? 0) >= clock.cutoff);
  world = await startSlackWorld({ aws: { world: fleet.world }, now: clock.now });
});
afterAll(async () => {
  console.info(acks.summary());
  await world?.close();
});

describe('check --all from Slack', () => {
  it('defaults to the last 30 days and says so, then edits its progress message into the report', async () => {
    expect(recent.fail).toBeGreaterThan(FLEET_REPORT_PAGE_SIZE); // the world this test needs
    expect(recent.pass + recent.fail + recent.unknown).toBeLessThan(fleet.size);

    const reply = acks.record('check --all', await world.client.sendSlashCommand({ text: 'check --all', userId: DEMO_USER, channelId: DEMO_CHANNEL }));

    expect(reply.status).toBe(200);
    expect(reply.ackMs).toBeLessThan(3000);
    expect(reply.ackMessage?.text).toBe('Checking us-east-1 · last 30 days (default; `--since all` for everything)…');
    const jobs = recent.pass + recent.fail + recent.unknown;
    report = await waitFor('the fleet report', () => world.slack.conversation.messages({ channel: DEMO_CHANNEL }).find((m) => m.text.startsWith('Fleet audit:')), { timeoutMs: 20_000 });
    expect(report.text).toBe(`Fleet audit: ${n(jobs)} jobs — ${n(recent.pass)} pass, ${n(recent.fail)} fail, ${n(recent.unknown)} unknown (${((recent.pass / jobs) * 100).toFixed(1)}% compliant)`);
    expect(report).toMatchObject({ source: 'chat.postMessage', ephemeral: false });
    expect(report.edited[0]?.text).toMatch(/^Auditing us-east-1 · last 30 days \(default; `--since all` for everything\)/);
    expect(JSON.stringify(report.blocks)).toContain('Scope: us-east-1 · last 30 days (default; `--since all` for everything)');
    searchCallsOfOneRun = awsCalls(world.aws).by['Search'] ?? 0;
    expect(searchCallsOfOneRun).toBe(Math.ceil(jobs / 100));
  });

  it('uploads the full report as a CSV into the channel (filesUploadV2) when more than 20 jobs fail', async () => {
    const file = await waitFor('the CSV', () => world.slack.conversation.files()[0]);
    const complete = world.slack.calls('files.completeUploadExternal')[0];

    expect(complete?.args['channel_id']).toBe(DEMO_CHANNEL);
    expect(complete?.args['thread_ts']).toBe(report.ts);
    expect(file.channels).toEqual([DEMO_CHANNEL]);
    expect(file.name).toMatch(/^sagemaker-vpc-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.csv$/);
    const rows = (file.content?.toString('utf8') ?? '').trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^account,region,job,training_status,verdict,/);
    expect(rows).toHaveLength(1 + recent.pass + recent.fail + recent.unknown);
    expect(rows.filter((row) => row.split(',')[4] === 'fail')).toHaveLength(recent.fail);
    expect(world.slack.conversation.messages({ channel: DEMO_CHANNEL, threadTs: report.ts }).map((m) => m.files)).toEqual([[file.id]]);
  });

  it('pages with Next/Previous (replacing the report) and answers Details with that job’s report', async () => {
    const firstPage = JSON.stringify(report.blocks);
    const next = buttonIn(report.blocks, `${ActionId.fleetPage}:next`);
    expect(next).toBeDefined();

    acks.record('fleet next page', await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: `${ActionId.fleetPage}:next` }));

    const paged = await waitFor('page 2', () => {
      const m = world.slack.conversation.message(DEMO_CHANNEL, report.ts);
      return m && JSON.stringify(m.blocks).includes('(continued)') ? m : undefined;
    });
    expect(JSON.stringify(paged.blocks)).not.toBe(firstPage);
    expect(buttonIn(paged.blocks, `${ActionId.fleetPage}:prev`)).toBeDefined();

    const details = buttonIn(paged.blocks, ActionId.fleetDetails);
    const value = decodeValue('fleetDetails', unsealed(details?.value));
    if (!value.ok) throw new Error(value.error);
    world.aws.aws.resetCounters();
    acks.record('fleet details', await world.client.sendBlockAction({ userId: DEMO_USER, message: paged, actionId: ActionId.fleetDetails }));

    const answer = await waitFor('the Details answer', () =>
      world.slack.conversation.messages({ channel: DEMO_CHANNEL, viewer: DEMO_USER }).find((m) => m.ephemeral && m.text.includes(`— ${value.value.job} in ${REGION}`)),
    );
    expect(answer.text).toMatch(/^(FAIL|UNKNOWN) — /);
    expect(awsCalls(world.aws).by['DescribeTrainingJob']).toBe(1);

    await world.client.sendBlockAction({ userId: DEMO_USER, message: paged, actionId: `${ActionId.fleetPage}:prev` });
    await waitFor('page 1 again', () => JSON.stringify(world.slack.conversation.message(DEMO_CHANNEL, report.ts)?.blocks) === firstPage);
  });

  it('a second check --all while one runs joins it: one audit, both people answered', async () => {
    world.slack.reset();
    world.aws.aws.resetCounters();
    world.aws.aws.setLatency({ latencyMs: 60 });
    try {
      const first = await world.client.sendSlashCommand({ text: 'check --all', userId: 'U0BOB', channelId: DEMO_CHANNEL });
      await waitFor('the progress message', () => world.slack.calls('chat.postMessage').length > 0);

      const second = acks.record('joining check --all', await world.client.sendSlashCommand({ text: 'check --all', userId: 'U0CAROL', channelId: DEMO_CHANNEL }));

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.ackMessage?.text).toContain('joining the audit already running');
      const copy = await waitFor('Carol’s copy', () => world.slack.conversation.messages({ channel: DEMO_CHANNEL, viewer: 'U0CAROL' }).find((m) => m.ephemeral && m.text.startsWith('Fleet audit:')), { timeoutMs: 20_000 });
      expect(copy.visibleTo).toBe('U0CAROL');
      expect(awsCalls(world.aws).by['Search']).toBe(searchCallsOfOneRun);
      expect(world.slack.calls('chat.postMessage')).toHaveLength(1);
      expect(world.slack.conversation.messages({ channel: DEMO_CHANNEL, viewer: 'U0DAVE' }).filter((m) => m.text.startsWith('Fleet audit:'))).toHaveLength(1);
    } finally {
      world.aws.aws.setLatency({ latencyMs: 0 });
    }
  });

  it('--since all covers every job', async () => {
    world.slack.reset();

    await world.client.sendSlashCommand({ text: 'check --all --since all', userId: 'U0ERIN', channelId: DEMO_CHANNEL });

    const all = await waitFor('the full report', () => world.slack.conversation.messages({ channel: DEMO_CHANNEL }).find((m) => m.text.startsWith('Fleet audit:')), { timeoutMs: 20_000 });
    const expected = fleet.expectedCounts();
    expect(all.text).toContain(`Fleet audit: ${n(fleet.size)} jobs — ${n(expected.pass)} pass, ${n(expected.fail)} fail, ${n(expected.unknown)} unknown`);
    expect(JSON.stringify(all.blocks)).toContain('Scope: us-east-1 · all time');
  });
});
