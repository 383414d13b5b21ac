/**
 * `sagemaker-vpc digest --channel C… --dry-run --sandbox` as a person runs it: the digest as text,
 * compared with the bot's store in DATA_DIR when there is one — which it never changes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_SCENARIOS } from '../../src/sandbox/aws/index.js';
import { createSqliteStore, STORE_FILE, type RunJob } from '../../src/store/index.js';
import { runCliProcess } from '../helpers/run-cli.js';

let dataDir: string;
const ARGS = ['digest', '--channel', 'C0GENERAL', '--dry-run', '--sandbox'];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'digest-dry-run-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const count = (verdict: string) => SANDBOX_SCENARIOS.filter((s) => s.expected.verdict === verdict).length;

describe('digest --dry-run', () => {
  it('without a store: a first digest of the sandbox, nothing written', async () => {
    const result = await runCliProcess(ARGS, { DATA_DIR: dataDir });
    expect(result.stdout).toContain('first digest — nothing to compare with yet');
    expect(result.stdout).toContain(`Jobs ${SANDBOX_SCENARIOS.length} · pass ${count('pass')} · fail ${count('fail')} · unknown ${count('unknown')}`);
    expect(result.stdout).toContain('Historical debt (jobs created more than 30 days ago) is not known');
    expect(result.stderr).toContain('no state store at');
    expect(result.code).toBe(1);
    expect(() => createSqliteStore(join(dataDir, STORE_FILE), { readonly: true })).toThrow();
  });

  it('with the bot’s store: compares with the channel’s last digest, read-only', async () => {
    const path = join(dataDir, STORE_FILE);
    const store = createSqliteStore(path);
    const at = new Date(Date.now() - 86_400_000).toISOString();
    const schedule = await store.createPendingSchedule({ channelId: 'C0GENERAL', cron: '0 9 * * *', timezone: 'UTC', scope: {}, createdBy: 'U0ALICE' }, at);
    await store.activateSchedule(schedule.id);
    const { run } = await store.claimTick({ stream: `s:${schedule.id}`, scheduleId: schedule.id, channelId: 'C0GENERAL', tick: at, trigger: 'schedule', missedTicks: 0, owner: 'bot', now: at, leaseUntil: at });
    const rows: RunJob[] = SANDBOX_SCENARIOS.map((s) => ({
      account: '123456789012',
      region: s.region,
      job: s.job,
      // Yesterday the open-SSH job still passed and the compliant churn job failed.
      verdict: s.job === 'vision-resnet-open-ssh' ? 'pass' : s.job === 'churn-xgb-private' ? 'fail' : s.expected.verdict,
      failingRules: s.job === 'churn-xgb-private' ? ['vpc-subnets-private'] : [],
    }));
    rows.push({ account: '123456789012', region: 'us-east-1', job: 'retired-job', verdict: 'fail', failingRules: ['vpc-configured'] });
    await store.addRunJobs(run?.id as number, rows, at);
    await store.updateRun(run?.id as number, { status: 'posted', complete: true, generatedAt: at, compliancePct: 40, summary: { jobs: rows.length, pass: 7, fail: 8, unknown: 3 } });
    await store.close();
    const before = new BetterSqlite3(path, { readonly: true });
    const snapshot = () => before.prepare('SELECT (SELECT COUNT(*) FROM digest_runs) AS runs, (SELECT COUNT(*) FROM digest_run_jobs) AS rows, (SELECT COUNT(*) FROM job_latest) AS latest').get();
    const counts = snapshot();

    const result = await runCliProcess(ARGS, { DATA_DIR: dataDir });
    expect(result.stdout).toMatch(/Compliance digest — 47\.1% \(▲ 7\.1 points since .* UTC\)/);
    expect(result.stdout).toContain('New failures (1):\n  vision-resnet-open-ssh  us-east-1  123456789012  vpc-security-groups-restricted');
    expect(result.stdout).toContain('Fixed (1):\n  churn-xgb-private  us-east-1  123456789012');
    expect(result.stdout).toContain('1 job from the previous digest left scope');
    expect(result.stdout).toContain('schedule 1');
    expect(snapshot()).toEqual(counts);
    before.close();
  });
});
