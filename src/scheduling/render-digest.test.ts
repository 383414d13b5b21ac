import { describe, expect, it } from 'vitest';
import { limitProblems, mrkdwnTexts } from '../slack/views/testing/inspect.js';
import type { DigestReport } from './build-digest.js';
import { digestNotes, renderDigestMessage, renderDigestText, toDigestView } from './render-digest.js';
import { ACCOUNT, REGION } from './testing/job-reports.js';

function report(overrides: Partial<DigestReport> = {}): DigestReport {
  return {
    scheduleId: 3,
    scopeText: 'us-east-1 · last 30 days + every InProgress job',
    generatedAt: '2026-11-30T09:00:00.000Z',
    summary: { jobs: 10, pass: 8, fail: 1, unknown: 1 },
    previous: { compliancePct: 70, generatedAt: '2026-11-29T09:00:00.000Z' },
    firstDigest: false,
    newFailures: [{ account: ACCOUNT, region: REGION, job: 'train-new', rules: ['vpc-subnets-private'] }],
    fixed: [{ account: ACCOUNT, region: REGION, job: 'train-fixed', rules: ['vpc-security-groups-restricted'] }],
    longestFailing: [{ account: ACCOUNT, region: REGION, job: 'train-new', rules: ['vpc-subnets-private'], failingSince: '2026-11-30T09:00:00.000Z' }],
    unknowns: [{ account: ACCOUNT, region: REGION, job: 'train-blind', rules: [], reason: 'ec2:DescribeRouteTables was denied' }],
    leftScope: 2,
    historicalDebt: { failing: 4, known: 9, olderThanDays: 30, oldestCheck: '2026-11-01T09:00:00.000Z' },
    complete: true,
    errors: [],
    notes: [],
    missedTicks: 0,
    ...overrides,
  };
}

describe('digestNotes', () => {
  it.each`
    case                 | overrides                                                                          | expected
    ${'first digest'}    | ${{ firstDigest: true, previous: undefined, leftScope: undefined }}                | ${/^First digest of this schedule/}
    ${'catch-up'}        | ${{ missedTicks: 3 }}                                                              | ${/^Catch-up: 3 scheduled digests were missed/}
    ${'incomplete'}      | ${{ complete: false, errors: [{ code: 'throttled', operation: 'sagemaker:Search', message: 'x' }] }} | ${/did not complete — sagemaker:Search \(throttled\)/}
    ${'left scope'}      | ${{}}                                                                              | ${/^2 jobs from the previous digest left scope/}
    ${'debt not known'}  | ${{ historicalDebt: { failing: 0, known: 0, olderThanDays: 30 } }}                 | ${/Historical debt \(jobs created more than 30 days ago\) is not known/}
    ${'debt as of'}      | ${{}}                                                                              | ${/Historical debt is each older job's verdict when a digest last judged it \(oldest 2026-11-01 09:00 UTC\)/}
  `('$case', ({ overrides, expected }) => {
    expect(digestNotes(report(overrides)).some((n) => expected.test(n))).toBe(true);
  });
});

describe('renderDigestMessage', () => {
  it('puts the notes, escaped, before the lists, and stays within Slack limits', () => {
    const message = renderDigestMessage(report({ notes: ['us-east-1: <!channel> Search was denied'] }));
    const dividerAt = message.blocks.findIndex((b) => b.type === 'divider');
    expect(message.blocks[dividerAt - 1]?.type).toBe('context');
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).not.toContain('<!channel>');
    expect(limitProblems(message, 'message')).toEqual([]);
  });

  it('names the CSV when one is attached and maps the debt into the view', () => {
    expect(toDigestView(report(), 'digest.csv')).toMatchObject({ fileName: 'digest.csv', historicalDebt: { jobs: 4, olderThanDays: 30 }, longestFailing: [{ failingSince: '2026-11-30' }] });
    expect(mrkdwnTexts(renderDigestMessage(report(), 'digest.csv')).join('\n')).toContain('attached as CSV: `digest.csv`');
  });
});

describe('renderDigestText', () => {
  it('reads like the Slack digest, with the trend, lists and notes', () => {
    const text = renderDigestText(report());
    expect(text).toContain('Compliance digest — 80.0% (▲ 10.0 points since 2026-11-29 09:00 UTC)');
    expect(text).toContain('New failures (1):\n  train-new  us-east-1  123456789012  vpc-subnets-private');
    expect(text).toContain('Fixed (1):\n  train-fixed');
    expect(text).toContain('Unknown (1):\n  train-blind  us-east-1  123456789012: ec2:DescribeRouteTables was denied');
    expect(text).toContain('Historical debt: 4 older jobs');
  });
});
