import { describe, expect, it } from 'vitest';
import type { Permission } from '../../model.js';
import {
  buildJob,
  buildNetwork,
  buildSecurityGroup,
  buildSubnet,
  ctx,
  denied,
  fromCidr,
  fromGroup,
  patchNetwork,
  sumInstanceGroups,
} from '../../testing/builders.js';
import { vpcMultiNodeTraffic } from './rule.js';

const fourNodes = buildJob({ instanceCount: 4 });

function withIngress(...ingress: Permission[]) {
  return buildNetwork({ subnets: [buildSubnet('subnet-1')], securityGroups: [buildSecurityGroup('sg-1', { ingress })] });
}

describe('vpc-multi-node-traffic', () => {
  it.each`
    name                                    | job                                                              | network                                                                  | status    | message
    ${'all traffic from itself'}            | ${fourNodes}                                                     | ${withIngress(fromGroup('sg-1'))}                                        | ${'pass'} | ${'sg-1 allows all inbound traffic from an attached security group, so the 4 instances can reach each other'}
    ${'all traffic from the subnet CIDR'}   | ${fourNodes}                                                     | ${withIngress(fromCidr('10.0.0.0/16'))}                                  | ${'pass'} | ${"sg-1 allows all inbound traffic from CIDRs covering every one of the job's subnets, so the 4 instances can reach each other"}
    ${'instance groups summing to 3'}       | ${buildJob({ instanceCount: sumInstanceGroups([2, 1]) })}        | ${withIngress(fromGroup('sg-1'))}                                        | ${'pass'} | ${'sg-1 allows all inbound traffic from an attached security group, so the 3 instances can reach each other'}
    ${'ports-only self-reference'}          | ${fourNodes}                                                     | ${withIngress(fromGroup('sg-1', { protocol: 'tcp', fromPort: 22, toPort: 22 }))} | ${'warn'} | ${'sg-1 allows only tcp port 22 from attached security groups; the 4 instances need all traffic between them (NCCL/MPI), so distributed training can hang'}
    ${'no self-reference'}                  | ${fourNodes}                                                     | ${withIngress(fromCidr('203.0.113.0/24'))}                              | ${'warn'} | ${'no attached security group (sg-1) allows inbound traffic from an attached security group; the 4 instances need all traffic between them (NCCL/MPI), so distributed training can hang'}
    ${'instance groups, no self-reference'} | ${buildJob({ instanceCount: sumInstanceGroups([1, 1]) })}        | ${withIngress()}                                                         | ${'warn'} | ${'no attached security group (sg-1) allows inbound traffic from an attached security group; the 2 instances need all traffic between them (NCCL/MPI), so distributed training can hang'}
  `('$name → $status', ({ job, network, status, message }) => {
    const finding = vpcMultiNodeTraffic.evaluate(job, network, ctx);

    expect(finding).toMatchObject({ rule: 'vpc-multi-node-traffic', status, severity: 'medium', message });
  });

  it('passes when another attached group is the source', () => {
    const network = buildNetwork({
      securityGroups: [buildSecurityGroup('sg-1', { ingress: [fromGroup('sg-2')] }), buildSecurityGroup('sg-2', { ingress: [] })],
    });
    const job = buildJob({ instanceCount: 2, vpcConfig: { subnets: ['subnet-1'], securityGroupIds: ['sg-1', 'sg-2'] } });

    expect(vpcMultiNodeTraffic.evaluate(job, network, ctx).status).toBe('pass');
  });

  it.each`
    name                          | encryption | ingress                                                                                      | missing
    ${'without encryption'}       | ${false}   | ${[]}                                                                                        | ${['all-traffic']}
    ${'with encryption'}          | ${true}    | ${[]}                                                                                        | ${['all-traffic', 'udp-500', 'esp']}
    ${'encryption, UDP 500 open'} | ${true}    | ${[fromGroup('sg-1', { protocol: 'udp', fromPort: 500, toPort: 500 })]}                      | ${['all-traffic', 'esp']}
  `('says what is missing $name', ({ encryption, ingress, missing }) => {
    const job = buildJob({ instanceCount: 2, enableInterContainerTrafficEncryption: encryption });

    const finding = vpcMultiNodeTraffic.evaluate(job, withIngress(...ingress), ctx);

    expect(finding.evidence).toEqual({ rule: 'vpc-multi-node-traffic', securityGroupIds: ['sg-1'], encryption, missing });
  });

  it('is unknown when no readable group passes and another cannot be read', () => {
    const network = patchNetwork(withIngress(), { securityGroups: { 'sg-2': denied('ec2:DescribeSecurityGroups', 'sg-2') } });
    const job = buildJob({ instanceCount: 2, vpcConfig: { subnets: ['subnet-1'], securityGroupIds: ['sg-1', 'sg-2'] } });

    expect(vpcMultiNodeTraffic.evaluate(job, network, ctx)).toMatchObject({
      status: 'unknown',
      message: 'ec2:DescribeSecurityGroups was denied for sg-2; grant it to judge traffic between the instances',
      resources: ['sg-2'],
    });
  });

  it('notes when no attached group allows egress to the other instances', () => {
    const network = buildNetwork({ securityGroups: [buildSecurityGroup('sg-1', { egress: [fromCidr('192.168.0.0/16')] })] });

    const finding = vpcMultiNodeTraffic.evaluate(fourNodes, network, ctx);

    expect(finding.status).toBe('pass');
    expect(finding.notes).toEqual([
      'no attached security group allows all outbound traffic to the other instances; add egress to the attached security group as well',
    ]);
  });

  it.each`
    name                         | job                                                                              | message
    ${'single instance'}         | ${buildJob({ instanceCount: 1 })}                                                | ${'skipped: train-42 runs on a single instance'}
    ${'no VpcConfig'}            | ${buildJob({ instanceCount: 4, vpcConfig: undefined })}                          | ${'skipped: the job has no VpcConfig'}
    ${'empty SecurityGroupIds'}  | ${buildJob({ instanceCount: 4, vpcConfig: { subnets: ['subnet-1'], securityGroupIds: [] } })} | ${"skipped: the job's VpcConfig lists no security groups"}
  `('$name → skip', ({ job, message }) => {
    expect(vpcMultiNodeTraffic.evaluate(job, withIngress(), ctx)).toMatchObject({ status: 'skip', message });
  });
});
