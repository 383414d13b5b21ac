/**
 * The CLI as it is tested from outside: the real SDK clients find a local server through
 * AWS_ENDPOINT_URL_SAGEMAKER / AWS_ENDPOINT_URL_EC2 with dummy credentials — no endpoint override
 * in our code. Every seeded scenario must come out as the sandbox says it should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDocument } from '../../src/audit/model.js';
import { SANDBOX_SCENARIOS, startSandboxAccount, type SandboxAccount } from '../../src/sandbox/aws/index.js';
import { runCliProcess } from '../helpers/run-cli.js';

let sandbox: SandboxAccount;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandboxAccount();
  env = {
    AWS_ENDPOINT_URL_SAGEMAKER: sandbox.url,
    AWS_ENDPOINT_URL_EC2: sandbox.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret-for-tests',
    AWS_REGION: 'us-east-1',
  };
});

afterAll(async () => {
  await sandbox?.close();
});

describe('sagemaker-vpc check --all --json against the wire fakes', () => {
  it('audits every region and every seeded scenario with the expected verdict and rule statuses', async () => {
    const result = await runCliProcess(['check', '--all', '--json'], { ...env, AUDIT_REGIONS: 'us-east-1,eu-west-1' });
    expect(result.stderr).toBe('');
    const doc = JSON.parse(result.stdout) as AuditDocument;
    expect(doc.schemaVersion).toBe(1);
    expect(doc.jobs).toHaveLength(SANDBOX_SCENARIOS.length);
    for (const scenario of SANDBOX_SCENARIOS) {
      const job = doc.jobs.find((j) => j.name === scenario.job && j.region === scenario.region);
      expect(job, scenario.job).toBeDefined();
      const statuses = Object.fromEntries(job!.findings.map((f) => [f.rule, f.status]));
      expect({ job: scenario.job, verdict: job!.verdict, rules: statuses }).toEqual({ job: scenario.job, ...scenario.expected });
    }
    const fail = SANDBOX_SCENARIOS.filter((s) => s.expected.verdict === 'fail').length;
    expect(doc.summary).toMatchObject({ jobs: SANDBOX_SCENARIOS.length, fail });
    expect(result.code).toBe(1);
  });
});

describe('sagemaker-vpc check <job> --json', () => {
  it.each([
    ['churn-xgb-private', 0, 'pass'],
    ['vision-resnet-open-ssh', 1, 'fail'],
    ['ranking-deleted-subnet', 3, 'unknown'],
  ])('%s → exit %i, verdict %s', async (job, code, verdict) => {
    const result = await runCliProcess(['check', job, '--json'], env);
    const doc = JSON.parse(result.stdout) as AuditDocument;
    expect(doc.jobs[0]).toMatchObject({ name: job, verdict, account: '123456789012', region: 'us-east-1' });
    expect(doc.jobs[0]?.findings).toHaveLength(7);
    expect(result.code).toBe(code);
  });

  it('exits 2 for a job that does not exist, and for an invalid name before any AWS call', async () => {
    sandbox.aws.resetCounters();
    const invalid = await runCliProcess(['check', 'bad_name!', '--json'], env);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/not a valid training job name/);
    expect(Object.values(sandbox.aws.counters()).reduce((n, c) => n + c.calls, 0)).toBe(0);
    const missing = await runCliProcess(['check', 'no-such-job', '--json'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/was not found in us-east-1/);
  });

  it.each([['check'], ['remediate']])('%s never prints Environment or HyperParameters values', async (sub) => {
    for (const job of ['nlp-finetune-main-table', 'fraud-detect-no-vpc']) {
      const result = await runCliProcess([sub, job, '--json'], env);
      expect(result.stdout).not.toMatch(/sbx-hf-5d1c|sbx-7f3c2a9e|Sandbox-Pa55word|sbx-hp-9c1e4a7b/);
      if (job === 'nlp-finetune-main-table') expect(result.stdout).toContain('<redacted>');
    }
  });
});
