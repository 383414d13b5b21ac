/**
 * Exactly once across real processes: several Node processes open one new DATA_DIR at the same
 * moment (racing the migrations too) and claim the same digest tick. SQLite's locking, WAL and
 * the busy timeout must give the tick to exactly one of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runTsx } from '../helpers/run-cli.js';

const CHILD = `
import { createSqliteStore } from './src/store/index.ts';
const startAt = Number(process.env.START_AT);
while (Date.now() < startAt) await new Promise((r) => setTimeout(r, 5));
const store = createSqliteStore(process.env.DB_PATH);
const now = new Date().toISOString();
const result = await store.claimTick({ stream: 's:1', scheduleId: 1, channelId: 'C0GENERAL', tick: '2026-11-30T09:00:00.000Z', trigger: 'schedule', missedTicks: 0, owner: 'pid-' + process.pid, now, leaseUntil: '2999-01-01T00:00:00.000Z' });
process.stdout.write(result.outcome);
await store.close();
`;

async function claimInChild(dbPath: string, startAt: number): Promise<string> {
  const { code, stdout, stderr } = await runTsx(['--input-type=module', '-e', CHILD], { DB_PATH: dbPath, START_AT: String(startAt) });
  if (code !== 0) throw new Error(`child exited ${code}: ${stderr}`);
  return stdout;
}

let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('several processes sharing one DATA_DIR', () => {
  it('exactly one claims a tick, even on a database they create together', async () => {
    dir = mkdtempSync(join(tmpdir(), 'digest-processes-'));
    const dbPath = join(dir, 'data', 'sagemaker-vpc.db');
    const startAt = Date.now() + 1500;
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => claimInChild(dbPath, startAt)));
    expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'taken')).toHaveLength(4);
  });
});
