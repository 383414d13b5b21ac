/**
 * End-to-end against the protocol-faithful AWS fake: a 2,000-job fleet, AccessDenied injected on
 * each operation in turn (→ unknown naming the IAM action, never fail), and 30 % throttling
 * (→ every job still audited, same verdicts). Real SDK clients over HTTP on 127.0.0.1.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobReport, Verdict } from '../../src/audit/model.js';
import { generateFleet, startSandboxAccount, startSandboxAws, type SandboxAccount, type SandboxAws } from '../../src/sandbox/aws/index.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { sandboxService } from '../helpers/sandbox-service.js';

const fleet = generateFleet({ jobs: 2_000, seed: 'e2e-fleet' });
let server: SandboxAws;

beforeAll(async () => {
  server = await startSandboxAws({ world: fleet.world, seed: 7 });
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  server.setFaults({});
  server.setThrottle({});
});

async function verdicts(maxAttempts = 6): Promise<{ map: Map<string, Verdict>; complete: boolean }> {
  const map = new Map<string, Verdict>();
  const outcome = await sandboxService(server.url, ['us-east-1'], { maxAttempts }).auditFleet({}, { onJob: (r: JobReport) => void map.set(r.name, r.verdict) });
  return { map, complete: outcome.complete };
}

function expected(): Map<string, Verdict> {
  const map = new Map<string, Verdict>();
  for (let i = 0; i < fleet.size; i++) map.set(fleet.jobName(i), fleet.expectedVerdict(i));
  return map;
}

describe('a fleet of 2,000 jobs', () => {
  it('audits every job with the verdict the fleet was built to have, in ⌈N/100⌉ Search calls and O(pool) EC2 calls', async () => {
    server.resetCounters();
    const { map, complete } = await verdicts();
    expect(complete).toBe(true);
    expect(map.size).toBe(2_000);
    expect(map).toEqual(expected());
    const counters = server.counters();
    expect(counters.Search?.calls).toBe(20);
    expect(counters.DescribeTrainingJob?.calls ?? 0).toBe(0);
    const ec2Calls = ['DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeVpcEndpoints', 'DescribeNatGateways'].reduce(
      (n, op) => n + (counters[op]?.calls ?? 0),
      0,
    );
    expect(ec2Calls).toBeLessThan(25);
  });

  it('gives the same verdicts for every job when 30 % of all calls are throttled', async () => {
    const faults = Object.fromEntries(
      ['Search', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeVpcEndpoints', 'DescribeNatGateways'].map((op) => [
        op,
        { code: op === 'Search' ? 'ThrottlingException' : 'RequestLimitExceeded', rate: 0.3 },
      ]),
    );
    server.setFaults(faults);
    server.resetCounters();
    const { map, complete } = await verdicts();
    const throttled = Object.values(server.counters()).reduce((n, c) => n + c.faulted, 0);
    expect(throttled).toBeGreaterThan(0);
    expect(complete).toBe(true);
    expect(map).toEqual(expected());
  });
});

describe('AccessDenied on each operation in turn', () => {
  let sandbox: SandboxAccount;
  beforeAll(async () => {
    sandbox = await startSandboxAccount();
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  afterEach(() => sandbox.aws.setFaults({}));

  const env = () => ({
    AWS_ENDPOINT_URL_SAGEMAKER: sandbox.url,
    AWS_ENDPOINT_URL_EC2: sandbox.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy',
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
  });

  // The compliant job: any missing evidence must turn its PASS into UNKNOWN (exit 3), never FAIL.
  it.each([
    ['DescribeTrainingJob', 'AccessDeniedException', 'sagemaker:DescribeTrainingJob'],
    ['DescribeSubnets', 'UnauthorizedOperation', 'ec2:DescribeSubnets'],
    ['DescribeRouteTables', 'UnauthorizedOperation', 'ec2:DescribeRouteTables'],
    ['DescribeSecurityGroups', 'UnauthorizedOperation', 'ec2:DescribeSecurityGroups'],
  ])('check: %s denied (%s) → unknown naming %s, exit 3', async (operation, code, action) => {
    sandbox.aws.setFaults({ [operation]: { code } });
    const result = await runCliProcess(['check', 'churn-xgb-private', '--json'], env());
    const doc = JSON.parse(result.stdout);
    expect(result.code).toBe(3);
    expect(doc.jobs[0].verdict).toBe('unknown');
    expect(doc.jobs[0].findings.some((f: { status: string }) => f.status === 'fail')).toBe(false);
    const unknown = doc.jobs[0].findings.filter((f: { status: string }) => f.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.map((f: { message: string }) => f.message).join('\n')).toContain(action);
    expect(doc.errors).toContainEqual(expect.objectContaining({ code: 'access_denied', operation: action }));
  });

  it.each([
    ['DescribeVpcEndpoints', 'ec2:DescribeVpcEndpoints'],
    ['DescribeNatGateways', 'ec2:DescribeNatGateways'],
  ])('check: %s denied → advisory unknown naming %s, verdict stays pass', async (operation, action) => {
    // A job whose S3 path depends on the denied evidence: its advisory turns unknown; the verdict does not change.
    sandbox.aws.setFaults({ [operation]: { code: 'UnauthorizedOperation' } });
    const result = await runCliProcess(['check', 'speech-ipv6-egress', '--json'], env());
    const doc = JSON.parse(result.stdout);
    expect(doc.jobs[0].verdict).toBe('pass');
    expect(result.code).toBe(0);
    expect(doc.errors).toContainEqual(expect.objectContaining({ code: 'access_denied', operation: action }));
  });

  it('check --all: Search denied → falls back to List + Describe and says so', async () => {
    sandbox.aws.setFaults({ Search: { code: 'AccessDeniedException' } });
    const result = await runCliProcess(['check', '--all', '--json'], env());
    const doc = JSON.parse(result.stdout);
    expect(doc.summary.jobs).toBe(16);
    expect(doc.notes.join('\n')).toMatch(/ListTrainingJobs/);
  });

  it('check --all: ListTrainingJobs denied too → the run is incomplete (exit 3), nothing reported as fail', async () => {
    sandbox.aws.setFaults({ Search: { code: 'AccessDeniedException' }, ListTrainingJobs: { code: 'AccessDeniedException' } });
    const result = await runCliProcess(['check', '--all', '--json'], env());
    const doc = JSON.parse(result.stdout);
    expect(result.code).toBe(3);
    expect(doc.complete).toBe(false);
    expect(doc.summary.fail).toBe(0);
    expect(doc.errors).toContainEqual(expect.objectContaining({ code: 'access_denied', operation: 'sagemaker:ListTrainingJobs' }));
  });

  it('check --all: ListTags is never needed (Search records carry tags)', async () => {
    sandbox.aws.setFaults({ ListTags: { code: 'AccessDeniedException' } });
    sandbox.aws.resetCounters();
    const result = await runCliProcess(['check', '--all', '--json'], env());
    expect(JSON.parse(result.stdout).summary.jobs).toBe(16);
    expect(sandbox.aws.counters().ListTags?.calls ?? 0).toBe(0);
  });
});
