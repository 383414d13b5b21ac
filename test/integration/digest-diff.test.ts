/**
 * Digests across runs, through the real runner and SQLite store: new failures, fixes (a network
 * fixed since the last digest), still failing, jobs leaving scope, advisory-only changes,
 * incomplete audits, historical debt, evidence files and the CSV attachment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditDocument } from '../../src/audit/model.js';
import type { DigestReport } from '../../src/scheduling/build-digest.js';
import { createDigestHarness, type DigestHarness, type Instance } from '../../src/scheduling/testing/digest-harness.js';

const DAY = 86_400_000;
const START = '2026-11-29T09:00:00.000Z';
let h: DigestHarness;
const ago = (days: number) => new Date(h.clock.now().getTime() - days * DAY).toISOString();

afterEach(async () => {
  await h?.close();
});

async function digestNow(instance: Instance): Promise<DigestReport> {
  const reports: DigestReport[] = [];
  instance.digests.attach({ client: instance.chat, onPosted: (report) => void reports.push(report) });
  const answer = await instance.digests.commands.handle({ kind: 'digest-now' }, { userId: 'U0ALICE', channelId: 'C0GENERAL' }, instance.chat);
  expect(answer.text).toBe('Digest posted.');
  const report = reports[0];
  if (!report) throw new Error('no digest was posted');
  return report;
}

const names = (lines: Array<{ job: string }>) => lines.map((l) => l.job);

describe('diffing digests of one schedule', () => {
  it('new, fixed and still failing; jobs leaving scope; advisory-only changes are never failures', async () => {
    h = createDigestHarness(START);
    await h.addSchedule({ cron: '0 9 1 1 *' }); // never due during the test: only `digest now` runs
    h.fleet.set(
      { name: 'a-breaks', created: ago(3) },
      { name: 'b-net-fixed', created: ago(3), rules: { 'vpc-subnets-private': 'fail' } },
      { name: 'c-still', created: ago(5), rules: { 'vpc-security-groups-restricted': 'fail' } },
      { name: 'd-advisory', created: ago(3), rules: { 'vpc-s3-access': 'warn' } },
      { name: 'e-blind', created: ago(3), rules: { 'vpc-subnets-private': 'unknown' } },
      { name: 'f-leaves', created: ago(4), rules: { 'vpc-configured': 'fail' } },
      { name: 'old-running', created: ago(60), status: 'InProgress', rules: { 'vpc-subnets-private': 'fail' } },
      { name: 'old-outside', created: ago(90), rules: { 'vpc-configured': 'fail' } },
    );
    const bot = await h.instance();

    const first = await digestNow(bot);
    expect(first.firstDigest).toBe(true);
    expect(first.summary).toEqual({ jobs: 7, pass: 2, fail: 4, unknown: 1 });
    expect(names(first.newFailures)).toEqual(['b-net-fixed', 'c-still', 'f-leaves', 'old-running']);
    expect(first.fixed).toEqual([]);
    expect(first.leftScope).toBeUndefined();
    expect(first.historicalDebt).toMatchObject({ known: 0, failing: 0, olderThanDays: 30 });
    expect(h.chat.posted[0]?.text).toMatch(/^Compliance digest: 28\.6% \(first digest — nothing to compare with yet\)/);

    await h.clock.advance(7 * DAY);
    h.fleet.set(
      { name: 'a-breaks', created: ago(10), rules: { 'vpc-security-groups-restricted': 'fail' } },
      { name: 'b-net-fixed', created: ago(10) },
      { name: 'd-advisory', created: ago(10), rules: { 'vpc-s3-access': 'pass', 'network-isolation': 'warn', 'inter-container-encryption': 'warn' } },
      { name: 'g-new-ok', created: ago(1) },
      { name: 'old-running', created: ago(67), status: 'Completed', rules: { 'vpc-subnets-private': 'fail' } },
    );
    h.fleet.remove('f-leaves');

    const second = await digestNow(bot);
    expect(second.firstDigest).toBe(false);
    expect(names(second.newFailures)).toEqual(['a-breaks']);
    expect(names(second.fixed)).toEqual(['b-net-fixed']);
    expect(second.fixed[0]?.rules).toEqual(['vpc-subnets-private']);
    expect(names(second.longestFailing)).toEqual(['c-still', 'a-breaks']);
    expect(second.longestFailing[0]?.failingSince).toBe(START);
    expect(names(second.unknowns)).toEqual(['e-blind']);
    // f-leaves was deleted and old-running finished 67 days after creation: both left scope.
    expect(second.leftScope).toBe(2);
    expect(second.previous).toEqual({ compliancePct: 28.6, generatedAt: START });
    // old-running was failing when last judged and is now older than the window: historical debt.
    expect(second.historicalDebt).toMatchObject({ known: 1, failing: 1, olderThanDays: 30 });
    const message = JSON.stringify(h.chat.posted[1]?.blocks);
    expect(message).toContain('2 jobs from the previous digest left scope');
    expect(message).toContain('Historical debt: 1 older job');
    expect(message).not.toContain('d-advisory');

    await h.clock.advance(7 * DAY);
    h.fleet.failListing();
    const third = await digestNow(bot);
    expect(third.complete).toBe(false);
    expect(third.leftScope).toBeUndefined();
    expect(JSON.stringify(h.chat.posted[2]?.blocks)).toContain('The audit did not complete — sagemaker:Search (throttled)');
  });

  it('an incomplete digest is not the baseline of the next one', async () => {
    h = createDigestHarness(START);
    await h.addSchedule({ cron: '0 9 1 1 *' }); // never due during the test: only `digest now` runs
    h.fleet.set({ name: 'broken', created: ago(1), rules: { 'vpc-configured': 'fail' } });
    const bot = await h.instance();
    await digestNow(bot);
    h.fleet.failListing();
    await digestNow(bot);
    h.fleet.listingWorks();
    h.fleet.set({ name: 'late-fail', created: ago(1), rules: { 'vpc-subnets-private': 'fail' } });
    // Compared with the first (complete) digest: only late-fail is new.
    const next = await digestNow(bot);
    expect(names(next.newFailures)).toEqual(['late-fail']);
  });
});

describe('evidence and attachments', () => {
  it('writes every run’s AuditDocument to REPORT_DIR and attaches the CSV when the digest does not fit', async () => {
    h = createDigestHarness(START);
    await h.addSchedule({ cron: '0 9 1 1 *' }); // never due during the test: only `digest now` runs
    for (let i = 0; i < 20; i += 1) h.fleet.set({ name: `fail-${String(i).padStart(2, '0')}`, created: ago(2), rules: { 'vpc-subnets-private': 'fail' } });
    h.fleet.set({ name: 'ok', created: ago(2) });
    const reportDir = join(h.dir, 'reports');
    const bot = await h.instance({ reportDir });
    await digestNow(bot);

    const files = readdirSync(reportDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^digest-s1-2026-11-29T09-00-00Z-run1\.json$/);
    const doc = JSON.parse(readFileSync(join(reportDir, files[0] as string), 'utf8')) as AuditDocument;
    expect(doc).toMatchObject({ schemaVersion: 1, generatedAt: START, summary: { jobs: 21, pass: 1, fail: 20, unknown: 0 } });
    expect(doc.jobs).toHaveLength(21);

    expect(h.chat.uploads).toHaveLength(1);
    expect(h.chat.uploads[0]).toMatchObject({ channel_id: 'C0GENERAL', thread_ts: h.chat.posted[0]?.ts, filename: expect.stringMatching(/\.csv$/) });
    expect(JSON.stringify(h.chat.posted[0]?.blocks)).toContain('attached as CSV');
  });
});
