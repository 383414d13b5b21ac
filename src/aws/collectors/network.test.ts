import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { Filter, NatGateway, RouteTable, SecurityGroup, Subnet, VpcEndpoint } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

import { createNetworkCollector } from './network.js';

const ec2 = mockClient(EC2Client);
const clients = { ec2: new EC2Client({ region: 'us-east-1' }) };
const now = () => new Date('2026-11-29T10:00:00.000Z');

/** A small EC2 account: the fake answers ID lists and filters the way EC2 does, failing on unknown IDs. */
interface World {
  subnets: Subnet[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
  vpcEndpoints: VpcEndpoint[];
  natGateways: NatGateway[];
}

function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

const values = (filters: Filter[] | undefined, name: string) => filters?.find((filter) => filter.Name === name)?.Values;

function installFakeEc2(world: World, order: string[] = []): void {
  ec2.on(DescribeSubnetsCommand).callsFake(({ SubnetIds = [] }: { SubnetIds?: string[] }) => {
    order.push('DescribeSubnets');
    const missing = SubnetIds.find((id) => !world.subnets.some((subnet) => subnet.SubnetId === id));
    if (missing !== undefined) throw awsError('InvalidSubnetID.NotFound', `The subnet ID '${missing}' does not exist`);
    return { Subnets: world.subnets.filter((subnet) => SubnetIds.includes(subnet.SubnetId ?? '')) };
  });
  ec2.on(DescribeSecurityGroupsCommand).callsFake(({ GroupIds = [] }: { GroupIds?: string[] }) => {
    order.push('DescribeSecurityGroups');
    const missing = GroupIds.find((id) => !world.securityGroups.some((group) => group.GroupId === id));
    if (missing !== undefined) throw awsError('InvalidGroup.NotFound', `The security group '${missing}' does not exist`);
    return { SecurityGroups: world.securityGroups.filter((group) => GroupIds.includes(group.GroupId ?? '')) };
  });
  ec2.on(DescribeRouteTablesCommand).callsFake(({ Filters }: { Filters?: Filter[] }) => {
    const bySubnet = values(Filters, 'association.subnet-id');
    const byVpc = values(Filters, 'vpc-id');
    order.push(bySubnet ? 'DescribeRouteTables(subnet)' : 'DescribeRouteTables(main)');
    const tables = world.routeTables.filter((table) =>
      bySubnet
        ? table.Associations?.some((association) => bySubnet.includes(association.SubnetId ?? ''))
        : byVpc?.includes(table.VpcId ?? '') && table.Associations?.some((association) => association.Main),
    );
    return { RouteTables: tables };
  });
  ec2.on(DescribeVpcEndpointsCommand).callsFake(({ Filters }: { Filters?: Filter[] }) => {
    order.push('DescribeVpcEndpoints');
    return { VpcEndpoints: world.vpcEndpoints.filter((endpoint) => values(Filters, 'vpc-id')?.includes(endpoint.VpcId ?? '')) };
  });
  ec2.on(DescribeNatGatewaysCommand).callsFake(({ Filter: filters }: { Filter?: Filter[] }) => {
    order.push('DescribeNatGateways');
    return { NatGateways: world.natGateways.filter((gateway) => values(filters, 'vpc-id')?.includes(gateway.VpcId ?? '')) };
  });
}

const subnet = (id: string, vpcId = 'vpc-1'): Subnet => ({ SubnetId: id, VpcId: vpcId, CidrBlock: '10.0.0.0/24', AvailableIpAddressCount: 200 });
const group = (id: string): SecurityGroup => ({ GroupId: id, GroupName: id, VpcId: 'vpc-1', IpPermissions: [], IpPermissionsEgress: [] });
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
const emptyWorld = (): World => ({ subnets: [], routeTables: [], securityGroups: [], vpcEndpoints: [], natGateways: [] });
/** The inputs sent with one command class, in order. */
function inputs<C extends abstract new (...args: never[]) => { input: object }>(command: C): InstanceType<C>['input'][] {
  return ec2.commandCalls(command as never).map((call) => (call.args[0] as InstanceType<C>).input);
}

beforeEach(() => {
  ec2.reset();
});

describe('createNetworkCollector: one job', () => {
  const world: World = {
    subnets: [subnet('subnet-a'), subnet('subnet-b')],
    routeTables: [
      {
        RouteTableId: 'rtb-a',
        VpcId: 'vpc-1',
        Associations: [{ RouteTableAssociationId: 'rtbassoc-1', SubnetId: 'subnet-a', Main: false, AssociationState: { State: 'associated' } }],
        Routes: [
          { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
          { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active', Origin: 'CreateRoute' },
        ],
      },
      {
        RouteTableId: 'rtb-main',
        VpcId: 'vpc-1',
        Associations: [{ RouteTableAssociationId: 'rtbassoc-0', Main: true, AssociationState: { State: 'associated' } }],
        Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-9', State: 'active' }],
      },
    ],
    securityGroups: [group('sg-1')],
    vpcEndpoints: [
      { VpcEndpointId: 'vpce-s3', VpcId: 'vpc-1', ServiceName: 'com.amazonaws.us-east-1.s3', VpcEndpointType: 'Gateway', State: 'available' as VpcEndpoint['State'], RouteTableIds: ['rtb-a'] },
    ],
    natGateways: [{ NatGatewayId: 'nat-1', VpcId: 'vpc-1', SubnetId: 'subnet-pub', State: 'available' }],
  };

  it('builds the snapshot in two EC2 round trips', async () => {
    const order: string[] = [];
    installFakeEc2(world, order);
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] });

    const snapshot = network.snapshot();
    expect(snapshot.asOf).toBe('2026-11-29T10:00:00.000Z');
    expect(snapshot.subnets['subnet-a']).toMatchObject({ ok: true, value: { id: 'subnet-a', vpcId: 'vpc-1' } });
    expect(snapshot.explicitRouteTableBySubnet).toEqual({ 'subnet-a': { ok: true, value: 'rtb-a' }, 'subnet-b': { ok: true, value: null } });
    expect(snapshot.mainRouteTableByVpc).toEqual({ 'vpc-1': { ok: true, value: 'rtb-main' } });
    expect(Object.keys(snapshot.routeTables).sort()).toEqual(['rtb-a', 'rtb-main']);
    expect(snapshot.routeTables['rtb-main']?.routes).toEqual([
      { destinationCidrBlock: '0.0.0.0/0', destinationIpv6CidrBlock: undefined, destinationPrefixListId: undefined, target: 'igw-9', state: 'active', origin: undefined },
    ]);
    expect(snapshot.securityGroups['sg-1']).toMatchObject({ ok: true, value: { id: 'sg-1', ingress: [], egress: [] } });
    expect(snapshot.vpcEndpointsByVpc['vpc-1']).toMatchObject({ ok: true, value: [{ id: 'vpce-s3', type: 'Gateway', routeTableIds: ['rtb-a'] }] });
    expect(snapshot.natGatewaysByVpc['vpc-1']).toEqual({
      ok: true,
      value: [{ id: 'nat-1', vpcId: 'vpc-1', subnetId: 'subnet-pub', state: 'available', connectivityType: 'public' }],
    });
    // Round 1 (three calls in parallel), then round 2 (three calls in parallel).
    expect(order.slice(0, 3).sort()).toEqual(['DescribeRouteTables(subnet)', 'DescribeSecurityGroups', 'DescribeSubnets']);
    expect(order.slice(3).sort()).toEqual(['DescribeNatGateways', 'DescribeRouteTables(main)', 'DescribeVpcEndpoints']);
    expect(network.stats()).toEqual({
      DescribeSubnets: 1,
      DescribeRouteTables: 2,
      DescribeSecurityGroups: 1,
      DescribeVpcEndpoints: 1,
      DescribeNatGateways: 1,
    });
  });

  it('sends exactly the documented inputs', async () => {
    installFakeEc2(world);
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] });

    expect(inputs(DescribeSubnetsCommand)).toEqual([{ SubnetIds: ['subnet-a', 'subnet-b'] }]);
    expect(inputs(DescribeSecurityGroupsCommand)).toEqual([{ GroupIds: ['sg-1'] }]);
    expect(inputs(DescribeRouteTablesCommand)).toEqual([
      { Filters: [{ Name: 'association.subnet-id', Values: ['subnet-a', 'subnet-b'] }], MaxResults: 100 },
      {
        Filters: [
          { Name: 'vpc-id', Values: ['vpc-1'] },
          { Name: 'association.main', Values: ['true'] },
        ],
        MaxResults: 100,
      },
    ]);
    expect(inputs(DescribeVpcEndpointsCommand)).toEqual([{ Filters: [{ Name: 'vpc-id', Values: ['vpc-1'] }], MaxResults: 1000 }]);
    expect(inputs(DescribeNatGatewaysCommand)).toEqual([{ Filter: [{ Name: 'vpc-id', Values: ['vpc-1'] }], MaxResults: 1000 }]);
  });

  it('reads nothing twice: same IDs, duplicates, a new subnet in a known VPC', async () => {
    installFakeEc2({ ...world, subnets: [...world.subnets, subnet('subnet-c')] });
    const network = createNetworkCollector(clients, { now });
    await network.load({ subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] });
    const first = network.stats();

    await network.load({ subnets: ['subnet-b', 'subnet-a', 'subnet-a'], securityGroups: ['sg-1', 'sg-1'] });
    expect(network.stats()).toEqual(first);

    await network.load({ subnets: ['subnet-a', 'subnet-c'], securityGroups: [] });
    expect(inputs(DescribeSubnetsCommand).at(-1)).toEqual({ SubnetIds: ['subnet-c'] });
    expect(network.stats()).toMatchObject({ DescribeSubnets: 2, DescribeRouteTables: 3, DescribeVpcEndpoints: 1, DescribeNatGateways: 1 });
  });

  it('shares reads between concurrent loads', async () => {
    installFakeEc2(world);
    const network = createNetworkCollector(clients, { now });

    await Promise.all([
      network.load({ subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
      network.load({ subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] }),
    ]);

    expect(network.stats()).toMatchObject({ DescribeSubnets: 2, DescribeSecurityGroups: 1, DescribeVpcEndpoints: 1 });
    expect(network.snapshot().mainRouteTableByVpc['vpc-1']).toEqual({ ok: true, value: 'rtb-main' });
  });

  it('says whether a request is covered by what was read (or is being read)', async () => {
    installFakeEc2(world);
    const network = createNetworkCollector(clients, { now });
    expect(network.covers({ subnets: [], securityGroups: [] })).toBe(true);
    expect(network.covers({ subnets: ['subnet-a'], securityGroups: [] })).toBe(false);

    const loading = network.load({ subnets: ['subnet-a'], securityGroups: ['sg-1'] });
    expect(network.covers({ subnets: ['subnet-a', 'subnet-a'], securityGroups: ['sg-1'] })).toBe(true);
    await loading;

    expect(network.covers({ subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] })).toBe(false);
    expect(network.covers({ subnets: ['subnet-a'], securityGroups: ['sg-1', 'sg-2'] })).toBe(false);
  });

  it('makes no call at all for an empty request', async () => {
    installFakeEc2(world);
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: [], securityGroups: [] });
    await network.load({ subnets: [''], securityGroups: [''] });

    expect(ec2.calls()).toHaveLength(0);
    expect(network.stats()).toEqual({});
  });

  it('records null when no main table is visible (a VPC shared through RAM)', async () => {
    installFakeEc2({ ...world, routeTables: [] });
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: ['subnet-b'], securityGroups: [] });

    expect(network.snapshot().explicitRouteTableBySubnet['subnet-b']).toEqual({ ok: true, value: null });
    expect(network.snapshot().mainRouteTableByVpc['vpc-1']).toEqual({ ok: true, value: null });
  });

  it('follows NextToken on filter-based calls', async () => {
    installFakeEc2(world);
    ec2
      .on(DescribeRouteTablesCommand)
      .resolvesOnce({ RouteTables: [world.routeTables[0] as RouteTable], NextToken: 'rt-2' })
      .resolvesOnce({ RouteTables: [] })
      .resolves({ RouteTables: [world.routeTables[1] as RouteTable] });
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: ['subnet-a'], securityGroups: [] });

    expect(inputs(DescribeRouteTablesCommand)[1]).toEqual({
      Filters: [{ Name: 'association.subnet-id', Values: ['subnet-a'] }],
      MaxResults: 100,
      NextToken: 'rt-2',
    });
    expect(network.snapshot().explicitRouteTableBySubnet['subnet-a']).toEqual({ ok: true, value: 'rtb-a' });
  });
});

describe('createNetworkCollector: batching', () => {
  it('describes 2,500 subnets and security groups in batches of 1000/1000/500, filters in chunks of 200', async () => {
    const subnetIds = ids('subnet', 2500);
    const groupIds = ids('sg', 2500);
    installFakeEc2({ ...emptyWorld(), subnets: subnetIds.map((id, i) => subnet(id, `vpc-${i % 3}`)), securityGroups: groupIds.map(group) });
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: subnetIds, securityGroups: groupIds });

    expect(inputs(DescribeSubnetsCommand)).toEqual([
      { SubnetIds: subnetIds.slice(0, 1000) },
      { SubnetIds: subnetIds.slice(1000, 2000) },
      { SubnetIds: subnetIds.slice(2000) },
    ]);
    expect(inputs(DescribeSecurityGroupsCommand)).toEqual([
      { GroupIds: groupIds.slice(0, 1000) },
      { GroupIds: groupIds.slice(1000, 2000) },
      { GroupIds: groupIds.slice(2000) },
    ]);
    const associationCalls = inputs(DescribeRouteTablesCommand).filter((input) => values(input.Filters, 'association.subnet-id'));
    expect(associationCalls.map((input) => values(input.Filters, 'association.subnet-id')?.length)).toEqual(Array(13).fill(200).fill(100, 12));
    expect(inputs(DescribeVpcEndpointsCommand)).toEqual([{ Filters: [{ Name: 'vpc-id', Values: ['vpc-0', 'vpc-1', 'vpc-2'] }], MaxResults: 1000 }]);
    expect(Object.values(network.snapshot().subnets).every((fact) => fact.ok)).toBe(true);

    await network.load({ subnets: subnetIds, securityGroups: groupIds });
    expect(inputs(DescribeSubnetsCommand)).toHaveLength(3);
    expect(inputs(DescribeSecurityGroupsCommand)).toHaveLength(3);
  });
});

describe('createNetworkCollector: failures', () => {
  it('records the deleted subnet EC2 names and asks again for the rest: two calls', async () => {
    const present = ids('subnet', 7);
    installFakeEc2({ ...emptyWorld(), subnets: present.map((id) => subnet(id)) });
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: [...present.slice(0, 3), 'subnet-404', ...present.slice(3)], securityGroups: [] });

    const { subnets } = network.snapshot();
    expect(subnets['subnet-404']).toEqual({
      ok: false,
      error: { code: 'not_found', operation: 'ec2:DescribeSubnets', resource: 'subnet-404', message: 'subnet-404 was not found (ec2:DescribeSubnets).' },
    });
    expect(present.every((id) => subnets[id]?.ok)).toBe(true);
    expect(inputs(DescribeSubnetsCommand)).toEqual([{ SubnetIds: [...present.slice(0, 3), 'subnet-404', ...present.slice(3)] }, { SubnetIds: present }]);
  });

  it('trusts only exact IDs of the batch in the message', async () => {
    const present = ['subnet-1', 'subnet-12', 'subnet-123'];
    installFakeEc2({ ...emptyWorld(), subnets: present.map((id) => subnet(id)) });
    // EC2 naming both of two missing IDs at once, one of them a prefix of a present ID.
    ec2.on(DescribeSubnetsCommand, { SubnetIds: ['subnet-1', 'subnet-12', 'subnet-123', 'subnet-9', 'subnet-99'] }).rejectsOnce(
      awsError('InvalidSubnetID.NotFound', "The subnet IDs 'subnet-9, subnet-99' do not exist"),
    );
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: [...present, 'subnet-9', 'subnet-99'], securityGroups: [] });

    const { subnets } = network.snapshot();
    expect(Object.entries(subnets).map(([id, fact]) => [id, fact.ok])).toEqual([
      ['subnet-9', false],
      ['subnet-99', false],
      ['subnet-1', true],
      ['subnet-12', true],
      ['subnet-123', true],
    ]);
    expect(inputs(DescribeSubnetsCommand)).toHaveLength(2);
  });

  it('isolates a deleted subnet by halving the batch when the message names no ID of it', async () => {
    const present = ids('subnet', 7);
    installFakeEc2({ ...emptyWorld(), subnets: present.map((id) => subnet(id)) });
    ec2.on(DescribeSubnetsCommand).callsFake(({ SubnetIds = [] }: { SubnetIds?: string[] }) => {
      if (SubnetIds.includes('subnet-404')) throw awsError('InvalidSubnetID.NotFound', 'One or more subnets do not exist');
      return { Subnets: SubnetIds.map((id) => subnet(id)) };
    });
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: [...present.slice(0, 3), 'subnet-404', ...present.slice(3)], securityGroups: [] });

    const { subnets } = network.snapshot();
    expect(subnets['subnet-404']).toMatchObject({ ok: false, error: { code: 'not_found', resource: 'subnet-404' } });
    expect(present.every((id) => subnets[id]?.ok)).toBe(true);
    // 8 → 4 + 4 → 2 + 2 → 1 + 1: seven calls, not eight single ones.
    expect(inputs(DescribeSubnetsCommand)).toHaveLength(7);
  });

  it('isolates two deleted security groups among 1000 in k + 1 calls', async () => {
    const groupIds = ids('sg', 1000);
    const gone = new Set([groupIds[17], groupIds[900]]);
    installFakeEc2({ ...emptyWorld(), securityGroups: groupIds.filter((id) => !gone.has(id)).map(group) });
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: [], securityGroups: groupIds });

    const { securityGroups } = network.snapshot();
    const failed = Object.entries(securityGroups).filter(([, fact]) => !fact.ok);
    expect(failed.map(([id, fact]) => [id, !fact.ok && fact.error.code])).toEqual([...gone].map((id) => [id, 'not_found']));
    expect(Object.keys(securityGroups)).toHaveLength(1000);
    // The fake names one missing group per failure, as EC2 may: 1000 → 999 → 998.
    expect(inputs(DescribeSecurityGroupsCommand).map((input) => input.GroupIds?.length)).toEqual([1000, 999, 998]);
  });

  it('records not_found for an ID EC2 silently leaves out', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [subnet('subnet-a')] });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
    ec2.on(DescribeNatGatewaysCommand).resolves({ NatGateways: [] });
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: ['subnet-a', 'subnet-b'], securityGroups: [] });

    expect(network.snapshot().subnets['subnet-b']).toMatchObject({ ok: false, error: { code: 'not_found', resource: 'subnet-b' } });
  });

  it('records a denied DescribeRouteTables for every subnet and VPC it was about', async () => {
    installFakeEc2({ ...emptyWorld(), subnets: [subnet('subnet-a'), subnet('subnet-b', 'vpc-2')] });
    ec2.on(DescribeRouteTablesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: ['subnet-a', 'subnet-b'], securityGroups: [] });

    const snapshot = network.snapshot();
    for (const id of ['subnet-a', 'subnet-b']) {
      expect(snapshot.explicitRouteTableBySubnet[id]).toEqual({
        ok: false,
        error: {
          code: 'access_denied',
          operation: 'ec2:DescribeRouteTables',
          resource: id,
          message: `ec2:DescribeRouteTables was denied for ${id}: grant ec2:DescribeRouteTables to the bot's role (see iam-policy.json).`,
        },
      });
    }
    expect(snapshot.mainRouteTableByVpc['vpc-1']).toMatchObject({ ok: false, error: { code: 'access_denied', resource: 'vpc-1' } });
    expect(snapshot.mainRouteTableByVpc['vpc-2']).toMatchObject({ ok: false, error: { code: 'access_denied', resource: 'vpc-2' } });
    expect(snapshot.subnets['subnet-a']?.ok).toBe(true);
    expect(snapshot.vpcEndpointsByVpc['vpc-1']?.ok).toBe(true);
  });

  it('does not split a batch for an error that is not about one ID', async () => {
    ec2.on(DescribeSubnetsCommand).rejects(awsError('UnauthorizedOperation'));
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: ids('subnet', 10), securityGroups: [] });

    expect(inputs(DescribeSubnetsCommand)).toHaveLength(1);
    expect(Object.values(network.snapshot().subnets).map((fact) => !fact.ok && fact.error.code)).toEqual(Array(10).fill('access_denied'));
    // No VPC is known, so round 2 has nothing to ask.
    expect(ec2.commandCalls(DescribeVpcEndpointsCommand)).toHaveLength(0);
  });

  it('records a NAT gateway failure per VPC without touching the other facts', async () => {
    installFakeEc2({ ...emptyWorld(), subnets: [subnet('subnet-a')] });
    ec2.on(DescribeNatGatewaysCommand).rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.'));
    const network = createNetworkCollector(clients, { now });

    await network.load({ subnets: ['subnet-a'], securityGroups: [] });

    expect(network.snapshot().natGatewaysByVpc['vpc-1']).toMatchObject({ ok: false, error: { code: 'throttled', operation: 'ec2:DescribeNatGateways' } });
    expect(network.snapshot().vpcEndpointsByVpc['vpc-1']).toEqual({ ok: true, value: [] });
  });
});
