import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { createSqliteStore, STORE_FILE } from './sqlite-store.js';
import type { ClaimTickInput, RunJob, Store } from './store.js';

const T0 = '2026-03-30T07:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

let dir: string;
let path: string;
let store: Store;
const opened: Store[] = [];

function open(options = {}): Store {
  const s = createSqliteStore(path, options);
  opened.push(s);
  return s;
}

function claim(overrides: Partial<ClaimTickInput> = {}): ClaimTickInput {
  return { stream: 's:1', scheduleId: 1, channelId: 'C1', tick: T0, trigger: 'schedule', missedTicks: 0, owner: 'a', now: at(0), leaseUntil: at(10), ...overrides };
}

const row = (job: string, verdict: RunJob['verdict'], extra: Partial<RunJob> = {}): RunJob => ({ account: '123456789012', region: 'us-east-1', job, verdict, failingRules: [], ...extra });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-test-'));
  path = join(dir, 'nested', STORE_FILE);
  store = open();
});

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('opening', () => {
  it('creates the directory and file, in WAL mode, with the versioned migrations table', () => {
    const db = new BetterSqlite3(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('reopens an existing database without migrating it again, keeping its data', async () => {
    await store.createPendingSchedule({ channelId: 'C1', cron: '0 9 * * *', timezone: 'UTC', scope: {}, createdBy: 'U1' }, at(0));
    await store.close();
    const again = open();
    expect((await again.getSchedule(1))?.cron).toBe('0 9 * * *');
  });

  it('refuses a database from a newer build instead of misreading it', async () => {
    await store.close();
    const db = new BetterSqlite3(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(SCHEMA_VERSION + 1, 'future', at(0));
    db.close();
    expect(() => open()).toThrow(/newer than this build knows/);
  });

  it('opens read-only for the dry run: reads work, writes fail', async () => {
    await store.createPendingSchedule({ channelId: 'C1', cron: '0 9 * * *', timezone: 'UTC', scope: {}, createdBy: 'U1' }, at(0));
    const reader = open({ readonly: true });
    expect(await reader.getSchedule(1)).toMatchObject({ state: 'pending' });
    await expect(reader.removeSchedule(1, at(1))).rejects.toThrow(/readonly/);
  });

  it('read-only refuses a file that does not exist', () => {
    expect(() => createSqliteStore(join(dir, 'missing.db'), { readonly: true })).toThrow();
  });
});

describe('schedules', () => {
  const input = { channelId: 'C1', cron: '0 9 * * 1', timezone: 'Europe/Berlin', scope: { since: '7d' }, createdBy: 'U1' };

  it('a pending schedule is not listed until activated; discarding leaves nothing', async () => {
    const pending = await store.createPendingSchedule(input, at(0));
    expect(pending).toMatchObject({ id: 1, state: 'pending', scope: { since: '7d' } });
    expect(await store.listSchedules()).toEqual([]);
    expect(await store.activateSchedule(pending.id)).toBe(true);
    expect(await store.listSchedules({ channelId: 'C1' })).toHaveLength(1);
    const other = await store.createPendingSchedule(input, at(1));
    await store.discardPendingSchedule(other.id);
    expect(await store.getSchedule(other.id)).toBeUndefined();
  });

  it('removal is soft (history stays) and only once', async () => {
    const s = await store.createPendingSchedule(input, at(0));
    await store.activateSchedule(s.id);
    expect(await store.removeSchedule(s.id, at(5))).toBe(true);
    expect(await store.removeSchedule(s.id, at(6))).toBe(false);
    expect(await store.getSchedule(s.id)).toMatchObject({ state: 'removed', removedAt: at(5) });
    expect(await store.listSchedules()).toEqual([]);
  });

  it('seeds only on the first start', async () => {
    const seed = { channelId: 'C9', cron: '0 8 * * *', timezone: 'UTC', scope: {}, createdBy: 'DIGEST_SCHEDULES' };
    expect(await store.seedSchedulesOnce([seed, seed], at(0))).toMatchObject({ seeded: true, ids: [1, 2] });
    expect(await store.seedSchedulesOnce([seed], at(1))).toEqual({ seeded: false, ids: [], seededAt: at(0) });
    expect(await store.listSchedules()).toHaveLength(2);
  });

  it('stale pending schedules (a crash mid-`digest add`) are cleaned up', async () => {
    await store.createPendingSchedule(input, at(0));
    await store.createPendingSchedule(input, at(30));
    expect(await store.discardStalePending(at(20))).toBe(1);
  });
});

describe('claiming ticks', () => {
  it('claims a tick once; the same tick again is taken', async () => {
    expect((await store.claimTick(claim())).outcome).toBe('claimed');
    expect((await store.claimTick(claim({ owner: 'b' }))).outcome).toBe('taken');
  });

  it('two connections to one file (two processes) claim a tick exactly once', async () => {
    const other = open();
    const results = await Promise.all([store.claimTick(claim({ owner: 'a' })), other.claimTick(claim({ owner: 'b' }))]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['claimed', 'taken']);
  });

  it('an older tick than the latest claimed is taken (a lagging clock posts nothing)', async () => {
    await store.claimTick(claim({ tick: at(1440) }));
    expect((await store.claimTick(claim({ tick: T0 }))).outcome).toBe('taken');
  });

  it('resumes a claimed run whose lease ran out, and only then', async () => {
    const first = await store.claimTick(claim());
    expect((await store.claimTick(claim({ owner: 'b', now: at(5), leaseUntil: at(15) }))).outcome).toBe('taken');
    const resumed = await store.claimTick(claim({ owner: 'b', now: at(11), leaseUntil: at(21) }));
    expect(resumed).toMatchObject({ outcome: 'resumed', run: { id: first.run?.id, owner: 'b', status: 'claimed' } });
  });

  it('never resumes a run that crashed while posting: it becomes unconfirmed', async () => {
    const first = await store.claimTick(claim());
    await store.updateRun(first.run?.id as number, { status: 'posting' });
    expect((await store.claimTick(claim({ owner: 'b', now: at(11), leaseUntil: at(21) }))).outcome).toBe('taken');
    expect(await store.getRun(first.run?.id as number)).toMatchObject({ status: 'unconfirmed' });
  });

  it('a newer tick supersedes an abandoned older run: one catch-up, not two digests', async () => {
    const old = await store.claimTick(claim());
    const next = await store.claimTick(claim({ tick: at(1440), now: at(1441), leaseUntil: at(1451), trigger: 'catch-up', missedTicks: 1 }));
    expect(next).toMatchObject({ outcome: 'claimed', run: { trigger: 'catch-up', missedTicks: 1 } });
    expect(await store.getRun(old.run?.id as number)).toMatchObject({ status: 'superseded' });
  });

  it('manual runs get unique ticks and do not count as the latest scheduled tick', async () => {
    const a = await store.claimManual({ stream: 's:1', channelId: 'C1', owner: 'a', now: at(0), leaseUntil: at(10) });
    const b = await store.claimManual({ stream: 's:1', channelId: 'C1', owner: 'a', now: at(0), leaseUntil: at(10) });
    expect(a.tick).not.toBe(b.tick);
    expect(await store.lastTick('s:1')).toBeUndefined();
    expect((await store.claimTick(claim())).outcome).toBe('claimed');
  });

  it('a process that lost its run (lease taken over) can no longer write to it', async () => {
    const { run } = await store.claimTick(claim());
    const id = run?.id as number;
    await store.claimTick(claim({ owner: 'b', now: at(11), leaseUntil: at(21) }));
    expect(await store.updateRun(id, { status: 'posting' }, { owner: 'a' })).toBe(false);
    await expect(store.addRunJobs(id, [row('x', 'pass')], at(12), { owner: 'a' })).rejects.toThrow(/no longer held by a/);
    expect(await store.updateRun(id, { status: 'posting' }, { owner: 'b' })).toBe(true);
  });

  it('renews a lease only for its owner', async () => {
    const { run } = await store.claimTick(claim());
    expect(await store.renewLease(run?.id as number, 'b', at(30))).toBe(false);
    expect(await store.renewLease(run?.id as number, 'a', at(30))).toBe(true);
  });
});

describe('runs, job rows and history', () => {
  async function postedRun(tick: string, rows: RunJob[], complete = true) {
    const { run } = await store.claimTick(claim({ tick, now: tick, leaseUntil: at(100_000) }));
    const id = run?.id as number;
    await store.addRunJobs(id, rows, tick);
    await store.updateRun(id, { status: 'posted', complete, generatedAt: tick, compliancePct: 50 });
    return id;
  }

  it('the baseline is the latest posted run with a complete audit, with its job count', async () => {
    const first = await postedRun(at(0), [row('a', 'pass'), row('b', 'fail', { failingRules: ['vpc-configured'] })]);
    await postedRun(at(60), [row('a', 'pass')], false);
    expect(await store.baselineRun('s:1')).toMatchObject({ id: first, jobCount: 2, complete: true, compliancePct: 50 });
    expect(await store.runJob(first, { account: '123456789012', region: 'us-east-1', job: 'b' })).toEqual(row('b', 'fail', { failingRules: ['vpc-configured'] }));
  });

  it('historical debt counts older failing jobs by their latest verdict, minus in-scope ones; 0 known means unknown', async () => {
    const created = (days: number) => new Date(Date.parse(T0) - days * 86_400_000).toISOString();
    expect(await store.historicalDebt({ regions: ['us-east-1'], createdBefore: created(30), exclude: [] })).toEqual({ failing: 0, known: 0 });
    await postedRun(at(0), [
      row('old-fail', 'fail', { creationTime: created(40) }),
      row('old-running', 'fail', { creationTime: created(45) }),
      row('old-pass', 'pass', { creationTime: created(50) }),
      row('new-fail', 'fail', { creationTime: created(2) }),
    ]);
    const debt = await store.historicalDebt({
      regions: ['us-east-1'],
      createdBefore: created(30),
      exclude: [{ account: '123456789012', region: 'us-east-1', job: 'old-running' }],
    });
    expect(debt).toEqual({ failing: 1, known: 2, oldestCheck: at(0) });
    expect(await store.historicalDebt({ regions: ['eu-west-1'], createdBefore: created(30), exclude: [] })).toEqual({ failing: 0, known: 0 });
  });

  it('prunes history past retention but keeps each stream’s baseline', async () => {
    const old = await postedRun(at(0), [row('a', 'pass')]);
    const baseline = await postedRun(at(60), [row('a', 'pass')]);
    const result = await store.prune(at(10_000));
    expect(result.runs).toBe(1);
    expect(await store.getRun(old)).toBeUndefined();
    expect(await store.getRun(baseline)).toMatchObject({ jobCount: 1 });
    expect(await store.runJob(old, { account: '123456789012', region: 'us-east-1', job: 'a' })).toBeUndefined();
    expect(result.latest).toBe(1);
  });
});
