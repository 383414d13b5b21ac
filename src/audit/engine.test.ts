import { describe, expect, it } from 'vitest';
import { evaluateJob, summarize, verdictOf } from './engine.js';
import { emptyNetworkSnapshot, RULE_IDS, type Finding, type JobReport, type Rule, type RuleId, type Status } from './model.js';
import { rules } from './rules/index.js';
import {
  AS_OF,
  buildJob,
  buildNetwork,
  buildRoute,
  buildRouteTable,
  buildSecurityGroup,
  buildSubnet,
  compliantParts,
  ctx,
  denied,
  fromCidr,
  notFound,
  patchNetwork,
} from './testing/builders.js';

const compliant = buildNetwork(compliantParts());
const twoSubnets = buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] } });

function statuses(report: JobReport): Record<string, Status> {
  return Object.fromEntries(report.findings.map((f) => [f.rule, f.status]));
}

describe('evaluateJob', () => {
  it('reports every rule in registry order for a compliant job', () => {
    const report = evaluateJob({ ok: true, job: twoSubnets }, compliant, ctx);

    expect(report).toMatchObject({
      name: 'train-42',
      arn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/train-42',
      account: '123456789012',
      region: 'us-east-1',
      trainingStatus: 'InProgress',
      creationTime: '2026-11-28T09:00:00.000Z',
      verdict: 'pass',
      vpc: { vpcId: 'vpc-1', subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'] },
      networkAsOf: AS_OF,
    });
    expect(report.findings.map((f) => f.rule)).toEqual([...RULE_IDS]);
    expect(statuses(report)).toEqual({
      'vpc-configured': 'pass',
      'vpc-subnets-private': 'pass',
      'vpc-security-groups-restricted': 'pass',
      'vpc-s3-access': 'pass',
      'vpc-multi-node-traffic': 'skip',
      'network-isolation': 'pass',
      'inter-container-encryption': 'skip',
    });
    expect(report.preflight).toBeUndefined();
  });

  it('classifies each subnet and security group for views', () => {
    const network = buildNetwork({
      subnets: [buildSubnet('subnet-1'), buildSubnet('subnet-2'), buildSubnet('subnet-3')],
      routeTables: [
        buildRouteTable('rtb-main', { main: true, routes: [buildRoute('0.0.0.0/0', 'nat-1')] }),
        buildRouteTable('rtb-pub', { subnets: ['subnet-2'], routes: [buildRoute('0.0.0.0/0', 'igw-9')] }),
      ],
      securityGroups: [buildSecurityGroup('sg-1', { name: 'training' }), buildSecurityGroup('sg-2', { name: 'web', ingress: [fromCidr('0.0.0.0/0')] })],
    });
    const patched = patchNetwork(network, {
      explicitRouteTableBySubnet: { 'subnet-3': denied('ec2:DescribeRouteTables', 'subnet-3') },
      securityGroups: { 'sg-3': notFound('ec2:DescribeSecurityGroups', 'sg-3') },
    });
    const job = buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2', 'subnet-3'], securityGroupIds: ['sg-1', 'sg-2', 'sg-3'] } });

    const report = evaluateJob({ ok: true, job }, patched, ctx);

    expect(report.subnetViews).toEqual([
      { id: 'subnet-1', classification: 'private', routeTableId: 'rtb-main', viaMainTable: true, defaultRouteTarget: 'nat-1' },
      { id: 'subnet-2', classification: 'public', routeTableId: 'rtb-pub', viaMainTable: false, defaultRouteTarget: 'igw-9' },
      { id: 'subnet-3', classification: 'unknown', reason: 'ec2:DescribeRouteTables was denied for subnet-3; grant it to judge this subnet' },
    ]);
    expect(report.securityGroupViews).toEqual([
      { id: 'sg-1', name: 'training', classification: 'restricted' },
      { id: 'sg-2', name: 'web', classification: 'open' },
      { id: 'sg-3', classification: 'unknown', reason: 'sg-3 was not found (ec2:DescribeSecurityGroups); it may have been deleted' },
    ]);
    expect(report.verdict).toBe('fail');
  });

  it('turns a job that could not be described into unknown findings for every rule', () => {
    const report = evaluateJob(
      {
        ok: false,
        ref: { account: '123456789012', region: 'eu-west-1', name: 'train-9' },
        error: { code: 'throttled', operation: 'sagemaker:DescribeTrainingJob', resource: 'train-9', message: 'Rate exceeded' },
      },
      compliant,
      ctx,
    );

    const message =
      'train-9 could not be described: sagemaker:DescribeTrainingJob was throttled while reading train-9; run the check again (Rate exceeded)';
    expect(report).toEqual({
      name: 'train-9',
      account: '123456789012',
      region: 'eu-west-1',
      verdict: 'unknown',
      vpc: null,
      networkAsOf: AS_OF,
      findings: rules.map((rule) => ({ rule: rule.id, status: 'unknown', severity: rule.severity, message, resources: ['train-9'] })),
    });
  });

  it('has no VPC and no views for a job without VpcConfig, and fails it even with network isolation', () => {
    const job = buildJob({ vpcConfig: undefined, enableNetworkIsolation: true });

    const report = evaluateJob({ ok: true, job }, emptyNetworkSnapshot(AS_OF), ctx);

    expect(report.vpc).toBeNull();
    expect(report.subnetViews).toBeUndefined();
    expect(report.securityGroupViews).toBeUndefined();
    expect(report.verdict).toBe('fail');
    expect(statuses(report)['vpc-configured']).toBe('fail');
  });

  it('derives no VPC id when no subnet is readable', () => {
    const network = patchNetwork(compliant, { subnets: { 'subnet-1': notFound('ec2:DescribeSubnets', 'subnet-1') } });

    const report = evaluateJob({ ok: true, job: buildJob() }, network, ctx);

    expect(report.vpc).toEqual({ vpcId: null, subnets: ['subnet-1'], securityGroups: ['sg-1'] });
    expect(report.verdict).toBe('unknown');
  });

  it('leaves a passing job passing when an advisory rule is unknown (NAT gateways denied)', () => {
    const parts = compliantParts();
    const network = patchNetwork(buildNetwork({ ...parts, endpoints: [] }), {
      natGatewaysByVpc: { 'vpc-1': denied('ec2:DescribeNatGateways', 'vpc-1') },
    });

    const report = evaluateJob({ ok: true, job: buildJob() }, network, ctx);

    expect(statuses(report)['vpc-s3-access']).toBe('unknown');
    expect(report.verdict).toBe('pass');
  });

  it('marks preflight reports', () => {
    const report = evaluateJob({ ok: true, job: buildJob({ preflight: true, arn: undefined, status: undefined }) }, compliant, ctx);

    expect(report.preflight).toBe(true);
    expect(report.arn).toBeUndefined();
    expect(report.trainingStatus).toBeUndefined();
  });

  it('turns a rule that throws into an unknown finding and runs the others', () => {
    const broken: Rule = {
      ...rules[1]!,
      evaluate() {
        throw new Error('kaboom');
      },
    };
    const ruleSet = [rules[0]!, broken, ...rules.slice(2)];

    const report = evaluateJob({ ok: true, job: buildJob() }, compliant, ctx, ruleSet);

    expect(report.findings[1]).toEqual({
      rule: 'vpc-subnets-private',
      status: 'unknown',
      severity: 'high',
      message: 'the rule vpc-subnets-private errored (kaboom); this is a bug in sagemaker-vpc, not a finding about train-42',
      resources: ['train-42'],
    });
    expect(report.findings).toHaveLength(7);
    expect(report.verdict).toBe('unknown');
  });

  it('survives a malformed snapshot (a route table without routes)', () => {
    const broken = patchNetwork(compliant, {
      routeTables: { 'rtb-main': { id: 'rtb-main', vpcId: 'vpc-1', associations: [{ main: true }] } as never },
    });

    const report = evaluateJob({ ok: true, job: buildJob() }, broken, ctx);

    expect(report.findings.find((f) => f.rule === 'vpc-subnets-private')?.status).toBe('unknown');
    expect(report.subnetViews?.[0]).toMatchObject({ id: 'subnet-1', classification: 'unknown' });
  });
});

describe('verdictOf', () => {
  function findings(statuses: Partial<Record<RuleId, Status>>): Finding[] {
    return RULE_IDS.map((rule) => ({ rule, status: statuses[rule] ?? 'pass', severity: 'high', message: '', resources: [] }));
  }

  it.each`
    name                                              | statuses                                                                                     | verdict
    ${'all pass'}                                     | ${{}}                                                                                        | ${'pass'}
    ${'a control fails'}                              | ${{ 'vpc-security-groups-restricted': 'fail' }}                                              | ${'fail'}
    ${'fail beats unknown'}                           | ${{ 'vpc-configured': 'fail', 'vpc-subnets-private': 'unknown' }}                             | ${'fail'}
    ${'a control is unknown'}                         | ${{ 'vpc-subnets-private': 'unknown' }}                                                      | ${'unknown'}
    ${'skipped controls after vpc-configured fails'}  | ${{ 'vpc-configured': 'fail', 'vpc-subnets-private': 'skip' }}                                | ${'fail'}
    ${'advisory warn and unknown change nothing'}     | ${{ 'vpc-s3-access': 'unknown', 'vpc-multi-node-traffic': 'warn', 'network-isolation': 'warn' }} | ${'pass'}
    ${'advisory fail changes nothing'}                | ${{ 'inter-container-encryption': 'fail' }}                                                  | ${'pass'}
  `('$name → $verdict', ({ statuses, verdict }) => {
    expect(verdictOf(findings(statuses))).toBe(verdict);
  });

  it('is unknown when a control finding is missing', () => {
    expect(verdictOf(findings({}).filter((f) => f.rule !== 'vpc-subnets-private'))).toBe('unknown');
  });
});

describe('summarize', () => {
  it('counts reports by verdict', () => {
    const pass = evaluateJob({ ok: true, job: buildJob() }, compliant, ctx);
    const fail = evaluateJob({ ok: true, job: buildJob({ vpcConfig: undefined }) }, compliant, ctx);
    const unknown = evaluateJob(
      { ok: false, ref: { account: '1', region: 'us-east-1', name: 'x' }, error: { code: 'unknown', operation: 'sagemaker:Search', message: '?' } },
      compliant,
      ctx,
    );

    expect(summarize([pass, fail, fail, unknown])).toEqual({ jobs: 4, pass: 1, fail: 2, unknown: 1 });
    expect(summarize([])).toEqual({ jobs: 0, pass: 0, fail: 0, unknown: 0 });
  });
});

describe('emptyNetworkSnapshot', () => {
  it('has the time and nothing else', () => {
    expect(emptyNetworkSnapshot(AS_OF)).toEqual({
      asOf: AS_OF,
      subnets: {},
      routeTables: {},
      explicitRouteTableBySubnet: {},
      mainRouteTableByVpc: {},
      securityGroups: {},
      vpcEndpointsByVpc: {},
      natGatewaysByVpc: {},
    });
  });
});
