import { describe, expect, it } from 'vitest';
import type { RunJob } from '../store/index.js';
import { createDigestAccumulator, diffJob, identityKey, runJobOf } from './digest-diff.js';
import { ACCOUNT, jobReport, REGION } from './testing/job-reports.js';

const AT = '2026-11-29T09:00:00.000Z';
const EARLIER = '2026-11-01T09:00:00.000Z';
const CREATED = '2026-10-20T12:00:00.000Z';

const job = (verdict: RunJob['verdict'], extra: Partial<RunJob> = {}): RunJob => ({ account: ACCOUNT, region: REGION, job: 'train-1', verdict, failingRules: [], ...extra });
const failing = (rules: string[] = ['vpc-subnets-private'], extra: Partial<RunJob> = {}) => job('fail', { failingRules: rules, ...extra });

describe('diffJob', () => {
  it.each`
    case                                        | previous                                   | current                                                    | change             | firstFailingAt
    ${'new job failing'}                        | ${undefined}                               | ${failing()}                                               | ${'new-failure'}   | ${AT}
    ${'no VpcConfig: failing since launch'}     | ${undefined}                               | ${failing(['vpc-configured'], { creationTime: CREATED })}  | ${'new-failure'}   | ${CREATED}
    ${'passed, now fails'}                      | ${job('pass')}                             | ${failing()}                                               | ${'new-failure'}   | ${AT}
    ${'unknown (never failing), now fails'}     | ${job('unknown')}                          | ${failing()}                                               | ${'new-failure'}   | ${AT}
    ${'still failing: time carried'}            | ${failing([], { firstFailingAt: EARLIER })}| ${failing()}                                               | ${'still-failing'} | ${EARLIER}
    ${'failing → unknown: carried, not fixed'}  | ${failing([], { firstFailingAt: EARLIER })}| ${job('unknown')}                                          | ${'unchanged'}     | ${EARLIER}
    ${'unknown after failing → fails: not new'} | ${job('unknown', { firstFailingAt: EARLIER })} | ${failing()}                                           | ${'still-failing'} | ${EARLIER}
    ${'network fixed: fail → pass'}             | ${failing([], { firstFailingAt: EARLIER })}| ${job('pass')}                                             | ${'fixed'}         | ${undefined}
    ${'unknown after failing → pass: fixed'}    | ${job('unknown', { firstFailingAt: EARLIER })} | ${job('pass')}                                         | ${'fixed'}         | ${undefined}
    ${'pass → pass'}                            | ${job('pass')}                             | ${job('pass')}                                             | ${'unchanged'}     | ${undefined}
    ${'new job passing'}                        | ${undefined}                               | ${job('pass')}                                             | ${'unchanged'}     | ${undefined}
  `('$case → $change', ({ previous, current, change, firstFailingAt }) => {
    expect(diffJob(previous, current, AT)).toEqual(firstFailingAt === undefined ? { change } : { change, firstFailingAt });
  });
});

describe('runJobOf', () => {
  it('keeps only failing control rules: advisory warnings never make a job failing', () => {
    const report = jobReport({ name: 'x', created: CREATED, rules: { 'vpc-subnets-private': 'fail', 'vpc-s3-access': 'warn', 'network-isolation': 'warn' } });
    expect(runJobOf(report)).toMatchObject({ verdict: 'fail', failingRules: ['vpc-subnets-private'], creationTime: '2026-10-20T12:00:00.000Z' });
  });

  it('names the unreadable control evidence of an unknown job', () => {
    const report = jobReport({ name: 'x', created: CREATED, rules: { 'vpc-s3-access': 'unknown', 'vpc-security-groups-restricted': 'unknown' } });
    expect(runJobOf(report).unknownReason).toBe('ec2:DescribeRouteTables was denied for vpc-security-groups-restricted');
  });
});

describe('createDigestAccumulator', () => {
  function accumulate(previous: RunJob[]) {
    const byKey = new Map(previous.map((p) => [identityKey(p), p]));
    return createDigestAccumulator({ generatedAt: AT, previous: async (id) => byKey.get(identityKey(id)), windowStart: new Date('2026-10-30T09:00:00.000Z'), longestLimit: 2 });
  }

  it('classifies across runs and counts matches so the caller knows how many left scope', async () => {
    const acc = accumulate([
      failing(['vpc-subnets-private'], { job: 'still', firstFailingAt: '2026-09-01T00:00:00.000Z' }),
      failing(['vpc-subnets-private'], { job: 'fixed-net', firstFailingAt: EARLIER }),
      job('pass', { job: 'breaks' }),
      job('pass', { job: 'advisory-only' }),
      failing(['vpc-configured'], { job: 'gone', firstFailingAt: EARLIER }),
    ]);
    const reports = [
      jobReport({ name: 'still', created: CREATED, rules: { 'vpc-subnets-private': 'fail' } }),
      jobReport({ name: 'fixed-net', created: CREATED }),
      jobReport({ name: 'breaks', created: CREATED, rules: { 'vpc-security-groups-restricted': 'fail' } }),
      jobReport({ name: 'advisory-only', created: CREATED, rules: { 'vpc-s3-access': 'warn', 'inter-container-encryption': 'warn' } }),
      jobReport({ name: 'brand-new', created: '2026-11-28T00:00:00.000Z', rules: { 'vpc-configured': 'fail' } }),
      jobReport({ name: 'blind', created: CREATED, rules: { 'vpc-subnets-private': 'unknown' } }),
    ];
    for (const r of reports) await acc.add(r);
    const out = acc.finish();
    expect(out.summary).toEqual({ jobs: 6, pass: 2, fail: 3, unknown: 1 });
    expect(out.newFailures.map((l) => [l.job, l.rules])).toEqual([
      ['brand-new', ['vpc-configured']],
      ['breaks', ['vpc-security-groups-restricted']],
    ]);
    expect(out.fixed.map((l) => [l.job, l.rules])).toEqual([['fixed-net', ['vpc-subnets-private']]]);
    expect(out.unknowns.map((l) => l.job)).toEqual(['blind']);
    expect(out.longestFailing.map((l) => [l.job, l.failingSince])).toEqual([
      ['still', '2026-09-01T00:00:00.000Z'],
      ['brand-new', '2026-11-28T00:00:00.000Z'],
    ]);
    // 4 of 5 previous jobs were seen again: "gone" left scope, and is neither new nor fixed.
    expect(out.matchedPrevious).toBe(4);
    expect([...out.newFailures, ...out.fixed].map((l) => l.job)).not.toContain('gone');
  });

  it('skips a job found by both audits (window and running) and notes running jobs older than the window', async () => {
    const acc = accumulate([]);
    const running = jobReport({ name: 'long-run', created: '2026-09-01T00:00:00.000Z', status: 'InProgress', rules: { 'vpc-subnets-private': 'fail' } });
    expect(await acc.add(running)).toBeDefined();
    expect(await acc.add(running)).toBeUndefined();
    const out = acc.finish();
    expect(out.summary.jobs).toBe(1);
    expect(out.olderInScope).toEqual([{ account: ACCOUNT, region: REGION, job: 'long-run' }]);
  });
});
