import { describe, expect, it } from 'vitest';
import { buildNetwork, buildRoute, buildRouteTable, buildSubnet, denied, patchNetwork } from '../testing/builders.js';
import { classifySubnet, describeTable } from './subnet-classification.js';

describe('classifySubnet', () => {
  const subnet = buildSubnet('subnet-1');

  it.each`
    name                                   | routes                                                                | classification | defaultTarget
    ${'NAT default route'}                 | ${[buildRoute('0.0.0.0/0', 'nat-1')]}                                 | ${'private'}   | ${'nat-1'}
    ${'IGW default route'}                 | ${[buildRoute('0.0.0.0/0', 'igw-9')]}                                 | ${'public'}    | ${'igw-9'}
    ${'IPv6 IGW route with NAT default'}   | ${[buildRoute('0.0.0.0/0', 'nat-1'), buildRoute('::/0', 'igw-9')]}    | ${'public'}    | ${'nat-1'}
    ${'no default route'}                  | ${[]}                                                                 | ${'private'}   | ${undefined}
    ${'unparseable IGW destination'}       | ${[buildRoute('???', 'igw-9')]}                                       | ${'unknown'}   | ${undefined}
  `('$name → $classification', ({ routes, classification, defaultTarget }) => {
    const network = buildNetwork({ subnets: [subnet], routeTables: [buildRouteTable('rtb-1', { main: true, routes })] });

    const result = classifySubnet('subnet-1', network);

    expect(result.classification).toBe(classification);
    expect(result.classification === 'unknown' ? undefined : result.defaultRoute?.target).toBe(defaultTarget);
  });

  it('lists the public routes with the table and whether it is the main table', () => {
    const network = buildNetwork({
      subnets: [subnet],
      routeTables: [buildRouteTable('rtb-3', { main: true, routes: [buildRoute('0.0.0.0/1', 'igw-9'), buildRoute('128.0.0.0/1', 'igw-9')] })],
    });

    const result = classifySubnet('subnet-1', network);

    expect(result.classification === 'public' && result.publicRoutes).toEqual([
      { subnetId: 'subnet-1', routeTableId: 'rtb-3', viaMainTable: true, gatewayId: 'igw-9', destination: '0.0.0.0/1' },
      { subnetId: 'subnet-1', routeTableId: 'rtb-3', viaMainTable: true, gatewayId: 'igw-9', destination: '128.0.0.0/1' },
    ]);
  });

  it('is unknown, with the reason, when the route table cannot be read', () => {
    const network = patchNetwork(buildNetwork({ subnets: [subnet] }), {
      explicitRouteTableBySubnet: { 'subnet-1': denied('ec2:DescribeRouteTables', 'subnet-1') },
    });

    expect(classifySubnet('subnet-1', network)).toMatchObject({
      classification: 'unknown',
      reason: 'ec2:DescribeRouteTables was denied for subnet-1; grant it to judge this subnet',
      resources: ['subnet-1'],
    });
  });
});

describe('describeTable', () => {
  it.each`
    viaMain  | expected
    ${true}  | ${"route table rtb-3 (the VPC's main table)"}
    ${false} | ${'route table rtb-3'}
  `('viaMainTable $viaMain → $expected', ({ viaMain, expected }) => {
    expect(describeTable('rtb-3', viaMain)).toBe(expected);
  });
});
