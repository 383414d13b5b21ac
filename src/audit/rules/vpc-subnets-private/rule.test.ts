import { describe, expect, it } from 'vitest';
import type { NetworkSnapshot, Route, TrainingJobSnapshot } from '../../model.js';
import {
  buildJob,
  buildNetwork,
  buildRoute,
  buildRouteTable,
  buildSubnet,
  ctx,
  denied,
  notFound,
  patchNetwork,
} from '../../testing/builders.js';
import { vpcSubnetsPrivate } from './rule.js';

const job = buildJob();

/** `subnet-1` in `vpc-1`, governed by the main table `rtb-3` with the given routes. */
function viaMain(...routes: Route[]): NetworkSnapshot {
  return buildNetwork({ subnets: [buildSubnet('subnet-1')], routeTables: [buildRouteTable('rtb-3', { main: true, routes })] });
}

/** `subnet-1` explicitly associated with `rtb-7` (routes given); the main table `rtb-3` routes to igw-9. */
function viaExplicit(...routes: Route[]): NetworkSnapshot {
  return buildNetwork({
    subnets: [buildSubnet('subnet-1')],
    routeTables: [
      buildRouteTable('rtb-3', { main: true, routes: [buildRoute('0.0.0.0/0', 'igw-9')] }),
      buildRouteTable('rtb-7', { subnets: ['subnet-1'], routes }),
    ],
  });
}

function sixteenSubnetsOnePublic(): { job: TrainingJobSnapshot; network: NetworkSnapshot } {
  const ids = Array.from({ length: 16 }, (_, i) => `subnet-${i + 1}`);
  return {
    job: buildJob({ vpcConfig: { subnets: ids, securityGroupIds: ['sg-1'] } }),
    network: buildNetwork({
      subnets: ids.map((id) => buildSubnet(id)),
      routeTables: [
        buildRouteTable('rtb-private', { main: true, routes: [buildRoute('0.0.0.0/0', 'nat-1')] }),
        buildRouteTable('rtb-public', { subnets: ['subnet-7'], routes: [buildRoute('0.0.0.0/0', 'igw-9')] }),
      ],
    }),
  };
}

const sixteen = sixteenSubnetsOnePublic();

describe('vpc-subnets-private', () => {
  it.each`
    name                                     | job              | network                                                                                   | status       | message
    ${'main-table fallback, private (NAT)'}  | ${job}           | ${viaMain(buildRoute('0.0.0.0/0', 'nat-1'))}                                              | ${'pass'}    | ${"subnet-1 is private: route table rtb-3 (the VPC's main table) has no route to an internet gateway (default route to NAT gateway nat-1)"}
    ${'main-table fallback, public'}         | ${job}           | ${viaMain(buildRoute('0.0.0.0/0', 'igw-9'))}                                              | ${'fail'}    | ${"subnet-1 is public by AWS's definition: route table rtb-3 (the VPC's main table) routes 0.0.0.0/0 to igw-9"}
    ${'explicit table beats public main'}    | ${job}           | ${viaExplicit(buildRoute('0.0.0.0/0', 'tgw-1'))}                                          | ${'pass'}    | ${'subnet-1 is private: route table rtb-7 has no route to an internet gateway (default route to transit gateway tgw-1)'}
    ${'explicit table, public'}              | ${job}           | ${viaExplicit(buildRoute('0.0.0.0/0', 'igw-2'))}                                          | ${'fail'}    | ${"subnet-1 is public by AWS's definition: route table rtb-7 routes 0.0.0.0/0 to igw-2"}
    ${'::/0 → eigw- (private)'}              | ${job}           | ${viaMain(buildRoute('0.0.0.0/0', 'nat-1'), buildRoute('::/0', 'eigw-1'))}               | ${'pass'}    | ${"subnet-1 is private: route table rtb-3 (the VPC's main table) has no route to an internet gateway (default route to NAT gateway nat-1)"}
    ${'::/0 → igw- (public)'}                | ${job}           | ${viaMain(buildRoute('0.0.0.0/0', 'nat-1'), buildRoute('::/0', 'igw-9'))}                | ${'fail'}    | ${"subnet-1 is public by AWS's definition: route table rtb-3 (the VPC's main table) routes ::/0 to igw-9"}
    ${'blackhole IGW route ignored'}         | ${job}           | ${viaMain(buildRoute('0.0.0.0/0', 'igw-9', { state: 'blackhole' }))}                      | ${'pass'}    | ${"subnet-1 is private: route table rtb-3 (the VPC's main table) has no route to an internet gateway (no default route)"}
    ${'IGW route for a narrow private CIDR'} | ${job}           | ${viaMain(buildRoute('10.0.0.0/8', 'igw-9'), buildRoute('0.0.0.0/0', 'nat-1'))}          | ${'pass'}    | ${"subnet-1 is private: route table rtb-3 (the VPC's main table) has no route to an internet gateway (default route to NAT gateway nat-1)"}
    ${'split default routes'}                | ${job}           | ${viaMain(buildRoute('0.0.0.0/1', 'igw-9'), buildRoute('128.0.0.0/1', 'igw-9'))}          | ${'fail'}    | ${"subnet-1 is public by AWS's definition: route table rtb-3 (the VPC's main table) routes 0.0.0.0/1 and 128.0.0.0/1 to igw-9"}
    ${'prefix-list route to igw'}            | ${job}           | ${viaMain(buildRoute('0.0.0.0/0', 'nat-1'), buildRoute('pl-63a5400a', 'igw-9'))}         | ${'fail'}    | ${"subnet-1 is public by AWS's definition: route table rtb-3 (the VPC's main table) routes pl-63a5400a to igw-9"}
    ${'specific public range to igw'}        | ${job}           | ${viaMain(buildRoute('198.51.100.0/24', 'igw-9'))}                                        | ${'fail'}    | ${"subnet-1 is public by AWS's definition: route table rtb-3 (the VPC's main table) routes 198.51.100.0/24 to igw-9"}
    ${'16 subnets, one public'}              | ${sixteen.job}   | ${sixteen.network}                                                                        | ${'fail'}    | ${"subnet-7 is public by AWS's definition: route table rtb-public routes 0.0.0.0/0 to igw-9"}
  `('$name → $status', ({ job, network, status, message }) => {
    const finding = vpcSubnetsPrivate.evaluate(job, network, ctx);

    expect(finding).toMatchObject({ rule: 'vpc-subnets-private', status, severity: 'high', message });
  });

  const natOnly = viaMain(buildRoute('0.0.0.0/0', 'nat-1'));
  const ramShared = buildNetwork({ subnets: [buildSubnet('subnet-1', { ownerId: '999988887777' })] });

  it.each`
    name                                         | network                                                                                                                  | message
    ${'deleted subnet'}                          | ${patchNetwork(natOnly, { subnets: { 'subnet-1': notFound('ec2:DescribeSubnets', 'subnet-1') } })}                        | ${'subnet-1 was not found (ec2:DescribeSubnets); it may have been deleted'}
    ${'AccessDenied on DescribeRouteTables'}     | ${patchNetwork(natOnly, { explicitRouteTableBySubnet: { 'subnet-1': denied('ec2:DescribeRouteTables', 'subnet-1') } })}   | ${'ec2:DescribeRouteTables was denied for subnet-1; grant it to judge this subnet'}
    ${'RAM-shared subnet, no visible table'}     | ${ramShared}                                                                                                             | ${'no route table is visible for subnet-1: it has no explicit association and the main table of vpc-1 cannot be seen; the subnet is owned by account 999988887777 (likely shared through AWS RAM): audit it from that account'}
  `('$name → unknown', ({ network, message }) => {
    const finding = vpcSubnetsPrivate.evaluate(job, network, ctx);

    expect(finding).toMatchObject({ status: 'unknown', message });
  });

  it.each`
    name                          | job                                                                               | message
    ${'no VpcConfig'}             | ${buildJob({ vpcConfig: undefined })}                                             | ${'skipped because vpc-configured failed: the job has no VpcConfig'}
    ${'empty Subnets'}            | ${buildJob({ vpcConfig: { subnets: [], securityGroupIds: ['sg-1'] } })}           | ${"skipped because vpc-configured failed: the job's VpcConfig lists no subnets"}
    ${'empty SecurityGroupIds'}   | ${buildJob({ vpcConfig: { subnets: ['subnet-1'], securityGroupIds: [] } })}      | ${"skipped because vpc-configured failed: the job's VpcConfig lists no security groups"}
  `('$name → skip', ({ job, message }) => {
    expect(vpcSubnetsPrivate.evaluate(job, viaMain(), ctx)).toMatchObject({ status: 'skip', message });
  });

  it('records every public route and the private subnets as evidence', () => {
    const finding = vpcSubnetsPrivate.evaluate(sixteen.job, sixteen.network, ctx);

    expect(finding.evidence).toEqual({
      rule: 'vpc-subnets-private',
      publicRoutes: [{ subnetId: 'subnet-7', routeTableId: 'rtb-public', viaMainTable: false, gatewayId: 'igw-9', destination: '0.0.0.0/0' }],
      privateSubnets: sixteen.job.vpcConfig?.subnets.filter((id) => id !== 'subnet-7'),
    });
    expect(finding.resources).toEqual(['subnet-7', 'rtb-public', 'igw-9']);
  });

  it('still fails on a public subnet when another cannot be read, and notes the unreadable one', () => {
    const network = patchNetwork(viaMain(buildRoute('0.0.0.0/0', 'igw-9')), {
      subnets: { 'subnet-2': notFound('ec2:DescribeSubnets', 'subnet-2') },
    });
    const twoSubnets = buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] } });

    const finding = vpcSubnetsPrivate.evaluate(twoSubnets, network, ctx);

    expect(finding.status).toBe('fail');
    expect(finding.notes).toContain('subnet-2 was not found (ec2:DescribeSubnets); it may have been deleted');
  });

  it('names several public subnets and counts them', () => {
    const network = buildNetwork({
      subnets: [buildSubnet('subnet-1'), buildSubnet('subnet-2')],
      routeTables: [buildRouteTable('rtb-3', { main: true, routes: [buildRoute('0.0.0.0/0', 'igw-9')] })],
    });
    const twoSubnets = buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] } });

    expect(vpcSubnetsPrivate.evaluate(twoSubnets, network, ctx).message).toBe(
      "2 of 2 subnets are public by AWS's definition: for subnet-1 and subnet-2, route table rtb-3 (the VPC's main table) routes 0.0.0.0/0 to igw-9",
    );
  });

  it.each`
    name                              | subnet                                                           | routes                                      | instances | note
    ${'MapPublicIpOnLaunch'}          | ${buildSubnet('subnet-1', { mapPublicIpOnLaunch: true })}         | ${[buildRoute('0.0.0.0/0', 'nat-1')]}       | ${1}      | ${'subnet-1 sets MapPublicIpOnLaunch; this is information only, because training network interfaces only get private IP addresses'}
    ${'too few free IP addresses'}    | ${buildSubnet('subnet-1', { availableIpAddressCount: 5 })}       | ${[buildRoute('0.0.0.0/0', 'nat-1')]}       | ${4}      | ${'subnet-1 has 5 free IP addresses; 4 instances need at least 8 (2 per instance, 5 per instance with EFA)'}
    ${'unrecognised default next hop'} | ${buildSubnet('subnet-1')}                                       | ${[buildRoute('0.0.0.0/0', 'cagw-1')]}      | ${1}      | ${"subnet-1's default route goes to unrecognised next hop cagw-1 (rtb-3); it is not an internet gateway, so it is not judged public"}
  `('notes $name without changing the status', ({ subnet, routes, instances, note }) => {
    const network = buildNetwork({ subnets: [subnet], routeTables: [buildRouteTable('rtb-3', { main: true, routes })] });

    const finding = vpcSubnetsPrivate.evaluate(buildJob({ instanceCount: instances }), network, ctx);

    expect(finding.status).toBe('pass');
    expect(finding.notes).toEqual([note]);
  });

  it('groups the subnets short of free IP addresses into one note', () => {
    const network = buildNetwork({
      subnets: [buildSubnet('subnet-1', { availableIpAddressCount: 6 }), buildSubnet('subnet-2', { availableIpAddressCount: 3 }), buildSubnet('subnet-3')],
      routeTables: [buildRouteTable('rtb-3', { main: true, routes: [buildRoute('0.0.0.0/0', 'nat-1')] })],
    });
    const threeSubnets = buildJob({ instanceCount: 4, vpcConfig: { subnets: ['subnet-1', 'subnet-2', 'subnet-3'], securityGroupIds: ['sg-1'] } });

    expect(vpcSubnetsPrivate.evaluate(threeSubnets, network, ctx).notes).toEqual([
      'subnet-1 and subnet-2 have fewer than 8 free IP addresses (fewest: 3 in subnet-2); 4 instances need 2 each (5 each with EFA)',
    ]);
  });

  it('groups private subnets by route table and names each next hop', () => {
    const network = buildNetwork({
      subnets: [buildSubnet('subnet-1'), buildSubnet('subnet-2'), buildSubnet('subnet-3')],
      routeTables: [
        buildRouteTable('rtb-main', { main: true, routes: [buildRoute('0.0.0.0/0', 'nat-1')] }),
        buildRouteTable('rtb-a', { subnets: ['subnet-2'], routes: [buildRoute('0.0.0.0/0', 'tgw-1')] }),
      ],
    });
    const threeSubnets = buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2', 'subnet-3'], securityGroupIds: ['sg-1'] } });

    expect(vpcSubnetsPrivate.evaluate(threeSubnets, network, ctx).message).toBe(
      "3 subnets are private, none routes to an internet gateway: subnet-1 and subnet-3 via route table rtb-main (the VPC's main table), " +
        'default route to NAT gateway nat-1; subnet-2 via route table rtb-a, default route to transit gateway tgw-1',
    );
  });

  it('has no notes when there is nothing to say', () => {
    expect(vpcSubnetsPrivate.evaluate(job, viaMain(buildRoute('0.0.0.0/0', 'nat-1')), ctx).notes).toBeUndefined();
  });
});
