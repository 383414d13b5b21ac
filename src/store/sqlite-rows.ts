/**
 * Row shapes of the SQLite store and their mapping to the store's types (store.ts). Kept apart
 * from the queries so the mapping is read once, in one place.
 * @module
 */
import type { TrainingStatus, Verdict } from '../audit/model.js';
import type { DigestRun, DigestSchedule, DigestScope, RunJob, RunStatus, RunSummary, RunTrigger, ScheduleState } from './store.js';

export interface ScheduleRow {
  id: number;
  channel_id: string;
  cron: string;
  timezone: string;
  scope_json: string;
  state: ScheduleState;
  created_by: string;
  created_at: string;
  removed_at: string | null;
}

export interface RunRow {
  id: number;
  stream: string;
  schedule_id: number | null;
  channel_id: string;
  tick: string;
  trigger: RunTrigger;
  status: RunStatus;
  owner: string;
  lease_until: string;
  claimed_at: string;
  missed_ticks: number;
  generated_at: string | null;
  finished_at: string | null;
  posted_ts: string | null;
  attempts: number;
  last_error: string | null;
  summary_json: string | null;
  compliance_pct: number | null;
  complete: number | null;
  report_path: string | null;
  job_count?: number;
}

export interface RunJobRow {
  run_id: number;
  account: string;
  region: string;
  job: string;
  verdict: Verdict;
  failing_rules: string;
  unknown_reason: string | null;
  first_failing_at: string | null;
  creation_time: string | null;
  training_status: string | null;
}

function parseScope(json: string): DigestScope {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? (value as DigestScope) : {};
  } catch {
    return {};
  }
}

export function toSchedule(row: ScheduleRow): DigestSchedule {
  return {
    id: row.id,
    channelId: row.channel_id,
    cron: row.cron,
    timezone: row.timezone,
    scope: parseScope(row.scope_json),
    state: row.state,
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.removed_at ? { removedAt: row.removed_at } : {}),
  };
}

export function toRun(row: RunRow): DigestRun {
  const run: DigestRun = {
    id: row.id,
    stream: row.stream,
    channelId: row.channel_id,
    tick: row.tick,
    trigger: row.trigger,
    status: row.status,
    owner: row.owner,
    leaseUntil: row.lease_until,
    claimedAt: row.claimed_at,
    missedTicks: row.missed_ticks,
    attempts: row.attempts,
    jobCount: row.job_count ?? 0,
  };
  if (row.schedule_id !== null) run.scheduleId = row.schedule_id;
  if (row.generated_at) run.generatedAt = row.generated_at;
  if (row.finished_at) run.finishedAt = row.finished_at;
  if (row.posted_ts) run.postedTs = row.posted_ts;
  if (row.last_error) run.lastError = row.last_error;
  if (row.summary_json) run.summary = JSON.parse(row.summary_json) as RunSummary;
  if (row.compliance_pct !== null) run.compliancePct = row.compliance_pct;
  if (row.complete !== null) run.complete = row.complete === 1;
  if (row.report_path) run.reportPath = row.report_path;
  return run;
}

export function toRunJob(row: RunJobRow): RunJob {
  const job: RunJob = {
    account: row.account,
    region: row.region,
    job: row.job,
    verdict: row.verdict,
    failingRules: row.failing_rules ? row.failing_rules.split(' ') : [],
  };
  if (row.unknown_reason !== null) job.unknownReason = row.unknown_reason;
  if (row.first_failing_at !== null) job.firstFailingAt = row.first_failing_at;
  if (row.creation_time !== null) job.creationTime = row.creation_time;
  if (row.training_status !== null) job.trainingStatus = row.training_status as TrainingStatus;
  return job;
}
