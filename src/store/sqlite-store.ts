/**
 * The default store: one SQLite file in `DATA_DIR` through better-sqlite3 — created and migrated on
 * open, WAL mode (readers never block the writer), a busy timeout so two processes sharing the file
 * wait for each other instead of failing, foreign keys on. Calls are synchronous and each is one
 * short transaction; claims use `BEGIN IMMEDIATE` so a tick is claimed exactly once across
 * processes. Local disk only — never a network filesystem (DESIGN.md §6).
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrate, SCHEMA_VERSION, currentVersion } from './migrations.js';
import { toRun, toRunJob, toSchedule, type RunJobRow, type RunRow, type ScheduleRow } from './sqlite-rows.js';
import type { ClaimResult, DigestRun, JobIdentity, RunPatch, Store } from './store.js';

export interface SqliteStoreOptions {
  /** Open an existing database read-only (the CLI's dry run): no migration, no writes. */
  readonly?: boolean;
  /** How long a writer waits for another process's lock, in ms. */
  busyTimeoutMs?: number;
  now?: () => Date;
}

/** The file name inside `DATA_DIR`. */
export const STORE_FILE = 'sagemaker-vpc.db';

const RUN_COLUMNS = 'r.*, (SELECT COUNT(*) FROM digest_run_jobs j WHERE j.run_id = r.id) AS job_count';
const LIVE = "('claimed', 'posting', 'retrying')";
const PRUNE_BATCH = 50;

/**
 * Switching a new database to WAL needs a moment of exclusive access, and SQLite may answer
 * SQLITE_BUSY without consulting the busy handler when another process opens the file at the same
 * time: retry briefly instead of failing start-up.
 */
function withBusyRetry<T>(work: () => T, attempts = 50, delayMs = 20): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return work();
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || attempt >= attempts) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, delayMs); // a synchronous pause: better-sqlite3 is synchronous
    }
  }
}

/**
 * @example
 * const store = createSqliteStore(join(config.dataDir, STORE_FILE));
 */
export function createSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const now = options.now ?? (() => new Date());
  if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (options.readonly) {
    const version = currentVersion(db);
    if (version !== SCHEMA_VERSION) {
      db.close();
      throw new Error(`The state database has schema version ${version}; this build reads version ${SCHEMA_VERSION} (start the bot once to migrate it).`);
    }
  } else {
    withBusyRetry(() => db.pragma('journal_mode = WAL'));
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, now().toISOString());
  }

  const q = {
    schedule: db.prepare('SELECT * FROM digest_schedules WHERE id = ?'),
    insertSchedule: db.prepare(
      'INSERT INTO digest_schedules (channel_id, cron, timezone, scope_json, state, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    run: db.prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs r WHERE r.id = ?`),
    latestTick: db.prepare("SELECT * FROM digest_runs WHERE stream = ? AND trigger != 'manual' ORDER BY tick DESC LIMIT 1"),
    insertRun: db.prepare(
      `INSERT INTO digest_runs (stream, schedule_id, channel_id, tick, trigger, status, owner, lease_until, claimed_at, missed_ticks)
       VALUES (@stream, @scheduleId, @channelId, @tick, @trigger, 'claimed', @owner, @leaseUntil, @now, @missedTicks)`,
    ),
    runJob: db.prepare('SELECT * FROM digest_run_jobs WHERE run_id = ? AND account = ? AND region = ? AND job = ?'),
    insertRunJob: db.prepare(
      `INSERT OR REPLACE INTO digest_run_jobs (run_id, account, region, job, verdict, failing_rules, unknown_reason, first_failing_at, creation_time, training_status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertLatest: db.prepare(
      `INSERT INTO job_latest (account, region, job, verdict, failing_rules, creation_time, training_status, checked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (account, region, job) DO UPDATE SET verdict = excluded.verdict, failing_rules = excluded.failing_rules,
         creation_time = COALESCE(excluded.creation_time, job_latest.creation_time), training_status = excluded.training_status,
         checked_at = excluded.checked_at
       WHERE excluded.checked_at >= job_latest.checked_at`,
    ),
    latest: db.prepare('SELECT verdict, creation_time, checked_at FROM job_latest WHERE account = ? AND region = ? AND job = ?'),
  };

  const runById = (id: number): DigestRun | undefined => {
    const row = q.run.get(id) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  };

  const claimTick = db.transaction((input: Parameters<Store['claimTick']>[0]): ClaimResult => {
    const latest = q.latestTick.get(input.stream) as RunRow | undefined;
    const expired = (row: RunRow) => row.lease_until < input.now;
    if (latest && latest.tick > input.tick) return { outcome: 'taken', run: toRun(latest) };
    if (latest && latest.tick === input.tick) {
      if ((latest.status === 'claimed' || latest.status === 'retrying') && expired(latest)) {
        db.prepare("UPDATE digest_runs SET owner = ?, lease_until = ?, status = 'claimed', attempts = 0 WHERE id = ?").run(input.owner, input.leaseUntil, latest.id);
        return { outcome: 'resumed', run: runById(latest.id) as DigestRun };
      }
      if (latest.status === 'posting' && expired(latest)) {
        db.prepare("UPDATE digest_runs SET status = 'unconfirmed', finished_at = ?, last_error = ? WHERE id = ?").run(
          input.now,
          'the process stopped while posting; Slack may or may not have the message, so it is not posted again',
          latest.id,
        );
      }
      return { outcome: 'taken', run: runById(latest.id) };
    }
    // A newer tick is due: abandoned older runs of this stream are replaced by this one catch-up.
    db.prepare(`UPDATE digest_runs SET status = 'superseded', finished_at = ? WHERE stream = ? AND status IN ('claimed', 'retrying') AND lease_until < ?`).run(
      input.now,
      input.stream,
      input.now,
    );
    db.prepare(`UPDATE digest_runs SET status = 'unconfirmed', finished_at = ? WHERE stream = ? AND status = 'posting' AND lease_until < ?`).run(input.now, input.stream, input.now);
    const id = Number(q.insertRun.run({ ...input, scheduleId: input.scheduleId ?? null }).lastInsertRowid);
    return { outcome: 'claimed', run: runById(id) as DigestRun };
  });

  const addRunJobs = db.transaction((runId: number, rows: Parameters<Store['addRunJobs']>[1], checkedAt: string, updateLatest: boolean, owner?: string) => {
    if (owner !== undefined) {
      const holder = db.prepare('SELECT owner FROM digest_runs WHERE id = ?').get(runId) as { owner: string } | undefined;
      if (holder?.owner !== owner) throw new Error(`run ${runId} is no longer held by ${owner}`);
    }
    for (const r of rows) {
      const rules = r.failingRules.join(' ');
      q.insertRunJob.run(runId, r.account, r.region, r.job, r.verdict, rules, r.unknownReason ?? null, r.firstFailingAt ?? null, r.creationTime ?? null, r.trainingStatus ?? null);
      if (updateLatest) q.upsertLatest.run(r.account, r.region, r.job, r.verdict, rules, r.creationTime ?? null, r.trainingStatus ?? null, checkedAt);
    }
  });

  function pruneRuns(before: string): number {
    // Each stream keeps its latest posted run and its latest complete one: the next digest's baseline.
    const keep = `SELECT MAX(id) FROM digest_runs WHERE status = 'posted' GROUP BY stream
                  UNION SELECT MAX(id) FROM digest_runs WHERE status = 'posted' AND complete = 1 GROUP BY stream`;
    const pick = db.prepare(`SELECT id FROM digest_runs WHERE claimed_at < ? AND status NOT IN ${LIVE} AND id NOT IN (${keep}) LIMIT ${PRUNE_BATCH}`);
    const remove = db.transaction((ids: number[]) => {
      const del = db.prepare('DELETE FROM digest_runs WHERE id = ?');
      for (const id of ids) del.run(id);
    });
    let total = 0;
    // Small batches: a run's cascade can be 100,000 job rows, and another process may be waiting.
    for (;;) {
      const ids = (pick.all(before) as Array<{ id: number }>).map((r) => r.id);
      if (ids.length === 0) return total;
      remove(ids);
      total += ids.length;
    }
  }

  return {
    async seedSchedulesOnce(seeds, at) {
      return db.transaction(() => {
        const seeded = db.prepare("SELECT value FROM meta WHERE key = 'schedules_seeded_at'").get() as { value: string } | undefined;
        if (seeded) return { seeded: false, ids: [], seededAt: seeded.value };
        const ids = seeds.map((s) => Number(q.insertSchedule.run(s.channelId, s.cron, s.timezone, JSON.stringify(s.scope), 'active', s.createdBy, at).lastInsertRowid));
        db.prepare("INSERT INTO meta (key, value) VALUES ('schedules_seeded_at', ?)").run(at);
        return { seeded: true, ids, seededAt: at };
      }).immediate();
    },
    async createPendingSchedule(input, at) {
      const id = Number(q.insertSchedule.run(input.channelId, input.cron, input.timezone, JSON.stringify(input.scope), 'pending', input.createdBy, at).lastInsertRowid);
      return toSchedule(q.schedule.get(id) as ScheduleRow);
    },
    async activateSchedule(id) {
      return db.prepare("UPDATE digest_schedules SET state = 'active' WHERE id = ? AND state = 'pending'").run(id).changes === 1;
    },
    async discardPendingSchedule(id) {
      db.prepare("DELETE FROM digest_schedules WHERE id = ? AND state = 'pending'").run(id);
    },
    async discardStalePending(before) {
      return db.prepare("DELETE FROM digest_schedules WHERE state = 'pending' AND created_at < ?").run(before).changes;
    },
    async removeSchedule(id, at) {
      return db.prepare("UPDATE digest_schedules SET state = 'removed', removed_at = ? WHERE id = ? AND state = 'active'").run(at, id).changes === 1;
    },
    async getSchedule(id) {
      const row = q.schedule.get(id) as ScheduleRow | undefined;
      return row ? toSchedule(row) : undefined;
    },
    async listSchedules(filter = {}) {
      const rows = filter.channelId
        ? db.prepare("SELECT * FROM digest_schedules WHERE state = 'active' AND channel_id = ? ORDER BY id").all(filter.channelId)
        : db.prepare("SELECT * FROM digest_schedules WHERE state = 'active' ORDER BY id").all();
      return (rows as ScheduleRow[]).map(toSchedule);
    },

    async claimTick(input) {
      return claimTick.immediate(input);
    },
    async lastTick(stream) {
      return (q.latestTick.get(stream) as RunRow | undefined)?.tick;
    },
    async claimManual(input) {
      const tick = `manual:${input.now}`;
      const id = db
        .transaction(() => {
          // Two `digest now` in the same millisecond still get distinct ticks.
          const taken = db.prepare('SELECT COUNT(*) AS n FROM digest_runs WHERE stream = ? AND tick LIKE ?').get(input.stream, `${tick}%`) as { n: number };
          const unique = taken.n === 0 ? tick : `${tick}#${taken.n}`;
          return Number(q.insertRun.run({ ...input, scheduleId: input.scheduleId ?? null, tick: unique, trigger: 'manual', missedTicks: 0 }).lastInsertRowid);
        })
        .immediate();
      return runById(id) as DigestRun;
    },
    async renewLease(id, owner, leaseUntil) {
      return db.prepare(`UPDATE digest_runs SET lease_until = ? WHERE id = ? AND owner = ? AND status IN ${LIVE}`).run(leaseUntil, id, owner).changes === 1;
    },
    async updateRun(id, patch: RunPatch, guard) {
      const columns: Record<string, unknown> = {
        status: patch.status,
        generated_at: patch.generatedAt,
        finished_at: patch.finishedAt,
        posted_ts: patch.postedTs,
        attempts: patch.attempts,
        last_error: patch.lastError,
        summary_json: patch.summary ? JSON.stringify(patch.summary) : undefined,
        compliance_pct: patch.compliancePct,
        complete: patch.complete === undefined ? undefined : patch.complete ? 1 : 0,
        report_path: patch.reportPath,
        lease_until: patch.leaseUntil,
      };
      const set = Object.entries(columns).filter(([, v]) => v !== undefined);
      if (set.length === 0) return false;
      const where = guard ? 'WHERE id = ? AND owner = ?' : 'WHERE id = ?';
      const args = [...set.map(([, v]) => v), id, ...(guard ? [guard.owner] : [])];
      return db.prepare(`UPDATE digest_runs SET ${set.map(([k]) => `${k} = ?`).join(', ')} ${where}`).run(...args).changes === 1;
    },
    async getRun(id) {
      return runById(id);
    },
    async baselineRun(stream, beforeId) {
      const row = db
        .prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs r WHERE r.stream = ? AND r.status = 'posted' AND r.complete = 1 AND r.id < ? ORDER BY r.id DESC LIMIT 1`)
        .get(stream, beforeId ?? Number.MAX_SAFE_INTEGER) as RunRow | undefined;
      return row ? toRun(row) : undefined;
    },
    async lastPostedRun(stream) {
      const row = (
        stream === undefined
          ? db.prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs r WHERE r.status = 'posted' ORDER BY r.id DESC LIMIT 1`).get()
          : db.prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs r WHERE r.stream = ? AND r.status = 'posted' ORDER BY r.id DESC LIMIT 1`).get(stream)
      ) as RunRow | undefined;
      return row ? toRun(row) : undefined;
    },
    async abandonedRuns(at) {
      return (db.prepare(`SELECT ${RUN_COLUMNS} FROM digest_runs r WHERE r.status IN ${LIVE} AND r.lease_until < ? ORDER BY r.id`).all(at) as RunRow[]).map(toRun);
    },

    async addRunJobs(runId, rows, checkedAt, { updateLatest = true, owner } = {}) {
      if (rows.length > 0) addRunJobs.immediate(runId, rows, checkedAt, updateLatest, owner);
    },
    async clearRunJobs(runId) {
      db.prepare('DELETE FROM digest_run_jobs WHERE run_id = ?').run(runId);
    },
    async runJob(runId, id: JobIdentity) {
      const row = q.runJob.get(runId, id.account, id.region, id.job) as RunJobRow | undefined;
      return row ? toRunJob(row) : undefined;
    },
    async historicalDebt({ regions, createdBefore, exclude }) {
      if (regions.length === 0) return { failing: 0, known: 0 };
      const marks = regions.map(() => '?').join(', ');
      const row = db
        .prepare(
          `SELECT COUNT(*) AS known, COALESCE(SUM(verdict = 'fail'), 0) AS failing, MIN(CASE WHEN verdict = 'fail' THEN checked_at END) AS oldest
           FROM job_latest WHERE region IN (${marks}) AND creation_time IS NOT NULL AND creation_time < ?`,
        )
        .get(...regions, createdBefore) as { known: number; failing: number; oldest: string | null };
      let { known, failing } = row;
      for (const id of exclude) {
        const hit = q.latest.get(id.account, id.region, id.job) as { verdict: string; creation_time: string | null } | undefined;
        if (!hit || !regions.includes(id.region) || hit.creation_time === null || hit.creation_time >= createdBefore) continue;
        known -= 1;
        if (hit.verdict === 'fail') failing -= 1;
      }
      return { failing: Math.max(0, failing), known: Math.max(0, known), ...(row.oldest && failing > 0 ? { oldestCheck: row.oldest } : {}) };
    },

    async prune(before) {
      const runs = pruneRuns(before);
      const latest = db.prepare('DELETE FROM job_latest WHERE checked_at < ?').run(before).changes;
      const schedules = db
        .prepare("DELETE FROM digest_schedules WHERE state = 'removed' AND removed_at < ? AND id NOT IN (SELECT schedule_id FROM digest_runs WHERE schedule_id IS NOT NULL)")
        .run(before).changes;
      return { runs, latest, schedules };
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
