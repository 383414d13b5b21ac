/**
 * Test support: digests wired to a real SQLite file in a temporary `DATA_DIR`, a manual clock, a
 * fake fleet and a fake Slack client — and as many app instances sharing that file as a test
 * needs (each with its own connection and owner name, like separate processes). Pacing and
 * backoff default to 0 so no run ever sleeps on the manual clock (they have their own tests).
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createLogger } from '../../logging/logger.js';
import { createSqliteStore, STORE_FILE, type DigestScope, type Store } from '../../store/index.js';
import { createDigests, type Digests, type DigestsOptions } from '../digests.js';
import { createFakeChat, type FakeChat } from './fake-chat.js';
import { createFakeFleet, type FakeFleet } from './job-reports.js';
import { createManualClock, type ManualClock } from './manual-clock.js';

export interface Instance {
  owner: string;
  digests: Digests;
  store: Store;
  chat: FakeChat;
  clock: ManualClock;
}

export interface RunRecord {
  id: number;
  stream: string;
  tick: string;
  trigger: string;
  status: string;
  owner: string;
  claimed_at: string;
  missed_ticks: number;
  attempts: number;
  last_error: string | null;
  posted_ts: string | null;
}

export interface DigestHarness {
  dir: string;
  path: string;
  clock: ManualClock;
  fleet: FakeFleet;
  chat: FakeChat;
  instance(options?: { owner?: string; clock?: ManualClock; chat?: FakeChat; start?: boolean } & Partial<DigestsOptions>): Promise<Instance>;
  addSchedule(input: { channel?: string; cron: string; timezone?: string; scope?: DigestScope }): Promise<number>;
  /** Every run, read straight from the file. */
  runs(): RunRecord[];
  /** Every schedule row whatever its state, read straight from the file. */
  scheduleRows(): Array<{ id: number; channel_id: string; state: string }>;
  /** Steps time forward in `stepMs` slices, letting every instance finish its runs after each. */
  advance(ms: number, stepMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function createDigestHarness(start: string, regions: string[] = ['us-east-1']): DigestHarness {
  const dir = mkdtempSync(join(tmpdir(), 'digest-harness-'));
  const path = join(dir, STORE_FILE);
  const clock = createManualClock(start);
  const fleet = createFakeFleet(() => clock.now());
  const chat = createFakeChat(() => clock.now());
  const logger = createLogger({ level: 'silent' });
  const instances: Instance[] = [];
  let admin: Store | undefined;
  const read = <T>(query: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      return query(db);
    } finally {
      db.close();
    }
  };

  const harness: DigestHarness = {
    dir,
    path,
    clock,
    fleet,
    chat,
    async instance({ owner = `owner-${instances.length + 1}`, clock: own = clock, chat: ownChat = chat, start: begin = true, ...options } = {}) {
      const store = createSqliteStore(path, { now: () => own.now() });
      const digests = createDigests({ store, service: fleet, regions, logger, clock: own, owner, retentionDays: 400, pollMs: 3_600_000, leaseMs: 600_000, pacingMs: 0, retry: { baseDelayMs: 0 }, ...options });
      digests.attach({ client: ownChat });
      const instance = { owner, digests, store, chat: ownChat, clock: own };
      instances.push(instance);
      if (begin) await digests.start();
      return instance;
    },
    async addSchedule({ channel = 'C0GENERAL', cron, timezone = 'UTC', scope = {} }) {
      admin ??= createSqliteStore(path, { now: () => clock.now() });
      const schedule = await admin.createPendingSchedule({ channelId: channel, cron, timezone, scope, createdBy: 'U0TEST' }, clock.now().toISOString());
      await admin.activateSchedule(schedule.id);
      return schedule.id;
    },
    runs() {
      return read((db) => db.prepare('SELECT id, stream, tick, trigger, status, owner, claimed_at, missed_ticks, attempts, last_error, posted_ts FROM digest_runs ORDER BY id').all() as RunRecord[]);
    },
    scheduleRows() {
      return read((db) => db.prepare('SELECT id, channel_id, state FROM digest_schedules ORDER BY id').all() as Array<{ id: number; channel_id: string; state: string }>);
    },
    async advance(ms, stepMs = 3_600_000) {
      const target = clock.now().getTime() + ms;
      while (clock.now().getTime() < target) {
        await clock.advance(Math.min(stepMs, target - clock.now().getTime()));
        for (const i of instances) if (i.clock === clock) await i.digests.scheduler.idle();
      }
    },
    async close() {
      for (const i of instances.splice(0)) {
        await Promise.race([i.digests.stop(), new Promise((resolve) => setTimeout(resolve, 200))]);
        await i.store.close();
      }
      await admin?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
