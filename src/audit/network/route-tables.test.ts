import { describe, expect, it } from 'vitest';
import type { NetworkSnapshot, Route } from '../model.js';
import {
  buildNetwork,
  buildRoute,
  buildRouteTable,
  buildSubnet,
  denied,
  notFound,
  ok,
  patchNetwork,
} from '../testing/builders.js';
import {
  classifyNextHop,
  defaultRouteTarget,
  effectiveRouteTable,
  publicRoutes,
  routeDestination,
  unjudgedGatewayRoutes,
} from './route-tables.js';

function tableWith(...routes: Route[]) {
  return buildRouteTable('rtb-1', { routes });
}

describe('publicRoutes', () => {
  it.each`
    name                                   | routes                                                                                               | expected
    ${'IPv4 default to igw'}               | ${[buildRoute('0.0.0.0/0', 'igw-9')]}                                                               | ${['0.0.0.0/0']}
    ${'IPv6 default to igw'}               | ${[buildRoute('::/0', 'igw-9')]}                                                                    | ${['::/0']}
    ${'split defaults to igw'}             | ${[buildRoute('0.0.0.0/1', 'igw-9'), buildRoute('128.0.0.0/1', 'igw-9')]}                            | ${['0.0.0.0/1', '128.0.0.0/1']}
    ${'specific public range to igw'}      | ${[buildRoute('203.0.113.0/24', 'igw-9')]}                                                          | ${['203.0.113.0/24']}
    ${'prefix list to igw'}                | ${[buildRoute('pl-12345', 'igw-9')]}                                                                | ${['pl-12345']}
    ${'narrow private range to igw'}       | ${[buildRoute('10.0.0.0/8', 'igw-9'), buildRoute('fd00::/8', 'igw-9')]}                              | ${[]}
    ${'blackhole default to igw'}          | ${[buildRoute('0.0.0.0/0', 'igw-9', { state: 'blackhole' })]}                                      | ${[]}
    ${'NAT default'}                       | ${[buildRoute('0.0.0.0/0', 'nat-1')]}                                                               | ${[]}
    ${'IPv6 default to egress-only IGW'}   | ${[buildRoute('::/0', 'eigw-1')]}                                                                   | ${[]}
    ${'transit, peering, endpoint, vgw'}   | ${[buildRoute('0.0.0.0/0', 'tgw-1'), buildRoute('::/0', 'vpce-1'), buildRoute('1.0.0.0/8', 'pcx-1'), buildRoute('2.0.0.0/8', 'vgw-1')]} | ${[]}
    ${'only the local route'}              | ${[]}                                                                                                | ${[]}
  `('$name → $expected', ({ routes, expected }) => {
    expect(publicRoutes(tableWith(...routes)).map(routeDestination)).toEqual(expected);
  });

  it('sets aside an igw route whose destination cannot be parsed', () => {
    const table = tableWith(buildRoute('0.0.0.0/0', 'nat-1'), buildRoute('not-a-cidr', 'igw-9'));

    expect(publicRoutes(table)).toEqual([]);
    expect(unjudgedGatewayRoutes(table).map(routeDestination)).toEqual(['not-a-cidr']);
  });
});

describe('defaultRouteTarget', () => {
  it.each`
    name                          | routes                                                                                        | expected
    ${'IPv4 default'}             | ${[buildRoute('0.0.0.0/0', 'nat-1'), buildRoute('::/0', 'eigw-1')]}                          | ${'nat-1'}
    ${'IPv6 default only'}        | ${[buildRoute('::/0', 'eigw-1')]}                                                            | ${'eigw-1'}
    ${'blackhole default ignored'} | ${[buildRoute('0.0.0.0/0', 'nat-gone', { state: 'blackhole' })]}                            | ${undefined}
    ${'no default'}               | ${[buildRoute('192.168.0.0/16', 'pcx-1')]}                                                   | ${undefined}
  `('$name → $expected', ({ routes, expected }) => {
    expect(defaultRouteTarget(tableWith(...routes))).toBe(expected);
  });
});

describe('classifyNextHop', () => {
  it.each`
    target                                               | kind                              | exposure          | label
    ${'igw-9'}                                           | ${'internet-gateway'}             | ${'public'}       | ${'internet gateway igw-9'}
    ${'nat-1'}                                           | ${'nat-gateway'}                  | ${'private'}      | ${'NAT gateway nat-1'}
    ${'eigw-1'}                                          | ${'egress-only-internet-gateway'} | ${'private'}      | ${'egress-only internet gateway eigw-1'}
    ${'tgw-1'}                                           | ${'transit-gateway'}              | ${'private'}      | ${'transit gateway tgw-1'}
    ${'pcx-1'}                                           | ${'vpc-peering'}                  | ${'private'}      | ${'VPC peering connection pcx-1'}
    ${'vpce-1'}                                          | ${'vpc-endpoint'}                 | ${'private'}      | ${'VPC endpoint vpce-1'}
    ${'eni-1'}                                           | ${'network-interface'}            | ${'private'}      | ${'network interface eni-1'}
    ${'i-0abc'}                                          | ${'instance'}                     | ${'private'}      | ${'instance i-0abc'}
    ${'vgw-1'}                                           | ${'virtual-private-gateway'}      | ${'private'}      | ${'virtual private gateway vgw-1'}
    ${'local'}                                           | ${'local'}                        | ${'private'}      | ${'local (inside the VPC)'}
    ${'lgw-1'}                                           | ${'unrecognised'}                 | ${'unrecognised'} | ${'unrecognised next hop lgw-1'}
    ${'cagw-1'}                                          | ${'unrecognised'}                 | ${'unrecognised'} | ${'unrecognised next hop cagw-1'}
    ${'arn:aws:networkmanager::1:core-network/core-1'}   | ${'unrecognised'}                 | ${'unrecognised'} | ${'unrecognised next hop arn:aws:networkmanager::1:core-network/core-1'}
  `('$target → $kind', ({ target, kind, exposure, label }) => {
    expect(classifyNextHop(target)).toEqual({ target, kind, exposure, label });
  });
});

describe('effectiveRouteTable', () => {
  const explicitTable = buildRouteTable('rtb-explicit', { subnets: ['subnet-1'] });
  const mainTable = buildRouteTable('rtb-main', { main: true });
  const base = buildNetwork({ subnets: [buildSubnet('subnet-1')], routeTables: [explicitTable, mainTable] });

  function resolve(network: NetworkSnapshot) {
    const result = effectiveRouteTable('subnet-1', network);
    return result.ok
      ? { table: result.table.id, viaMainTable: result.viaMainTable }
      : { reason: result.reason, message: result.message, resources: result.resources };
  }

  it.each`
    name                                              | network                                                                                                                 | expected
    ${'explicit association'}                         | ${base}                                                                                                                 | ${{ table: 'rtb-explicit', viaMainTable: false }}
    ${'no association → main table'}                  | ${buildNetwork({ subnets: [buildSubnet('subnet-1')], routeTables: [mainTable] })}                                        | ${{ table: 'rtb-main', viaMainTable: true }}
    ${'edge association does not count'}              | ${buildNetwork({ subnets: [buildSubnet('subnet-1')], routeTables: [mainTable, buildRouteTable('rtb-edge', { associations: [{ gatewayId: 'igw-9', main: false, state: 'associated' }] })] })} | ${{ table: 'rtb-main', viaMainTable: true }}
    ${'disassociated association → main table'}       | ${buildNetwork({ subnets: [buildSubnet('subnet-1')], routeTables: [mainTable, buildRouteTable('rtb-old', { associations: [{ subnetId: 'subnet-1', main: false, state: 'disassociated' }] })] })} | ${{ table: 'rtb-main', viaMainTable: true }}
    ${'association with no state counts'}             | ${buildNetwork({ subnets: [buildSubnet('subnet-1')], routeTables: [mainTable, buildRouteTable('rtb-x', { associations: [{ subnetId: 'subnet-1', main: false }] })] })} | ${{ table: 'rtb-x', viaMainTable: false }}
    ${'explicit lookup names a table'}                | ${patchNetwork(buildNetwork({ subnets: [buildSubnet('subnet-1')], routeTables: [mainTable, buildRouteTable('rtb-y')] }), { explicitRouteTableBySubnet: { 'subnet-1': ok('rtb-y') } })} | ${{ table: 'rtb-y', viaMainTable: false }}
  `('$name', ({ network, expected }) => {
    expect(resolve(network)).toEqual(expected);
  });

  it.each`
    name                                  | patch                                                                                             | reason                 | message
    ${'deleted subnet'}                   | ${{ subnets: { 'subnet-1': notFound('ec2:DescribeSubnets', 'subnet-1') } }}                       | ${'subnet-unreadable'} | ${'subnet-1 was not found (ec2:DescribeSubnets); it may have been deleted'}
    ${'subnet never looked up'}           | ${{ subnets: {} }}                                                                                | ${'subnet-unreadable'} | ${'ec2:DescribeSubnets failed for subnet-1: it is not in the collected network snapshot (it was not looked up)'}
    ${'DescribeRouteTables denied'}       | ${{ routeTables: {}, explicitRouteTableBySubnet: { 'subnet-1': denied('ec2:DescribeRouteTables', 'subnet-1') } }} | ${'lookup-failed'} | ${'ec2:DescribeRouteTables was denied for subnet-1; grant it to judge this subnet'}
    ${'main-table lookup denied'}         | ${{ routeTables: {}, explicitRouteTableBySubnet: { 'subnet-1': ok(null) }, mainRouteTableByVpc: { 'vpc-1': denied('ec2:DescribeRouteTables', 'vpc-1') } }} | ${'lookup-failed'} | ${'ec2:DescribeRouteTables was denied for the main route table of vpc-1 (for subnet-1); grant it to judge this subnet'}
    ${'explicit table not read'}          | ${{ routeTables: {}, explicitRouteTableBySubnet: { 'subnet-1': ok('rtb-gone') } }}                | ${'lookup-failed'}     | ${'ec2:DescribeRouteTables failed for route table rtb-gone (of subnet-1): it is not in the collected network snapshot (it was not looked up)'}
  `('$name → $reason', ({ patch, reason, message }) => {
    const network: NetworkSnapshot = { ...base, ...patch };

    const result = resolve(network);

    expect(result).toMatchObject({ reason, message });
  });

  it('names the owner account when no table is visible (RAM-shared subnet)', () => {
    const shared = buildNetwork({ subnets: [buildSubnet('subnet-1', { ownerId: '999988887777', vpcId: 'vpc-shared' })] });

    expect(resolve(shared)).toEqual({
      reason: 'no-table-visible',
      message:
        "no route table is visible for subnet-1: it has no explicit association and the main table of vpc-shared cannot be seen; " +
        'the subnet is owned by account 999988887777 (likely shared through AWS RAM): audit it from that account',
      resources: ['subnet-1', 'vpc-shared', '999988887777'],
    });
  });

  it('carries the collector error', () => {
    const network = { ...base, explicitRouteTableBySubnet: { 'subnet-1': denied('ec2:DescribeRouteTables', 'subnet-1') }, routeTables: {} };

    const result = effectiveRouteTable('subnet-1', network);

    expect(result.ok ? undefined : result.error?.code).toBe('access_denied');
  });
});
