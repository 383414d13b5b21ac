import { describe, expect, it } from 'vitest';
import { evaluateJob } from '../../engine.js';
import { buildJob, buildNetwork, compliantParts, ctx } from '../../testing/builders.js';
import { vpcConfigured } from './rule.js';

const network = buildNetwork(compliantParts());

describe('vpc-configured', () => {
  it.each`
    name                                        | job                                                                                             | status    | reason                  | message
    ${'subnets and security groups'}            | ${buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] } })}  | ${'pass'} | ${undefined}            | ${'train-42 runs in a VPC with 2 subnets (subnet-1 and subnet-2) and 1 security group (sg-1)'}
    ${'no VpcConfig'}                           | ${buildJob({ vpcConfig: undefined, enableNetworkIsolation: false })}                            | ${'fail'} | ${'missing'}            | ${"train-42 was created without VpcConfig, so it does not run in your VPC (a training job's network settings cannot be changed after creation)"}
    ${'no VpcConfig, network isolation on'}     | ${buildJob({ vpcConfig: undefined, enableNetworkIsolation: true })}                             | ${'fail'} | ${'missing'}            | ${"train-42 was created without VpcConfig, so it does not run in your VPC (a training job's network settings cannot be changed after creation)"}
    ${'empty Subnets'}                          | ${buildJob({ vpcConfig: { subnets: [], securityGroupIds: ['sg-1'] } })}                         | ${'fail'} | ${'no-subnets'}         | ${'train-42 has a VpcConfig with no subnets'}
    ${'empty SecurityGroupIds'}                 | ${buildJob({ vpcConfig: { subnets: ['subnet-1'], securityGroupIds: [] } })}                     | ${'fail'} | ${'no-security-groups'} | ${'train-42 has a VpcConfig with no security groups'}
    ${'both lists empty'}                       | ${buildJob({ vpcConfig: { subnets: [], securityGroupIds: [] } })}                               | ${'fail'} | ${'no-subnets'}         | ${'train-42 has a VpcConfig with no subnets and no security groups'}
  `('$name → $status', ({ job, status, reason, message }) => {
    const finding = vpcConfigured.evaluate(job, network, ctx);

    expect(finding).toMatchObject({ rule: 'vpc-configured', status, severity: 'high', message });
    expect(finding.evidence).toEqual(reason === undefined ? undefined : { rule: 'vpc-configured', reason });
  });

  it('notes that network isolation does not replace a VPC', () => {
    const finding = vpcConfigured.evaluate(buildJob({ vpcConfig: undefined, enableNetworkIsolation: true }), network, ctx);

    expect(finding.notes).toEqual([
      "network isolation is on, which blocks the container's own network calls, but the control still requires a VPC",
    ]);
  });

  it('is unknown when the job itself could not be described (through the engine)', () => {
    const report = evaluateJob(
      {
        ok: false,
        ref: { account: '123456789012', region: 'us-east-1', name: 'train-42' },
        error: { code: 'access_denied', operation: 'sagemaker:DescribeTrainingJob', message: 'User is not authorized' },
      },
      network,
      ctx,
    );

    expect(report.findings.find((f) => f.rule === 'vpc-configured')).toMatchObject({
      status: 'unknown',
      message:
        'train-42 could not be described: sagemaker:DescribeTrainingJob was denied for train-42; grant it to judge this job (User is not authorized)',
    });
  });
});
