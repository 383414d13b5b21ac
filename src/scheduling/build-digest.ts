/**
 * One digest, computed: audits the schedule's scope through the audit service (streaming; the
 * window and the running jobs, deduplicated), diffs every job against the previous digest's row,
 * records this run's rows in batches, and answers with what the digest shows. Posting is not
 * done here (digest-runner.ts), so the CLI's dry run uses exactly this, read-only.
 * @module
 */
import type { AuditService } from '../app/audit-service.js';
import type { CollectorError, JobReport } from '../audit/model.js';
import type { DigestRun, DigestScope, RunJob, Store } from '../store/index.js';
import { createDigestAccumulator, type DigestChanges } from './digest-diff.js';
import { digestRequests, olderThanDays } from './digest-scope.js';

export interface DigestReport extends Omit<DigestChanges, 'matchedPrevious' | 'olderInScope'> {
  scheduleId: number | string;
  scopeText: string;
  /** ISO 8601; the network is judged as of this time. */
  generatedAt: string;
  /** The previous digest's compliance, for the trend; absent for a first digest. */
  previous?: { compliancePct?: number; generatedAt: string };
  /** No previous digest to compare with: every failing job is listed as new. */
  firstDigest: boolean;
  /** Jobs of the previous digest not in this one; undefined when it cannot be known. */
  leftScope?: number;
  historicalDebt?: { failing: number; known: number; olderThanDays: number; oldestCheck?: string };
  complete: boolean;
  errors: CollectorError[];
  notes: string[];
  /** Scheduled digests this one stands in for (missed while no bot ran). */
  missedTicks: number;
}

export interface BuildDigestOptions {
  service: Pick<AuditService, 'auditFleet'>;
  scope: DigestScope;
  defaultRegions: string[];
  scheduleId: number | string;
  now: Date;
  /** The previous digest to diff against (a posted run with a complete audit). */
  baseline?: DigestRun;
  /** Read access for the diff and the historical debt; absent → a first digest, debt not known. */
  store?: Pick<Store, 'runJob' | 'historicalDebt'>;
  /** Persists this run's rows, in batches. */
  record?: (rows: RunJob[]) => Promise<void>;
  /** Every job in scope once (evidence and CSV writers). */
  onReport?: (report: JobReport) => Promise<void>;
  signal?: AbortSignal;
  missedTicks?: number;
  batchSize?: number;
}

function errorKey(e: CollectorError): string {
  return `${e.code} ${e.operation} ${e.resource ?? ''}`;
}

/**
 * @example
 * const report = await buildDigest({ service, scope: {}, defaultRegions: ['us-east-1'], scheduleId: 3, now });
 */
export async function buildDigest(options: BuildDigestOptions): Promise<DigestReport> {
  const generatedAt = options.now.toISOString();
  const { requests, regions, windowStart, scopeText } = digestRequests(options.scope, options.defaultRegions, options.now);
  const { baseline, store } = options;
  const accumulator = createDigestAccumulator({
    generatedAt,
    windowStart,
    previous: baseline && store ? (id) => store.runJob(baseline.id, id) : async () => undefined,
  });
  const batchSize = options.batchSize ?? 500;
  let batch: RunJob[] = [];
  const flush = async () => {
    if (batch.length === 0 || !options.record) return;
    const rows = batch;
    batch = [];
    await options.record(rows);
  };

  const errors = new Map<string, CollectorError>();
  const notes: string[] = [];
  let complete = true;
  for (const request of requests) {
    if (options.signal?.aborted) {
      complete = false;
      break;
    }
    const outcome = await options.service.auditFleet(request, {
      signal: options.signal,
      onJob: async (report) => {
        const row = await accumulator.add(report);
        if (!row) return;
        await options.onReport?.(report);
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      },
    });
    complete &&= outcome.complete;
    for (const error of outcome.errors) errors.set(errorKey(error), error);
    for (const note of outcome.notes) if (!notes.includes(note)) notes.push(note);
  }
  await flush();

  const { matchedPrevious, olderInScope, ...changes } = accumulator.finish();
  const report: DigestReport = {
    ...changes,
    scheduleId: options.scheduleId,
    scopeText,
    generatedAt,
    firstDigest: baseline === undefined,
    complete,
    errors: [...errors.values()],
    notes,
    missedTicks: options.missedTicks ?? 0,
  };
  if (baseline) {
    report.previous = { generatedAt: baseline.generatedAt ?? baseline.claimedAt, ...(baseline.compliancePct !== undefined ? { compliancePct: baseline.compliancePct } : {}) };
    // A partial audit cannot tell "left scope" from "not listed this time".
    if (complete) report.leftScope = Math.max(0, baseline.jobCount - matchedPrevious);
  }
  if (windowStart) {
    // Without a store nothing is known about older jobs, and the digest says so.
    const debt = store ? await store.historicalDebt({ regions, createdBefore: windowStart.toISOString(), exclude: olderInScope }) : { failing: 0, known: 0 };
    report.historicalDebt = { ...debt, olderThanDays: olderThanDays(windowStart, options.now) };
  }
  return report;
}
