/**
 * Versioned schema migrations for the SQLite store, applied in order on open inside one
 * transaction each and recorded in `schema_migrations`. Append only: never edit a released step.
 * A database from a newer build (a version we do not know) is refused rather than misread.
 * @module
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'digests',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE digest_schedules (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        channel_id  TEXT NOT NULL,
        cron        TEXT NOT NULL,
        timezone    TEXT NOT NULL,
        scope_json  TEXT NOT NULL,
        state       TEXT NOT NULL CHECK (state IN ('pending', 'active', 'removed')),
        created_by  TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        removed_at  TEXT
      );
      CREATE INDEX digest_schedules_channel ON digest_schedules (channel_id, state);

      CREATE TABLE digest_runs (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        stream         TEXT NOT NULL,
        schedule_id    INTEGER,
        channel_id     TEXT NOT NULL,
        tick           TEXT NOT NULL,
        trigger        TEXT NOT NULL CHECK (trigger IN ('schedule', 'catch-up', 'manual')),
        status         TEXT NOT NULL,
        owner          TEXT NOT NULL,
        lease_until    TEXT NOT NULL,
        claimed_at     TEXT NOT NULL,
        missed_ticks   INTEGER NOT NULL DEFAULT 0,
        generated_at   TEXT,
        finished_at    TEXT,
        posted_ts      TEXT,
        attempts       INTEGER NOT NULL DEFAULT 0,
        last_error     TEXT,
        summary_json   TEXT,
        compliance_pct REAL,
        complete       INTEGER,
        report_path    TEXT,
        UNIQUE (stream, tick)
      );
      CREATE INDEX digest_runs_stream ON digest_runs (stream, status, id);
      CREATE INDEX digest_runs_claimed ON digest_runs (claimed_at);

      CREATE TABLE digest_run_jobs (
        run_id           INTEGER NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
        account          TEXT NOT NULL,
        region           TEXT NOT NULL,
        job              TEXT NOT NULL,
        verdict          TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'unknown')),
        failing_rules    TEXT NOT NULL DEFAULT '',
        unknown_reason   TEXT,
        first_failing_at TEXT,
        creation_time    TEXT,
        training_status  TEXT,
        PRIMARY KEY (run_id, account, region, job)
      ) WITHOUT ROWID;

      CREATE TABLE job_latest (
        account         TEXT NOT NULL,
        region          TEXT NOT NULL,
        job             TEXT NOT NULL,
        verdict         TEXT NOT NULL,
        failing_rules   TEXT NOT NULL DEFAULT '',
        creation_time   TEXT,
        training_status TEXT,
        checked_at      TEXT NOT NULL,
        PRIMARY KEY (account, region, job)
      ) WITHOUT ROWID;
      CREATE INDEX job_latest_age ON job_latest (region, creation_time);
      CREATE INDEX job_latest_checked ON job_latest (checked_at);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function currentVersion(db: Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/** Brings the schema to the newest version; returns the versions applied. */
export function migrate(db: Database, now: string, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied: number[] = [];
  // IMMEDIATE: two processes opening the same new database must not both apply version 1.
  const step = db.transaction((migration: Migration) => {
    if (currentVersion(db) >= migration.version) return false;
    db.exec(migration.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now);
    return true;
  });
  const known = migrations[migrations.length - 1]?.version ?? 0;
  const found = currentVersion(db);
  if (found > known) {
    throw new Error(`The state database has schema version ${found}, newer than this build knows (${known}): run a newer sagemaker-vpc, or point DATA_DIR elsewhere.`);
  }
  for (const migration of migrations) {
    if (step.immediate(migration)) applied.push(migration.version);
  }
  return applied;
}
