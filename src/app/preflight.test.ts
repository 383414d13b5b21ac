/**
 * Preflight over synthetic VpcConfigs, judged against the sandbox account's real networks through
 * the wire fakes — the same collectors and the same engine as `check` (only the job is made up).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RuleId, Status, Verdict } from '../audit/model.js';
import { SANDBOX_IDS, startSandboxAccount, type SandboxAccount } from '../sandbox/aws/index.js';
import { sandboxService } from '../../test/helpers/sandbox-service.js';
import { approvedNetworkRequests, preflightJob, runPreflight } from './preflight.js';

const { subnets: S, securityGroups: G } = SANDBOX_IDS;
let sandbox: SandboxAccount;

beforeAll(async () => {
  sandbox = await startSandboxAccount();
});
afterAll(async () => {
  await sandbox?.close();
});
afterEach(() => sandbox.aws.setFaults({}));

interface Row {
  name: string;
  subnets: string[];
  sgs: string[];
  instances?: number;
  ice?: boolean;
  verdict: Verdict;
  rules: Partial<Record<RuleId, Status>>;
}

const ROWS: Row[] = [
  { name: 'private subnet + peers-only SG', subnets: [S.privateA], sgs: [G.training], verdict: 'pass', rules: { 'vpc-subnets-private': 'pass', 'vpc-security-groups-restricted': 'pass', 'vpc-s3-access': 'pass', 'vpc-multi-node-traffic': 'skip' } },
  { name: 'two private subnets, 4 instances, all-traffic self-reference', subnets: [S.privateA, S.privateB], sgs: [G.training], instances: 4, verdict: 'pass', rules: { 'vpc-multi-node-traffic': 'pass', 'inter-container-encryption': 'warn' } },
  { name: 'public subnet via the main table', subnets: [S.publicMain], sgs: [G.training], verdict: 'fail', rules: { 'vpc-subnets-private': 'fail' } },
  { name: 'split default routes to an IGW', subnets: [S.splitDefault], sgs: [G.training], verdict: 'fail', rules: { 'vpc-subnets-private': 'fail' } },
  { name: 'one public among private subnets', subnets: [S.privateA, S.publicExplicit], sgs: [G.training], verdict: 'fail', rules: { 'vpc-subnets-private': 'fail' } },
  { name: 'SSH open to the internet', subnets: [S.privateA], sgs: [G.openSsh], verdict: 'fail', rules: { 'vpc-security-groups-restricted': 'fail' } },
  { name: 'multi-node with a ports-only self-reference', subnets: [S.privateA], sgs: [G.portsOnly], instances: 2, verdict: 'pass', rules: { 'vpc-multi-node-traffic': 'warn' } },
  { name: 'private subnet without any S3 path', subnets: [S.noS3], sgs: [G.training], verdict: 'pass', rules: { 'vpc-s3-access': 'warn' } },
  { name: 'blackhole IGW default + NAT', subnets: [S.blackhole], sgs: [G.training], verdict: 'pass', rules: { 'vpc-subnets-private': 'pass' } },
  { name: 'IPv6 egress-only', subnets: [S.ipv6Egress], sgs: [G.training], verdict: 'pass', rules: { 'vpc-subnets-private': 'pass' } },
  { name: 'deleted subnet', subnets: [S.deleted], sgs: [G.training], verdict: 'unknown', rules: { 'vpc-subnets-private': 'unknown' } },
  { name: 'RAM-shared subnet with no visible route table', subnets: [S.shared], sgs: [G.shared], verdict: 'unknown', rules: { 'vpc-subnets-private': 'unknown' } },
];

describe('check-network preflight', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const service = sandboxService(sandbox.url, ['us-east-1']);
    const doc = await runPreflight(service, [
      { region: 'us-east-1', subnets: row.subnets, securityGroups: row.sgs, instances: row.instances ?? 1, interContainerEncryption: row.ice },
    ]);
    const [report] = doc.jobs;
    expect(report).toMatchObject({ preflight: true, verdict: row.verdict });
    if (row.verdict !== 'unknown') expect(report?.account).toBe('123456789012');
    expect(report?.arn).toBeUndefined();
    const statuses = Object.fromEntries(report!.findings.map((f) => [f.rule, f.status]));
    expect(statuses).toMatchObject({ 'vpc-configured': 'pass', ...row.rules });
  });

  it.each([
    ['DescribeRouteTables', 'ec2:DescribeRouteTables', 'vpc-subnets-private'],
    ['DescribeSecurityGroups', 'ec2:DescribeSecurityGroups', 'vpc-security-groups-restricted'],
  ])('%s denied → unknown naming %s, never fail', async (operation, action, rule) => {
    sandbox.aws.setFaults({ [operation]: { code: 'UnauthorizedOperation' } });
    const service = sandboxService(sandbox.url, ['us-east-1'], { maxAttempts: 1 });
    const doc = await runPreflight(service, [{ region: 'us-east-1', subnets: [S.privateA], securityGroups: [G.training], instances: 1 }]);
    const finding = doc.jobs[0]?.findings.find((f) => f.rule === rule);
    expect(doc.jobs[0]?.verdict).toBe('unknown');
    expect(finding?.status).toBe('unknown');
    expect(finding?.message).toContain(action);
    expect(doc.errors).toContainEqual(expect.objectContaining({ code: 'access_denied', operation: action }));
  });

  it('judges the approved networks of REMEDIATION_NETWORK and flags an account mismatch', async () => {
    const requests = approvedNetworkRequests({
      '123456789012/us-east-1': { subnets: [S.privateA], securityGroups: [G.training] },
      '999999999999/us-east-1': { subnets: [S.publicMain], securityGroups: [G.training] },
    });
    const doc = await runPreflight(sandboxService(sandbox.url, ['us-east-1']), requests);
    expect(doc.jobs.map((j) => [j.name, j.verdict])).toEqual([
      ['approved-123456789012-us-east-1', 'pass'],
      ['approved-999999999999-us-east-1', 'fail'],
    ]);
    expect(doc.notes?.join('\n')).toMatch(/belongs to account 123456789012, not 999999999999/);
  });

  it('builds the synthetic job the engine judges', () => {
    expect(preflightJob({ region: 'eu-west-1', subnets: ['subnet-1'], securityGroups: ['sg-1'], instances: 3, interContainerEncryption: true })).toEqual({
      name: 'preflight',
      account: '',
      region: 'eu-west-1',
      vpcConfig: { subnets: ['subnet-1'], securityGroupIds: ['sg-1'] },
      enableNetworkIsolation: false,
      enableInterContainerTrafficEncryption: true,
      instanceCount: 3,
      preflight: true,
    });
  });
});

it('takes the account of a RAM-shared subnet from its security groups, not from the subnet owner', async () => {
  const doc = await runPreflight(sandboxService(sandbox.url, ['us-east-1']), [
    { region: 'us-east-1', subnets: [S.shared], securityGroups: [G.shared], instances: 1 },
  ]);
  expect(doc.jobs[0]?.account).toBe('123456789012');
  expect(doc.jobs[0]?.findings.find((f) => f.rule === 'vpc-subnets-private')?.message).toMatch(/444455556666/);
});
