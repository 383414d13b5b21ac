/**
 * Persistence (DESIGN.md §4): the `Store` contract and its default SQLite backend.
 * @module
 */
export type {
  ClaimResult,
  ClaimTickInput,
  DigestRun,
  DigestSchedule,
  DigestScope,
  HistoricalDebt,
  HistoricalDebtQuery,
  JobIdentity,
  NewSchedule,
  PruneResult,
  RunJob,
  RunPatch,
  RunStatus,
  RunSummary,
  RunTrigger,
  ScheduleState,
  Store,
} from './store.js';
export { createSqliteStore, STORE_FILE, type SqliteStoreOptions } from './sqlite-store.js';
