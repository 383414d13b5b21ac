/**
 * Test support (pure): job reports and run views shaped like the engine's, written out by hand so
 * view snapshots change only when the views do. Defaults describe a failing job with one public
 * subnet and one open security group; tests override what they need.
 * @module
 */
import type { Finding, JobReport, RuleId, Snippet } from '../../../audit/model.js';
import type { RuleLookup } from '../rule-info.js';
import type { DigestView } from '../digest-message.js';
import type { FleetReportView } from '../fleet-report-message.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const AS_OF = '2026-11-29T10:00:00.000Z';
export const NOW = new Date(AS_OF);
export const SUBNET_A = 'subnet-0a1b2c3d4e5f60718';
export const SUBNET_B = 'subnet-0b1b2c3d4e5f60718';
export const SG_A = 'sg-0a1b2c3d4e5f60718';

/** Rule metadata for tests, independent of the registry's wording. */
export const testRules: RuleLookup = (id) => ({
  title: `Title of ${id}`,
  kind: ['vpc-configured', 'vpc-subnets-private', 'vpc-security-groups-restricted'].includes(id) ? 'control' : 'advisory',
  compliance: ['CIS Controls v8 3.4', 'CIS Controls v8 6.7', 'SOC 2'],
});

export function snippet(title: string, code: string, extra: Partial<Snippet> = {}): Snippet {
  return { kind: 'aws-cli', title, code, ...extra };
}

export function finding(rule: RuleId, status: Finding['status'], message: string, extra: Partial<Finding> = {}): Finding {
  return { rule, status, severity: 'high', message, resources: [], ...extra };
}

export function allFindings(overrides: Partial<Record<RuleId, Partial<Finding>>> = {}): Finding[] {
  const base: Finding[] = [
    finding('vpc-configured', 'pass', 'train-42 runs in vpc-0abc with 2 subnets and 1 security group'),
    finding('vpc-subnets-private', 'fail', `${SUBNET_B} is public by AWS's definition: route table rtb-3 routes 0.0.0.0/0 to igw-9`, {
      resources: [SUBNET_B, 'rtb-3', 'igw-9'],
      remediation: {
        steps: [snippet('Launch with private subnets', 'Estimator(..., subnets=["subnet-private"], security_group_ids=["sg-1"])', { kind: 'python-sdk' })],
        backout: [snippet('Stop the clone', 'aws sagemaker stop-training-job --training-job-name train-42-vpc --region us-east-1', { irreversible: true, permissions: ['sagemaker:StopTrainingJob'] })],
      },
    }),
    finding('vpc-security-groups-restricted', 'unknown', `ec2:DescribeSecurityGroups was denied for ${SG_A}; grant it to judge this group`),
    finding('vpc-s3-access', 'warn', `no S3 path found for ${SUBNET_A}`, { severity: 'medium' }),
    finding('vpc-multi-node-traffic', 'skip', 'single instance', { severity: 'medium' }),
    finding('network-isolation', 'pass', 'network isolation is on', { severity: 'low', notes: [`${SG_A} is named default`] }),
    finding('inter-container-encryption', 'skip', 'single instance', { severity: 'low' }),
  ];
  return base.map((f) => ({ ...f, ...overrides[f.rule] }));
}

export function buildReport(overrides: Partial<JobReport> = {}): JobReport {
  return {
    name: 'train-42',
    arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/train-42`,
    account: ACCOUNT,
    region: REGION,
    trainingStatus: 'Completed',
    verdict: 'fail',
    vpc: { vpcId: 'vpc-0abc', subnets: [SUBNET_A, SUBNET_B], securityGroups: [SG_A] },
    findings: allFindings(),
    subnetViews: [
      { id: SUBNET_A, classification: 'private', routeTableId: 'rtb-main', viaMainTable: true, defaultRouteTarget: 'nat-1' },
      { id: SUBNET_B, classification: 'public', routeTableId: 'rtb-3', viaMainTable: false, defaultRouteTarget: 'igw-9' },
    ],
    securityGroupViews: [{ id: SG_A, name: 'training', classification: 'unknown', reason: 'ec2:DescribeSecurityGroups denied' }],
    networkAsOf: AS_OF,
    ...overrides,
  };
}

export function passingReport(): JobReport {
  return buildReport({
    verdict: 'pass',
    findings: allFindings({
      'vpc-subnets-private': { status: 'pass', message: 'all subnets are private', remediation: undefined },
      'vpc-security-groups-restricted': { status: 'pass', message: 'no open ingress' },
      'vpc-s3-access': { status: 'pass', message: 'S3 gateway endpoint on every subnet' },
    }),
    subnetViews: [{ id: SUBNET_A, classification: 'private', routeTableId: 'rtb-main', viaMainTable: true, defaultRouteTarget: 'nat-1' }],
    securityGroupViews: [{ id: SG_A, name: 'training', classification: 'restricted' }],
  });
}

export function preflightReport(): JobReport {
  const { arn: _arn, trainingStatus: _status, ...rest } = buildReport();
  return { ...rest, name: 'preflight', account: '', preflight: true };
}

export function fleetView(overrides: Partial<FleetReportView> = {}): FleetReportView {
  return {
    runId: 'run12345',
    scopeText: 'us-east-1 · last 30 days (use --since all for everything)',
    generatedAt: AS_OF,
    summary: { jobs: 8, pass: 5, fail: 2, unknown: 1 },
    complete: true,
    notes: [],
    errors: [],
    failing: [
      { account: ACCOUNT, region: REGION, job: 'train-42', rules: ['vpc-subnets-private', 'vpc-security-groups-restricted'] },
      { account: ACCOUNT, region: REGION, job: 'train-7', rules: ['vpc-configured'] },
    ],
    unknown: [{ account: ACCOUNT, region: REGION, job: 'train-9', reason: 'ec2:DescribeRouteTables was denied for subnet-1' }],
    ...overrides,
  };
}

export function digestView(overrides: Partial<DigestView> = {}): DigestView {
  return {
    scheduleId: 3,
    scopeText: 'us-east-1 · last 30 days and every InProgress job',
    generatedAt: AS_OF,
    summary: { jobs: 40, pass: 36, fail: 3, unknown: 1 },
    previous: { compliancePct: 87.5, generatedAt: '2026-11-22T10:00:00.000Z' },
    newFailures: [{ account: ACCOUNT, region: REGION, job: 'train-42', rules: ['vpc-subnets-private'] }],
    fixed: [{ account: ACCOUNT, region: REGION, job: 'train-7', rules: [] }],
    longestFailing: [{ account: ACCOUNT, region: REGION, job: 'train-old', rules: ['vpc-configured'], failingSince: '2026-10-01' }],
    unknowns: [{ account: ACCOUNT, region: REGION, job: 'train-9', rules: [], reason: 'ec2:DescribeRouteTables was denied' }],
    historicalDebt: { jobs: 120, olderThanDays: 30 },
    ...overrides,
  };
}
