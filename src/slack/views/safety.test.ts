/**
 * The safety property of every view: whatever strings arrive as job names, tags, ARNs, subnet and
 * group names, AWS error text or echoed input, no mrkdwn text object and no top-level `text`
 * carries a live `<…>` sequence built from them, nothing asks Slack to parse names, and every
 * Block Kit limit holds.
 */
import type { TrainingStatus } from '../../audit/model.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL_ID_PATTERN, USER_ID_PATTERN } from '../ids.js';
import {
  checkingMessage,
  digestMessage,
  errorMessage,
  expiredRunMessage,
  fleetProgressMessage,
  fleetReportMessage,
  homeView,
  jobReportMessage,
  loadingModal,
  remediationModal,
  remediationThreadMessages,
  scheduleAddedMessage,
  scheduleListMessage,
  usageMessage,
} from './index.js';
import { allFindings, buildReport, digestView, fleetView, NOW, snippet } from './testing/fixtures.js';
import { foreignSequences, hasKey, limitProblems, mrkdwnTexts } from './testing/inspect.js';

const INJECTIONS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<!subteam^S1>',
  '<http://x|y>',
  '<#C1>',
  '<!date^1^{date}|x>',
  '<https://evil.example/login|Open the AWS console>',
  '&lt;!channel&gt;',
  '`<!here>`',
  '*<!here>*',
];

/** Arbitrary text, biased towards control sequences, sometimes long. */
const untrusted = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 8 }), fc.constantFrom('<', '>', '&', '`', '|', '\n')), { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1000, maxLength: 4000 }) },
);

type Rendered = { text?: string; blocks: unknown[]; title?: unknown };

function assertSafe(rendered: Rendered, surface: 'message' | 'view', s: string): void {
  const trusted = { users: USER_ID_PATTERN.test(s) ? [s] : [], channels: CHANNEL_ID_PATTERN.test(s) ? [s] : [] };
  for (const text of mrkdwnTexts(rendered)) expect(foreignSequences(text, trusted), text).toEqual([]);
  expect(hasKey(rendered, 'link_names')).toBe(false);
  expect(hasKey(rendered, 'parse')).toBe(false);
  expect(limitProblems(rendered, surface)).toEqual([]);
}

function hostileReport(s: string) {
  const findings = allFindings({
    'vpc-subnets-private': {
      message: s,
      notes: [s, s],
      suppressed: { reason: s, by: s, until: s },
      remediation: { steps: [snippet(s, s, { permissions: [s] })], backout: [snippet(s, s, { irreversible: true })] },
    },
    'vpc-security-groups-restricted': { message: s },
    'network-isolation': { notes: [s] },
  });
  return buildReport({
    name: s,
    account: s,
    region: s,
    trainingStatus: s as TrainingStatus,
    vpc: { vpcId: s, subnets: [s], securityGroups: [s] },
    findings,
    subnetViews: [{ id: s, classification: 'unknown', routeTableId: s, viaMainTable: true, defaultRouteTarget: s, reason: s }],
    securityGroupViews: [{ id: s, name: s, classification: 'open', reason: s }],
    networkAsOf: s,
  });
}

const RUNS = { numRuns: 60 };

describe('no view lets input become a live mrkdwn sequence', () => {
  it('job report, recheck and preflight', () => {
    fc.assert(
      fc.property(untrusted, (s) => {
        const report = hostileReport(s);
        assertSafe(jobReportMessage(report), 'message', s);
        assertSafe(jobReportMessage(report, { recheck: { by: s, at: NOW, previousVerdict: 'fail' } }), 'message', s);
        assertSafe(jobReportMessage({ ...report, preflight: true }), 'message', s);
      }),
      RUNS,
    );
  });

  it('remediation modal, loading modal and thread messages', () => {
    fc.assert(
      fc.property(untrusted, (s) => {
        const report = hostileReport(s);
        assertSafe(remediationModal(report), 'view', s);
        assertSafe(loadingModal(s), 'view', s);
        for (const message of remediationThreadMessages(report)) assertSafe(message, 'message', s);
      }),
      RUNS,
    );
  });

  it('fleet progress, fleet report and expired run', () => {
    fc.assert(
      fc.property(untrusted, (s) => {
        const ref = { account: s, region: s, job: s };
        const view = fleetView({
          runId: s,
          scopeText: s,
          notes: [s],
          errors: [{ code: 'access_denied', operation: s, resource: s, message: s }],
          failing: [{ ...ref, rules: ['vpc-configured'] }],
          unknown: [{ ...ref, reason: s }],
          fileName: s,
          generatedAt: s,
        });
        assertSafe(fleetReportMessage(view, 0), 'message', s);
        assertSafe(fleetProgressMessage({ scopeText: s, jobs: 1, pass: 1, fail: 0, unknown: 0, regionsDone: 0, regions: 1, startedAt: NOW, now: NOW }), 'message', s);
        assertSafe(expiredRunMessage(s), 'message', s);
      }),
      RUNS,
    );
  });

  it('digest and schedules', () => {
    fc.assert(
      fc.property(untrusted, (s) => {
        const line = { account: s, region: s, job: s, rules: ['vpc-configured' as const] };
        const digest = digestView({
          scheduleId: s,
          scopeText: s,
          generatedAt: s,
          previous: { compliancePct: 50, generatedAt: s },
          newFailures: [line],
          fixed: [line],
          longestFailing: [{ ...line, failingSince: s }],
          unknowns: [{ ...line, reason: s }],
          fileName: s,
        });
        assertSafe(digestMessage(digest), 'message', s);
        const schedule = { id: s, channelId: s, cron: s, timezone: s, scopeText: s, nextRun: NOW };
        assertSafe(scheduleListMessage([schedule]), 'message', s);
        assertSafe(scheduleAddedMessage(schedule), 'message', s);
      }),
      RUNS,
    );
  });

  it('short messages, errors and Home', () => {
    fc.assert(
      fc.property(untrusted, (s) => {
        assertSafe(checkingMessage(s), 'message', s);
        assertSafe(checkingMessage({ job: s, region: s }), 'message', s);
        assertSafe(usageMessage({ error: s, input: s }), 'message', s);
        assertSafe(errorMessage('not_found', { job: s, region: s, account: s }), 'message', s);
        assertSafe(errorMessage('invalid_name', { name: s, detail: s }), 'message', s);
        assertSafe(errorMessage('invalid_value', { detail: s }), 'message', s);
        assertSafe(errorMessage('access_denied', { action: s, resource: s, message: s }), 'message', s);
        assertSafe(errorMessage('throttled', { operation: s }), 'message', s);
        assertSafe(errorMessage('timeout', { operation: s, seconds: 5 }), 'message', s);
        assertSafe(errorMessage('aws_error', { operation: s, message: s }), 'message', s);
        assertSafe(errorMessage('access_denied', { action: s, message: s }, { retry: { account: '', region: 'us-east-1', job: 'train-42' } }), 'message', s);
        assertSafe(errorMessage('internal', { correlationId: s }), 'message', s);
        assertSafe(errorMessage('fleet_running', { scopeText: s, startedAt: NOW }), 'message', s);
        const home = homeView({
          lastSummary: { source: 'digest', scopeText: s, generatedAt: s, summary: { jobs: 1, pass: 1, fail: 0, unknown: 0 } },
          recentChecks: [{ job: s, region: s, verdict: 'fail', at: NOW }],
          usage: [s],
        });
        assertSafe(home, 'view', s);
      }),
      RUNS,
    );
  });

  it('the checker itself catches an unescaped sequence', () => {
    expect(foreignSequences('job <!channel>')).toEqual(['<!channel>']);
    expect(foreignSequences('by <@U123>', { users: ['U999'] })).toEqual(['<@U123>']);
    expect(foreignSequences('a > b')).toHaveLength(1);
    expect(foreignSequences('at <!date^1795946400^{date_short_pretty} at {time}|2026-11-29 10:00 UTC>')).toEqual([]);
  });
});
