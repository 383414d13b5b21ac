import { describe, expect, it } from 'vitest';

import type { Finding, Snippet } from '../audit/model.js';
import { awsInvocations } from './testing/aws-cli.js';
import { contextFor, finding } from './testing/builders.js';
import { DESCRIBED_JOBS, instanceGroups, pipelineStep, singleInstance, spotWithCheckpoints, tuningChild } from './testing/described-jobs.js';
import { buildVpcConfigured } from './vpc-configured.js';

const missingVpc = finding('vpc-configured', 'fail', { rule: 'vpc-configured', reason: 'missing' });
const publicSubnets = (privateSubnets: string[]): Finding =>
  finding('vpc-subnets-private', 'fail', {
    rule: 'vpc-subnets-private',
    publicRoutes: [{ subnetId: 'subnet-0public1a2b3c4d5e', routeTableId: 'rtb-0main', viaMainTable: true, gatewayId: 'igw-0a', destination: '0.0.0.0/0' }],
    privateSubnets,
  });

/** Compact outline: kind and the first words of each title, to assert DESIGN §3's order. */
function outline(snippets: Snippet[]): string[] {
  return snippets.map((s) => `${s.kind}: ${s.title}`);
}

function codeOf(snippets: Snippet[], titleStart: string): string {
  const found = snippets.find((s) => s.title.startsWith(titleStart));
  if (!found) throw new Error(`no snippet titled ${titleStart}; have ${outline(snippets).join(' | ')}`);
  return found.code;
}

describe('vpc-configured / vpc-subnets-private remediation', () => {
  it('orders steps as DESIGN §3: launcher, guardrail, stop (running only), clone', () => {
    const { steps } = buildVpcConfigured(contextFor(spotWithCheckpoints, publicSubnets(['subnet-0private000000002'])));
    const titles = outline(steps);
    const index = (start: string): number => titles.findIndex((t) => t.includes(start));
    expect(index('Launch with private subnets (SageMaker Python SDK)')).toBeLessThan(index('Guardrail: deny training'));
    expect(index('Guardrail: deny training')).toBeLessThan(index('Stop the running original'));
    expect(index('Stop the running original')).toBeLessThan(index('Only if the result is needed again'));
    expect(index('Only if the result is needed again')).toBeLessThan(index('Create bert-finetune-spot-vpc-202611291000'));
    expect(steps.find((s) => s.title.startsWith('Stop the running original'))).toMatchObject({ irreversible: true });
  });

  it('does not stop a job that is not running', () => {
    const { steps } = buildVpcConfigured(contextFor(singleInstance, missingVpc));
    expect(steps.some((s) => s.code.includes('stop-training-job'))).toBe(false);
  });

  it("fills the launcher with the job's private subnets and its security groups", () => {
    const { steps } = buildVpcConfigured(contextFor(spotWithCheckpoints, publicSubnets(['subnet-0private000000002'])));
    expect(codeOf(steps, 'Launch with private subnets (SageMaker Python SDK)')).toContain(
      'subnets=["subnet-0private000000002"],\n    security_group_ids=["sg-0bert0000000000001"],',
    );
    expect(codeOf(steps, 'Launch with private subnets (boto3)')).toContain(
      'VpcConfig={"Subnets": ["subnet-0private000000002"], "SecurityGroupIds": ["sg-0bert0000000000001"]}',
    );
    expect(codeOf(steps, 'Build clone.json')).toContain(`--argjson vpc '{"Subnets":["subnet-0private000000002"],"SecurityGroupIds":["sg-0bert0000000000001"]}'`);
  });

  it('prefers the approved network, in the launcher, the clone and the pinning policy', () => {
    const approvedNetwork = { subnets: ['subnet-0approved1'], securityGroups: ['sg-0approved1'] };
    const { steps } = buildVpcConfigured(contextFor(singleInstance, missingVpc, { approvedNetwork }));
    expect(codeOf(steps, 'Launch with a VPC')).toContain('subnets=["subnet-0approved1"]');
    expect(codeOf(steps, 'Network for the fixed launch')).toContain('--subnets subnet-0approved1 --security-groups sg-0approved1 --instances 1 --region us-east-1');
    expect(JSON.parse(codeOf(steps, 'Optional: allow training only')).Statement[0].Condition['ForAllValues:StringEquals']).toEqual({
      'sagemaker:VpcSubnets': ['subnet-0approved1'],
      'sagemaker:VpcSecurityGroupIds': ['sg-0approved1'],
    });
    expect(JSON.parse(codeOf(steps, 'Review the request')).VpcConfig).toEqual({ Subnets: ['subnet-0approved1'], SecurityGroupIds: ['sg-0approved1'] });
  });

  it.each`
    case                                   | ctx                                                                     | subnets
    ${'no VPC at all'}                     | ${contextFor(singleInstance, missingVpc)}                               | ${'<private-subnet-id>'}
    ${'public subnets, none private'}      | ${contextFor(instanceGroups, publicSubnets([]))}                        | ${'<private-subnet-id>'}
    ${'private subnet from the audit'}     | ${contextFor(instanceGroups, publicSubnets([]), { privateSubnets: ['subnet-0p'] })} | ${'subnet-0p'}
  `('uses placeholders only when the network is unknowable: $case', ({ ctx, subnets }) => {
    const code = codeOf(buildVpcConfigured(ctx).steps, 'Launch with');
    expect(code).toContain(`subnets=["${subnets}"]`);
  });

  it('says plainly that the guardrail breaks launchers, with break-glass, staged rollout and the management-account gap', () => {
    const text = codeOf(buildVpcConfigured(contextFor(singleInstance, missingVpc)).steps, 'Before you attach the guardrail');
    expect(text).toMatch(/start failing with AccessDenied/);
    expect(text).toMatch(/break-glass/);
    expect(text).toMatch(/test OU first/);
    expect(text).toMatch(/SCPs do not apply to the management account/);
  });

  it('the guardrail denies CreateTrainingJob and CreateHyperParameterTuningJob when sagemaker:VpcSubnets is absent', () => {
    const policy = JSON.parse(codeOf(buildVpcConfigured(contextFor(singleInstance, missingVpc)).steps, 'Guardrail: deny'));
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenySageMakerTrainingWithoutVpc',
        Effect: 'Deny',
        Action: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateHyperParameterTuningJob'],
        Resource: '*',
        Condition: { Null: { 'sagemaker:VpcSubnets': 'true' } },
      },
    ]);
  });

  it('backout: stop the clone, detach the guardrail, run again without VpcConfig (lowers security)', () => {
    const { backout } = buildVpcConfigured(contextFor(singleInstance, missingVpc));
    expect(outline(backout)).toEqual([
      'aws-cli: Stop the clone churn-pytorch-2026-11-20-09-00-00-123-vpc-202611291000',
      'aws-cli: Detach and delete the guardrail SCP',
      'aws-cli: Remove the approved-network policy from the launcher role',
      'text: Run the job again as before (lowers security)',
      'aws-cli: Build rerun.json on your machine from AWS (real values stay local)',
      'aws-cli: Create churn-pytorch-2026-11-20-09-00-00-123-rerun-202611291000',
      'aws-cli: Verify churn-pytorch-2026-11-20-09-00-00-123-rerun-202611291000',
    ]);
    expect(codeOf(backout, 'Run the job again')).toMatch(/lowers security.*without VpcConfig/);
    const rerun = codeOf(backout, 'Build rerun.json');
    expect(rerun).not.toContain('$vpc');
    expect(rerun).not.toMatch(/\bVpcConfig}/);
    expect(awsInvocations(codeOf(backout, 'Detach')).map((c) => c.key)).toEqual(['organizations detach-policy', 'organizations delete-policy']);
  });

  it('backout for public subnets re-runs with the previous VpcConfig, never an update call', () => {
    const { backout } = buildVpcConfigured(contextFor(instanceGroups, publicSubnets(['subnet-0p'])));
    expect(codeOf(backout, 'Run the job again')).toMatch(/previous VpcConfig \(the public subnets\)/);
    expect(codeOf(backout, 'Build rerun.json')).toMatch(/\bVpcConfig}/);
    expect(JSON.stringify(backout)).not.toContain('update-training-job');
  });

  it.each`
    name                  | description     | says
    ${'tuning-job child'} | ${tuningChild}  | ${'hyperparameter tuning job arn:aws:sagemaker:us-east-1:111122223333:hyper-parameter-tuning-job/xgb-hpo-251129-1000'}
    ${'pipeline step'}    | ${pipelineStep} | ${'pipeline launched this job (arn:aws:sagemaker:us-east-1:111122223333:pipeline/churn/execution/a1b2c3d4e5f6)'}
  `('$name: fix the parent first and do not clone', ({ description, says }) => {
    const { steps, backout } = buildVpcConfigured(contextFor(description, missingVpc));
    expect(steps[0]).toMatchObject({ kind: 'text', title: 'Fix the parent that launched the job (a VPC (private subnets))' });
    expect(steps[0]?.code).toContain(says);
    expect(steps.some((s) => s.code.includes('create-training-job'))).toBe(false);
    expect(backout.some((s) => s.code.includes('stop-training-job'))).toBe(false);
  });

  it('in a fleet audit points to `sagemaker-vpc remediate` instead of the clone', () => {
    const { steps, backout } = buildVpcConfigured(contextFor(DESCRIBED_JOBS['single instance'], missingVpc, { fleet: true }));
    expect(steps.some((s) => s.code.includes('create-training-job --cli-input-json'))).toBe(false);
    expect(steps.at(-1)?.code).toContain("sagemaker-vpc remediate churn-pytorch-2026-11-20-09-00-00-123 --region us-east-1");
    expect(backout.at(-1)?.code).toContain('sagemaker-vpc remediate');
  });

  it('explains instead of cloning when the description cannot be cloned', () => {
    const { RoleArn: _r, ...noRole } = singleInstance;
    const { steps } = buildVpcConfigured(contextFor(noRole, missingVpc, { description: noRole }));
    expect(steps.at(-1)).toMatchObject({ kind: 'text', title: 'Cloning is not possible' });
  });
});
