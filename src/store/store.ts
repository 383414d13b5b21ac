/**
 * The state store contract (DESIGN.md §4 `src/store/`): digest schedules, digest runs with their
 * exactly-once bookkeeping, each run's per-job verdicts (enough to diff the next run against), and
 * the last known verdict of every job any digest has judged. Narrow and asynchronous so another
 * backend can replace SQLite; every method is one short transaction.
 *
 * Identity is always `(account, region, job)` (DESIGN.md §6), so multi-account fan-out needs no
 * migration.
 * @module
 */
import type { AuditSummary, TrainingStatus, Verdict } from '../audit/model.js';
import type { DigestScope } from '../config/digest-schedules.js';

export type { DigestScope } from '../config/digest-schedules.js';

export interface JobIdentity {
  account: string;
  region: string;
  job: string;
}

/** `pending` exists only while `digest add` posts its confirmation; only `active` schedules run. */
export type ScheduleState = 'pending' | 'active' | 'removed';

export interface DigestSchedule {
  id: number;
  channelId: string;
  cron: string;
  timezone: string;
  scope: DigestScope;
  state: ScheduleState;
  /** A Slack user id, or `DIGEST_SCHEDULES` for seeded schedules. */
  createdBy: string;
  /** ISO 8601; cron ticks at or before this never fire. */
  createdAt: string;
  removedAt?: string;
}

export interface NewSchedule {
  channelId: string;
  cron: string;
  timezone: string;
  scope: DigestScope;
  createdBy: string;
}

/**
 * `claimed`: the tick is ours, the audit runs (a crash here is resumed by whoever takes the lease
 * over). `posting`: a `chat.postMessage` is in flight — a crash here cannot tell whether Slack
 * posted, so it becomes `unconfirmed` and is never retried (never a double post). `retrying`: the
 * last attempt failed for sure. `superseded`: a newer tick replaced a stale claim (one catch-up,
 * not a burst). `cancelled`: the schedule was removed or the bot stopped before the audit ended.
 */
export type RunStatus = 'claimed' | 'posting' | 'retrying' | 'posted' | 'failed' | 'unconfirmed' | 'superseded' | 'cancelled';

/** `schedule`: on time; `catch-up`: the latest of ticks missed while no bot ran; `manual`: `digest now`. */
export type RunTrigger = 'schedule' | 'catch-up' | 'manual';

export type RunSummary = AuditSummary;

export interface DigestRun {
  id: number;
  /** `s:<scheduleId>` for a schedule, `c:<channelId>` for a channel's ad-hoc `digest now`. */
  stream: string;
  scheduleId?: number;
  channelId: string;
  /** ISO 8601 of the cron tick, or `manual:<ISO>` for `digest now`. Unique per stream. */
  tick: string;
  trigger: RunTrigger;
  status: RunStatus;
  owner: string;
  leaseUntil: string;
  claimedAt: string;
  /** Scheduled ticks this run stands in for (a catch-up after downtime), besides its own. */
  missedTicks: number;
  generatedAt?: string;
  finishedAt?: string;
  postedTs?: string;
  attempts: number;
  lastError?: string;
  summary?: RunSummary;
  compliancePct?: number;
  /** False when the audit did not finish (a listing failed): jobs may be missing from `jobs`. */
  complete?: boolean;
  /** Per-job rows recorded for this run. */
  jobCount: number;
  reportPath?: string;
}

/** One job's verdict in one run: what the next digest diffs against. */
export interface RunJob extends JobIdentity {
  verdict: Verdict;
  /** Failing *control* rules only: advisory findings never make a job failing. */
  failingRules: string[];
  /** Why the verdict is unknown (the first unreadable control evidence). */
  unknownReason?: string;
  /**
   * ISO 8601: since when the job is known to fail, carried forward from run to run (and through
   * `unknown` runs, which neither fix nor break a job).
   */
  firstFailingAt?: string;
  creationTime?: string;
  trainingStatus?: TrainingStatus;
}

export interface ClaimTickInput {
  stream: string;
  scheduleId?: number;
  channelId: string;
  /** ISO 8601 of the tick. */
  tick: string;
  trigger: RunTrigger;
  missedTicks: number;
  owner: string;
  now: string;
  leaseUntil: string;
}

/**
 * `claimed`: a new run for the tick; `resumed`: an abandoned run of the same tick (its lease ran
 * out while `claimed` or `retrying`) taken over; `taken`: someone else has this tick or a newer
 * one — do nothing.
 */
export type ClaimResult = { outcome: 'claimed' | 'resumed'; run: DigestRun } | { outcome: 'taken'; run?: DigestRun };

export interface RunPatch {
  status?: RunStatus;
  generatedAt?: string;
  finishedAt?: string;
  postedTs?: string;
  attempts?: number;
  lastError?: string | null;
  summary?: RunSummary;
  compliancePct?: number | null;
  complete?: boolean;
  reportPath?: string;
  leaseUntil?: string;
}

export interface HistoricalDebtQuery {
  regions: string[];
  /** ISO 8601: jobs created before this are outside the digest window. */
  createdBefore: string;
  /** In-scope jobs older than the window (running ones) are not debt. */
  exclude: JobIdentity[];
}

export interface HistoricalDebt {
  /** Older jobs whose last known verdict is fail. */
  failing: number;
  /** Older jobs with any known verdict: 0 means the debt is not known at all. */
  known: number;
  /** ISO 8601 of the oldest check among the failing ones. */
  oldestCheck?: string;
}

export interface PruneResult {
  runs: number;
  latest: number;
  schedules: number;
}

export interface Store {
  /** Inserts the seeds (active) the first time only; later calls return `seeded: false`. */
  seedSchedulesOnce(seeds: NewSchedule[], now: string): Promise<{ seeded: boolean; ids: number[]; seededAt: string }>;
  /** A schedule that does not run yet: `digest add` activates it once its confirmation posted. */
  createPendingSchedule(input: NewSchedule, now: string): Promise<DigestSchedule>;
  activateSchedule(id: number): Promise<boolean>;
  /** Deletes a pending schedule (its confirmation could not be posted). */
  discardPendingSchedule(id: number): Promise<void>;
  /** Deletes pending schedules left by a crash between insert and confirmation. */
  discardStalePending(before: string): Promise<number>;
  /** Marks an active schedule removed; false when there is no active schedule with this id. */
  removeSchedule(id: number, now: string): Promise<boolean>;
  getSchedule(id: number): Promise<DigestSchedule | undefined>;
  /** Active schedules, oldest first. */
  listSchedules(filter?: { channelId?: string }): Promise<DigestSchedule[]>;

  /**
   * Claims a stream's tick atomically (exactly once across processes sharing the store): nothing
   * happens when this tick or a newer one already has a live run; an abandoned run of an older
   * tick is marked `superseded`.
   */
  claimTick(input: ClaimTickInput): Promise<ClaimResult>;
  /** The stream's latest scheduled tick that has a run, whatever its status (ISO 8601). */
  lastTick(stream: string): Promise<string | undefined>;
  /** A manual run (`digest now`) with a unique tick. */
  claimManual(input: Omit<ClaimTickInput, 'trigger' | 'missedTicks' | 'tick'>): Promise<DigestRun>;
  /** Extends the lease while `owner` still holds it. */
  renewLease(id: number, owner: string, leaseUntil: string): Promise<boolean>;
  /**
   * Updates a run; with `owner`, only while that owner still holds it (a process that lost its
   * lease must not overwrite the run its successor resumed). False when nothing was updated.
   */
  updateRun(id: number, patch: RunPatch, guard?: { owner: string }): Promise<boolean>;
  getRun(id: number): Promise<DigestRun | undefined>;
  /** The run the next digest compares with: the stream's latest posted run with a complete audit. */
  baselineRun(stream: string, beforeId?: number): Promise<DigestRun | undefined>;
  /** The stream's latest posted run (for "last run" in `digest list`); any stream's without one. */
  lastPostedRun(stream?: string): Promise<DigestRun | undefined>;
  /** Runs whose lease expired while `claimed` / `posting` / `retrying` (crashed or stopped owners). */
  abandonedRuns(now: string): Promise<DigestRun[]>;

  /**
   * Records per-job verdicts of a run (one short transaction) and updates each job's latest
   * verdict. With `owner`, throws when that owner no longer holds the run.
   */
  addRunJobs(runId: number, rows: RunJob[], checkedAt: string, options?: { updateLatest?: boolean; owner?: string }): Promise<void>;
  /** Drops a run's per-job rows (a resumed run starts its audit again). */
  clearRunJobs(runId: number): Promise<void>;
  runJob(runId: number, identity: JobIdentity): Promise<RunJob | undefined>;
  historicalDebt(query: HistoricalDebtQuery): Promise<HistoricalDebt>;

  /** Deletes history older than `before`, keeping every stream's latest posted run (its baseline). */
  prune(before: string): Promise<PruneResult>;
  close(): Promise<void>;
}
