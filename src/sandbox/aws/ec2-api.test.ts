// EC2 describes through the real SDK v3 client: shapes, ID lists, filters, pagination, errors.
import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxClientConfig } from './client-config.js';
import { SANDBOX_IDS, SHARED_VPC_OWNER } from './scenario-network.js';
import { createSandboxWorld } from './scenarios.js';
import { startSandboxAws, type SandboxAws } from './server.js';

const { subnets: sn, routeTables: rt, securityGroups: sg, vpcs, gateways: gw, endpoints: ep } = SANDBOX_IDS;
const world = createSandboxWorld({ now: new Date('2026-11-29T10:00:00Z') });
let aws: SandboxAws;
let ec2: EC2Client;

beforeAll(async () => {
  aws = await startSandboxAws({ world });
  ec2 = new EC2Client(sandboxClientConfig(aws.url, 'us-east-1'));
});
afterAll(async () => {
  ec2.destroy();
  await aws.close();
});
beforeEach(() => world.reset());

describe('DescribeSubnets', () => {
  it('returns the subnet as EC2 describes it', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [sn.publicExplicit, sn.shared] }));
    expect(out.Subnets?.map((s) => s.SubnetId)).toEqual([sn.publicExplicit, sn.shared]);
    expect(out.Subnets?.[0]).toMatchObject({
      VpcId: vpcs.prod, CidrBlock: '10.0.101.0/24', AvailabilityZone: 'us-east-1b', MapPublicIpOnLaunch: true,
      AvailableIpAddressCount: 243, OwnerId: '123456789012', State: 'available',
      Ipv6CidrBlockAssociationSet: [expect.objectContaining({ Ipv6CidrBlock: '2600:1f18:4a3:6e65::/64' })],
      Tags: [{ Key: 'Name', Value: 'ml-prod-public' }],
    });
    expect(out.Subnets?.[1]?.OwnerId).toBe(SHARED_VPC_OWNER);
  });

  it('pages every subnet of the region with paginateDescribeSubnets (MaxResults 5)', async () => {
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeSubnets({ client: ec2, pageSize: 5 }, {})) {
      pages++;
      ids.push(...(page.Subnets ?? []).map((s) => s.SubnetId ?? ''));
    }
    expect(ids).toEqual([...world.network('us-east-1').subnets.keys()]);
    expect(pages).toBe(Math.ceil(ids.length / 5));
  });

  it('filters by vpc-id and wildcards, ORing values and ANDing filters', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({
      Filters: [{ Name: 'vpc-id', Values: [vpcs.prod, vpcs.shared] }, { Name: 'tag:Name', Values: ['*-private-?', 'shared-*'] }],
    }));
    expect(out.Subnets?.map((s) => s.SubnetId)).toEqual([sn.privateA, sn.privateB, sn.shared]);
  });
});

describe('DescribeRouteTables', () => {
  it('finds the explicitly associated table by association.subnet-id, with every route target kind', async () => {
    const out = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [sn.privateA] }] }));
    const table = out.RouteTables?.[0];
    expect(out.RouteTables).toHaveLength(1);
    expect(table?.RouteTableId).toBe(rt.privateA);
    expect(table?.Associations).toEqual([expect.objectContaining({ SubnetId: sn.privateA, Main: false, AssociationState: { State: 'associated' } })]);
    expect(table?.Routes).toEqual(expect.arrayContaining([
      expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: gw.natPublic, State: 'active' }),
      expect.objectContaining({ DestinationPrefixListId: 'pl-63a5400a', GatewayId: ep.s3Gateway }),
      expect.objectContaining({ DestinationCidrBlock: '10.100.0.0/16', TransitGatewayId: gw.tgw }),
      expect.objectContaining({ DestinationCidrBlock: '172.16.0.0/16', VpcPeeringConnectionId: gw.pcx }),
      expect.objectContaining({ GatewayId: gw.vgw, Origin: 'EnableVgwRoutePropagation' }),
      expect.objectContaining({ NetworkInterfaceId: gw.applianceEni }),
      expect.objectContaining({ InstanceId: gw.proxyInstance, InstanceOwnerId: '123456789012' }),
      expect.objectContaining({ CoreNetworkArn: expect.stringContaining('core-network') }),
    ]));
  });

  it("finds a subnet's implicit table through vpc-id + association.main", async () => {
    const explicit = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [sn.publicMain] }] }));
    const main = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcs.prod] }, { Name: 'association.main', Values: ['true'] }] }));
    expect(explicit.RouteTables).toEqual([]);
    expect(main.RouteTables?.map((t) => t.RouteTableId)).toEqual([rt.main]);
    expect(main.RouteTables?.[0]?.Routes).toContainEqual(expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: gw.igw }));
  });

  it('shows blackhole routes, edge associations, and no table at all for a RAM-shared subnet', async () => {
    const out = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [rt.blackhole, rt.edge] }));
    expect(out.RouteTables?.[0]?.Routes).toContainEqual(expect.objectContaining({ DestinationIpv6CidrBlock: '::/0', GatewayId: gw.oldIgw, State: 'blackhole' }));
    expect(out.RouteTables?.[1]?.Associations).toEqual([expect.objectContaining({ GatewayId: gw.igw, Main: false })]);
    expect(out.RouteTables?.[1]?.Associations?.[0]?.SubnetId).toBeUndefined();
    const shared = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcs.shared] }] }));
    expect(shared.RouteTables).toEqual([]);
  });

  it('pages with MaxResults up to 100 and rejects 101', async () => {
    const ids: string[] = [];
    for await (const page of paginateDescribeRouteTables({ client: ec2, pageSize: 5 }, {})) ids.push(...(page.RouteTables ?? []).map((t) => t.RouteTableId ?? ''));
    expect(ids).toHaveLength(world.network('us-east-1').routeTables.size);
    await expect(ec2.send(new DescribeRouteTablesCommand({ MaxResults: 101 }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('DescribeSecurityGroups', () => {
  it('returns ingress with group pairs (self, cross-account peering), prefix lists and omitted ports for -1', async () => {
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg.distributed] }));
    const group = out.SecurityGroups?.[0];
    expect(group).toMatchObject({ GroupName: 'training-distributed', VpcId: vpcs.prod, Description: 'Distributed training with encryption' });
    expect(group?.IpPermissions?.[0]).toEqual({
      IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [],
      UserIdGroupPairs: [{ GroupId: sg.distributed, UserId: '123456789012', Description: 'NCCL/MPI between nodes' }],
    });
    expect(group?.IpPermissions).toContainEqual(expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: SANDBOX_IDS.prefixLists.corp, Description: 'corporate proxies' }] }));
    expect(group?.IpPermissions).toContainEqual(expect.objectContaining({
      FromPort: 22, UserIdGroupPairs: [expect.objectContaining({ UserId: '111122223333', VpcPeeringConnectionId: gw.pcx, PeeringStatus: 'active' })],
    }));
    expect(group?.IpPermissionsEgress).toEqual([expect.objectContaining({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })]);
  });

  it.each([
    ['group-name', 'default', [sg.prodDefault, sg.defaultVpc]],
    ['ip-permission.cidr', '0.0.0.0/0', [sg.openSsh]],
    ['ip-permission.group-id', sg.portsOnly, [sg.portsOnly]],
    ['egress.ip-permission.cidr', '0.0.0.0/0', [sg.training, sg.openSsh, sg.portsOnly, sg.distributed, sg.prodDefault, sg.shared, sg.defaultVpc]],
  ])('filters by %s', async (name, value, expected) => {
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: name, Values: [value] }] }));
    expect(out.SecurityGroups?.map((g) => g.GroupId)).toEqual(expected);
  });

  it('resolves GroupNames in the default VPC', async () => {
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }));
    expect(out.SecurityGroups?.map((g) => g.GroupId)).toEqual([sg.defaultVpc]);
  });
});

describe('DescribeVpcEndpoints, DescribeNatGateways, DescribeVpcs', () => {
  it('filters endpoints by vpc-id, service-name and vpc-endpoint-type', async () => {
    const out = await ec2.send(new DescribeVpcEndpointsCommand({
      Filters: [{ Name: 'vpc-id', Values: [vpcs.prod] }, { Name: 'service-name', Values: ['com.amazonaws.us-east-1.s3'] }, { Name: 'vpc-endpoint-type', Values: ['Gateway'] }],
    }));
    expect(out.VpcEndpoints).toEqual([expect.objectContaining({
      VpcEndpointId: ep.s3Gateway, State: 'available', RouteTableIds: [rt.main, rt.privateA, rt.privateB, rt.blackhole],
    })]);
  });

  it('filters NAT gateways with the singular Filter member and reports connectivity', async () => {
    const out = await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpcs.prod] }, { Name: 'state', Values: ['available'] }] }));
    expect(out.NatGateways?.map((n) => [n.NatGatewayId, n.ConnectivityType])).toEqual([[gw.natPublic, 'public'], [gw.natPrivate, 'private']]);
    expect(out.NatGateways?.[0]?.NatGatewayAddresses?.[0]?.PublicIp).toBe('54.210.33.17');
  });

  it('lists VPCs including the shared one and the default VPC', async () => {
    const out = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }));
    expect(out.Vpcs?.map((v) => [v.VpcId, v.OwnerId])).toEqual([[vpcs.prod, '123456789012'], [vpcs.shared, SHARED_VPC_OWNER]]);
  });
});

describe('errors', () => {
  const missing = { subnet: 'subnet-0123456789abcdef0', sg: 'sg-0123456789abcdef0' };
  it.each([
    ['DescribeSubnets', () => new DescribeSubnetsCommand({ SubnetIds: [sn.privateA, missing.subnet] }), 'InvalidSubnetID.NotFound', missing.subnet],
    ['DescribeSecurityGroups', () => new DescribeSecurityGroupsCommand({ GroupIds: [missing.sg] }), 'InvalidGroup.NotFound', missing.sg],
    ['DescribeRouteTables', () => new DescribeRouteTablesCommand({ RouteTableIds: ['rtb-0123456789abcdef0'] }), 'InvalidRouteTableID.NotFound', 'rtb-0123456789abcdef0'],
    ['DescribeVpcEndpoints', () => new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] }), 'InvalidVpcEndpointId.NotFound', 'vpce-0123456789abcdef0'],
    ['DescribeNatGateways', () => new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0123456789abcdef0'] }), 'NatGatewayNotFound', 'nat-0123456789abcdef0'],
    ['DescribeVpcs', () => new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] }), 'InvalidVpcID.NotFound', 'vpc-0123456789abcdef0'],
    ['DescribeSubnets malformed', () => new DescribeSubnetsCommand({ SubnetIds: ['subnet-xyz'] }), 'InvalidSubnetID.Malformed', 'subnet-xyz'],
    ['DescribeSecurityGroups malformed', () => new DescribeSecurityGroupsCommand({ GroupIds: ['training'] }), 'InvalidGroupId.Malformed', 'training'],
    ['DescribeRouteTables malformed', () => new DescribeRouteTablesCommand({ RouteTableIds: ['rtb-1'] }), 'InvalidRouteTableId.Malformed', 'rtb-1'],
    ['DescribeVpcs malformed', () => new DescribeVpcsCommand({ VpcIds: ['vpc-nope'] }), 'InvalidVpcID.Malformed', 'vpc-nope'],
    ['an unknown filter', () => new DescribeSubnetsCommand({ Filters: [{ Name: 'subnet-colour', Values: ['red'] }] }), 'InvalidParameterValue', 'subnet-colour'],
    ['MaxResults below 5', () => new DescribeSubnetsCommand({ MaxResults: 4 }), 'InvalidParameterValue', 'greater than or equal to 5'],
    ['MaxResults with GroupIds', () => new DescribeSecurityGroupsCommand({ GroupIds: [sg.training], MaxResults: 5 }), 'InvalidParameterCombination', 'securityGroupIdSet'],
    ['MaxResults with VpcIds', () => new DescribeVpcsCommand({ VpcIds: [vpcs.prod], MaxResults: 5 }), 'InvalidParameterCombination', 'VpcIds'],
    ['a bad NextToken', () => new DescribeSubnetsCommand({ NextToken: 'garbage' }), 'InvalidPaginationToken', 'garbage'],
  ] as const)('%s fails the whole call with %s', async (_case, command, code, mentioned) => {
    const error = await ec2.send(command() as DescribeSubnetsCommand).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: code, $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toContain(mentioned);
  });

  it('accepts MaxResults with SubnetIds (DescribeSubnets does not reject the combination)', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [sn.privateA], MaxResults: 5 }));
    expect(out.Subnets).toHaveLength(1);
  });

  it('answers DryRun with DryRunOperation', async () => {
    await expect(ec2.send(new DescribeVpcsCommand({ DryRun: true }))).rejects.toMatchObject({ name: 'DryRunOperation', $metadata: { httpStatusCode: 412 } });
  });
});

describe('changing the world', () => {
  it('takes effect on the next request', async () => {
    world.revokeIngress('us-east-1', sg.openSsh, { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidr: '0.0.0.0/0' }] });
    world.setRoute('us-east-1', rt.privateB, { destinationCidrBlock: '0.0.0.0/0', target: gw.igw, state: 'active', origin: 'CreateRoute' });
    world.deleteSubnet('us-east-1', sn.noS3);

    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.cidr', Values: ['0.0.0.0/0'] }] }));
    const tables = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [rt.privateB, rt.isolated] }));
    const deleted = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [sn.noS3] })).catch((e: unknown) => e);

    expect(groups.SecurityGroups).toEqual([]);
    expect(tables.RouteTables?.[0]?.Routes).toContainEqual(expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: gw.igw }));
    expect(tables.RouteTables?.[0]?.Routes?.filter((r) => r.DestinationCidrBlock === '0.0.0.0/0')).toHaveLength(1);
    expect(tables.RouteTables?.[1]?.Associations).toEqual([]);
    expect(deleted).toMatchObject({ name: 'InvalidSubnetID.NotFound' });
  });

  it('modifyVpcEndpoint adds the prefix-list route, as the S3 remediation does', async () => {
    world.modifyVpcEndpoint('us-east-1', ep.s3Gateway, { addRouteTableIds: [rt.isolated] });
    const out = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [rt.isolated] }));
    expect(out.RouteTables?.[0]?.Routes).toContainEqual(expect.objectContaining({ DestinationPrefixListId: 'pl-63a5400a', GatewayId: ep.s3Gateway }));
  });
});
