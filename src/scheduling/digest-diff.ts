/**
 * What changed since the last digest, job by job (DESIGN.md §6 "Digests", §2 "Time"). Pure.
 *
 * - Only the verdict counts, and the verdict comes from the three control rules: advisory findings
 *   never make a job failing, so they are never "new failures".
 * - A job is *known failing* when it failed, or was `unknown` after failing (an unreadable network
 *   neither fixes nor breaks a job; its first-failing time is carried through).
 * - fail now, not known failing before → **new failure**; known failing before, pass now →
 *   **fixed** (its network may have been fixed: routes and security groups are judged as they are now).
 * - Jobs that left scope are neither: the caller counts them from the baseline's size.
 * @module
 */
import { isControlRule, type AuditSummary, type JobReport, type RuleId } from '../audit/model.js';
import type { JobIdentity, RunJob } from '../store/index.js';

export type JobChange = 'new-failure' | 'fixed' | 'still-failing' | 'unchanged';

export const identityKey = (id: JobIdentity): string => `${id.account}/${id.region}/${id.job}`;

function isKnownFailing(previous: Pick<RunJob, 'verdict' | 'firstFailingAt'> | undefined): boolean {
  if (!previous) return false;
  return previous.verdict === 'fail' || (previous.verdict === 'unknown' && previous.firstFailingAt !== undefined);
}

/** The row a run records for one judged job: identity, verdict, failing control rules, unknown reason. */
export function runJobOf(report: JobReport): RunJob {
  const failingRules = report.findings.filter((f) => f.status === 'fail' && isControlRule(f.rule)).map((f) => f.rule);
  const row: RunJob = { account: report.account, region: report.region, job: report.name, verdict: report.verdict, failingRules };
  if (report.verdict === 'unknown') {
    const reason = report.findings.find((f) => f.status === 'unknown' && isControlRule(f.rule)) ?? report.findings.find((f) => f.status === 'unknown');
    row.unknownReason = reason?.message ?? 'some evidence could not be read';
  }
  // Normalised so stored times compare as strings (the store filters on them).
  const created = report.creationTime ? Date.parse(report.creationTime) : Number.NaN;
  if (!Number.isNaN(created)) row.creationTime = new Date(created).toISOString();
  if (report.trainingStatus) row.trainingStatus = report.trainingStatus;
  return row;
}

/**
 * Classifies one job against its row in the previous digest and carries its first-failing time.
 * A job without VpcConfig has failed since it was created (VpcConfig is immutable); any other
 * failure is dated from the first digest that saw it.
 */
export function diffJob(previous: RunJob | undefined, current: RunJob, at: string): { change: JobChange; firstFailingAt?: string } {
  const wasFailing = isKnownFailing(previous);
  const carried = wasFailing ? previous?.firstFailingAt : undefined;
  switch (current.verdict) {
    case 'fail': {
      if (wasFailing) return { change: 'still-failing', firstFailingAt: carried ?? at };
      const sinceLaunch = current.failingRules.includes('vpc-configured') && current.creationTime !== undefined;
      return { change: 'new-failure', firstFailingAt: sinceLaunch ? current.creationTime : at };
    }
    case 'unknown':
      return carried !== undefined ? { change: 'unchanged', firstFailingAt: carried } : { change: 'unchanged' };
    case 'pass':
      return { change: wasFailing ? 'fixed' : 'unchanged' };
  }
}

export interface DigestJobLine extends JobIdentity {
  rules: RuleId[];
}

export interface DigestChanges {
  summary: AuditSummary;
  newFailures: DigestJobLine[];
  fixed: DigestJobLine[];
  longestFailing: Array<DigestJobLine & { failingSince: string }>;
  unknowns: Array<DigestJobLine & { reason: string }>;
  /** Jobs found in the previous digest too (the rest of the previous digest left scope). */
  matchedPrevious: number;
  /** In-scope jobs created before the window (running ones): not historical debt. */
  olderInScope: JobIdentity[];
}

export interface DigestAccumulatorOptions {
  generatedAt: string;
  /** The previous digest's row for a job; always undefined for a first digest. */
  previous: (id: JobIdentity) => Promise<RunJob | undefined>;
  windowStart?: Date;
  longestLimit?: number;
}

const byIdentity = (a: JobIdentity, b: JobIdentity) => identityKey(a).localeCompare(identityKey(b));

/**
 * Folds judged jobs into the digest's changes, keeping only what the digest shows (lines for
 * changed, unknown and the longest-failing jobs; counts for the rest). Duplicates (a running job
 * found by both audits) are skipped: `add` returns undefined for them.
 */
export function createDigestAccumulator(options: DigestAccumulatorOptions) {
  const seen = new Set<string>();
  const limit = options.longestLimit ?? 5;
  const out: DigestChanges = { summary: { jobs: 0, pass: 0, fail: 0, unknown: 0 }, newFailures: [], fixed: [], longestFailing: [], unknowns: [], matchedPrevious: 0, olderInScope: [] };
  const windowStart = options.windowStart?.toISOString();

  function keepLongest(line: DigestJobLine & { failingSince: string }): void {
    const list = out.longestFailing;
    if (list.length >= limit && (list[list.length - 1] as { failingSince: string }).failingSince <= line.failingSince) return;
    list.push(line);
    list.sort((a, b) => a.failingSince.localeCompare(b.failingSince) || byIdentity(a, b));
    if (list.length > limit) list.pop();
  }

  return {
    async add(report: JobReport): Promise<RunJob | undefined> {
      const row = runJobOf(report);
      const key = identityKey(row);
      if (seen.has(key)) return undefined;
      seen.add(key);
      const previous = await options.previous(row);
      if (previous) out.matchedPrevious += 1;
      const { change, firstFailingAt } = diffJob(previous, row, options.generatedAt);
      if (firstFailingAt) row.firstFailingAt = firstFailingAt;
      out.summary.jobs += 1;
      out.summary[row.verdict] += 1;
      const line: DigestJobLine = { account: row.account, region: row.region, job: row.job, rules: row.failingRules as RuleId[] };
      if (change === 'new-failure') out.newFailures.push(line);
      if (change === 'fixed') out.fixed.push({ ...line, rules: (previous?.failingRules ?? []) as RuleId[] });
      if (row.verdict === 'fail' && firstFailingAt) keepLongest({ ...line, failingSince: firstFailingAt });
      if (row.verdict === 'unknown') out.unknowns.push({ ...line, reason: row.unknownReason ?? 'some evidence could not be read' });
      if (windowStart && row.creationTime && row.creationTime < windowStart) out.olderInScope.push({ account: row.account, region: row.region, job: row.job });
      return row;
    },
    finish(): DigestChanges {
      out.newFailures.sort(byIdentity);
      out.fixed.sort(byIdentity);
      out.unknowns.sort(byIdentity);
      return out;
    },
  };
}
