/**
 * AWS faults through the protocol-faithful fake and the real SDK clients: throttling storms,
 * AccessDenied on every operation in turn, 5xx, hung connections, a subnet deleted mid-audit.
 * The product must give the same verdicts, lose no job, never report FAIL for missing evidence,
 * and never crash.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobReport } from '../../src/audit/model.js';
import {
  generateFleet,
  SANDBOX_IDS,
  startSandboxAccount,
  startSandboxAws,
  type SandboxAccount,
  type SandboxAws,
} from '../../src/sandbox/aws/index.js';
import { runCliProcess } from '../helpers/run-cli.js';
import { expectedVerdicts, fleetVerdicts, sandboxService, type SandboxServiceOptions } from '../helpers/sandbox-service.js';

const fleet = generateFleet({ jobs: 2_000, seed: 'reliability-fleet' });
let server: SandboxAws;

beforeAll(async () => {
  server = await startSandboxAws({ world: fleet.world, seed: 11 });
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  server.setFaults({});
  server.setThrottle({});
});

const verdicts = (options: SandboxServiceOptions = {}) => fleetVerdicts(server.url, ['us-east-1'], options);
const expected = () => expectedVerdicts(fleet);

describe('a 2,000-job audit under faults', () => {
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
  }, 120_000); // adaptive retries back off for real: 30 % throttling on 20 sequential pages takes ~25 s

  it('retries 5xx answers and still judges every job the same', async () => {
    server.setFaults({
      Search: { status: 503, rate: 0.3 },
      DescribeSubnets: { status: 500, rate: 0.5 },
      DescribeSecurityGroups: { status: 503, rate: 0.5 },
      DescribeRouteTables: { status: 500, rate: 0.3 },
    });
    server.resetCounters();
    const { map, complete } = await verdicts();
    expect(Object.values(server.counters()).reduce((n, c) => n + c.faulted, 0)).toBeGreaterThan(0);
    expect(complete).toBe(true);
    expect(map).toEqual(expected());
  });

  it('bounds a hung connection by the request timeout and retries it', async () => {
    server.setFaults({ Search: { hang: true, count: 1 }, DescribeSubnets: { hang: true, count: 1 } });
    const started = Date.now();
    const { map, complete } = await verdicts({ requestTimeoutMs: 1_000 });
    expect(complete).toBe(true);
    expect(map).toEqual(expected());
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('ends a run whose listing never answers as incomplete (exit 3 territory), without inventing verdicts', async () => {
    server.setFaults({ Search: { hang: true } });
    const service = sandboxService(server.url, ['us-east-1'], { requestTimeoutMs: 500, maxAttempts: 2 });
    let judged = 0;
    const outcome = await service.auditFleet({}, { onJob: () => void (judged += 1) });
    expect(outcome.complete).toBe(false);
    expect(judged).toBe(0);
    expect(outcome.errors).toContainEqual(expect.objectContaining({ code: 'timeout', operation: 'sagemaker:Search' }));
  });
});

describe('a subnet deleted between Search and DescribeSubnets', () => {
  let sandbox: SandboxAccount;
  beforeAll(async () => {
    sandbox = await startSandboxAccount();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('makes the jobs on it unknown with the reason, never fail', async () => {
    const victim = SANDBOX_IDS.subnets.privateA;
    let deleted = false;
    const service = sandboxService(sandbox.url, sandbox.regions, {
      onClients: (clients) => {
        // The first EC2 request happens after Search returned the jobs: delete the subnet right then.
        clients.ec2.middlewareStack.add(
          (next) => async (args) => {
            if (!deleted) {
              deleted = true;
              sandbox.world.deleteSubnet('us-east-1', victim);
            }
            return next(args);
          },
          { step: 'initialize', name: 'deleteSubnetMidAudit' },
        );
      },
    });
    const reports: JobReport[] = [];
    const outcome = await service.auditFleet({ regions: ['us-east-1'] }, { onJob: (r) => void reports.push(r) });
    expect(deleted).toBe(true);
    const onVictim = reports.filter((r) => r.vpc?.subnets.includes(victim));
    expect(onVictim.length).toBeGreaterThan(0);
    for (const report of onVictim) {
      const finding = report.findings.find((f) => f.rule === 'vpc-subnets-private');
      expect(finding?.status).toBe('unknown');
      expect(finding?.message).toContain(victim);
      expect(finding?.message).toMatch(/not found|deleted|does not exist/i);
      expect(report.findings.filter((f) => f.status === 'fail').map((f) => f.rule)).not.toContain('vpc-subnets-private');
    }
    expect(outcome.errors).toContainEqual(expect.objectContaining({ code: 'not_found', resource: victim }));
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

  it('check: ListTags denied → recorded with its action; the verdict does not depend on tags', async () => {
    sandbox.aws.setFaults({ ListTags: { code: 'AccessDeniedException' } });
    const result = await runCliProcess(['check', 'vision-resnet-open-ssh', '--json'], env());
    const doc = JSON.parse(result.stdout);
    expect(doc.jobs[0].verdict).toBe('fail');
    expect(result.code).toBe(1);
    expect(doc.errors).toContainEqual(expect.objectContaining({ code: 'access_denied', operation: 'sagemaker:ListTags' }));
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
