/**
 * The seeded sandbox account's network in us-east-1 and eu-west-1: a production ML VPC with one
 * subnet per routing situation the rules must tell apart, a VPC shared from another account through
 * RAM (its route tables are not visible to us), and a default VPC for realism. Ids are stable and
 * AWS-shaped (`subnet-0…`), exported as `SANDBOX_IDS` for tests and the playground.
 * @module
 */
import { ec2Id } from './rng.js';
import type { SandboxWorld } from './world.js';
import { managedPrefixListId } from './world.js';
import type { SandboxPermission, SandboxRoute, SandboxRouteTable, SandboxSecurityGroup, SandboxTag } from './world-types.js';

export const SHARED_VPC_OWNER = '444455556666';
export const PARTNER_ACCOUNT = '111122223333';

const id = (prefix: string, label: string): string => ec2Id(prefix, `sandbox/${label}`);

export const SANDBOX_IDS = {
  vpcs: { prod: id('vpc', 'prod'), shared: id('vpc', 'shared'), default: id('vpc', 'default'), eu: id('vpc', 'eu') },
  subnets: {
    privateA: id('subnet', 'private-a'),
    privateB: id('subnet', 'private-b'),
    noS3: id('subnet', 'no-s3'),
    publicMain: id('subnet', 'public-main'),
    publicExplicit: id('subnet', 'public-explicit'),
    publicV6: id('subnet', 'public-v6'),
    splitDefault: id('subnet', 'split-default'),
    blackhole: id('subnet', 'blackhole'),
    ipv6Egress: id('subnet', 'ipv6-egress'),
    shared: id('subnet', 'shared'),
    defaultA: id('subnet', 'default-a'),
    defaultB: id('subnet', 'default-b'),
    defaultC: id('subnet', 'default-c'),
    /** Referenced by a job, deleted since: not in the world. */
    deleted: id('subnet', 'deleted'),
    euPrivate: id('subnet', 'eu-private'),
    euPublic: id('subnet', 'eu-public'),
  },
  routeTables: {
    main: id('rtb', 'main'),
    privateA: id('rtb', 'private-a'),
    privateB: id('rtb', 'private-b'),
    isolated: id('rtb', 'isolated'),
    public: id('rtb', 'public'),
    publicV6: id('rtb', 'public-v6'),
    split: id('rtb', 'split'),
    blackhole: id('rtb', 'blackhole'),
    ipv6Egress: id('rtb', 'ipv6-egress'),
    edge: id('rtb', 'edge'),
    defaultMain: id('rtb', 'default-main'),
    euMain: id('rtb', 'eu-main'),
    euPrivate: id('rtb', 'eu-private'),
  },
  securityGroups: {
    training: id('sg', 'training'),
    openSsh: id('sg', 'open-ssh'),
    portsOnly: id('sg', 'ports-only'),
    distributed: id('sg', 'distributed'),
    prodDefault: id('sg', 'prod-default'),
    shared: id('sg', 'shared'),
    defaultVpc: id('sg', 'default-vpc'),
    /** Referenced by a job, deleted since: not in the world. */
    deleted: id('sg', 'deleted'),
    partner: id('sg', 'partner'),
    eu: id('sg', 'eu'),
  },
  gateways: {
    igw: id('igw', 'prod'),
    oldIgw: id('igw', 'old'),
    defaultIgw: id('igw', 'default'),
    eigw: id('eigw', 'prod'),
    natPublic: id('nat', 'public'),
    natPrivate: id('nat', 'private'),
    tgw: id('tgw', 'corp'),
    pcx: id('pcx', 'partner'),
    vgw: id('vgw', 'onprem'),
    applianceEni: id('eni', 'appliance'),
    proxyInstance: id('i', 'proxy'),
    euIgw: id('igw', 'eu'),
    euNat: id('nat', 'eu'),
  },
  endpoints: {
    s3Gateway: id('vpce', 's3-gateway'),
    dynamodbGateway: id('vpce', 'dynamodb-gateway'),
    sagemakerApi: id('vpce', 'sagemaker-api'),
    s3InterfaceFailed: id('vpce', 's3-interface-failed'),
    euS3Gateway: id('vpce', 'eu-s3-gateway'),
  },
  prefixLists: { corp: id('pl', 'corp') },
} as const;

const S = SANDBOX_IDS;
const SEEDED_AT = new Date('2024-03-04T09:30:00Z');

function tags(entries: Record<string, string>): SandboxTag[] {
  return Object.entries(entries)
    .filter(([, value]) => value !== '')
    .map(([key, value]) => ({ key, value }));
}

function route(destination: string, target: string, extra: Partial<SandboxRoute> = {}): SandboxRoute {
  const dest = destination.startsWith('pl-')
    ? { destinationPrefixListId: destination }
    : destination.includes(':')
      ? { destinationIpv6CidrBlock: destination }
      : { destinationCidrBlock: destination };
  const origin = target === 'local' ? 'CreateRouteTable' : 'CreateRoute';
  return { ...dest, target, state: 'active', origin, ...extra };
}

function table(routeTableId: string, vpcId: string, name: string, routes: SandboxRoute[], subnets: string[], owner: string, main = false): SandboxRouteTable {
  return {
    routeTableId,
    vpcId,
    ownerId: owner,
    routes,
    associations: [
      ...(main ? [{ routeTableAssociationId: ec2Id('rtbassoc', `${routeTableId}/main`), main: true, state: 'associated' as const }] : []),
      ...subnets.map((subnetId) => ({
        routeTableAssociationId: ec2Id('rtbassoc', `${routeTableId}/${subnetId}`),
        subnetId,
        main: false,
        state: 'associated' as const,
      })),
    ],
    propagatingVgws: [],
    tags: tags({ Name: name }),
  };
}

const allEgress: SandboxPermission = { ipProtocol: '-1', ipRanges: [{ cidr: '0.0.0.0/0' }] };

function selfAll(groupId: string, owner: string, description?: string): SandboxPermission {
  return { ipProtocol: '-1', groups: [{ groupId, userId: owner, ...(description ? { description } : {}) }] };
}

function group(groupId: string, groupName: string, vpcId: string, owner: string, ingress: SandboxPermission[], description: string): SandboxSecurityGroup {
  return { groupId, groupName, description, vpcId, ownerId: owner, ingress, egress: [allEgress], tags: tags({ Name: groupName }) };
}

function subnet(world: SandboxWorld, region: string, subnetId: string, vpcId: string, cidr: string, az: string, name: string, extra: { owner?: string; public?: boolean; ipv6?: string; free?: number; defaultForAz?: boolean } = {}): void {
  world.putSubnet(region, {
    subnetId, vpcId, ownerId: extra.owner ?? world.accountId, cidrBlock: cidr, ipv6CidrBlocks: extra.ipv6 ? [extra.ipv6] : [],
    availabilityZone: `${region}${az}`, availabilityZoneId: `${region === 'us-east-1' ? 'use1' : 'euw1'}-az${'abc'.indexOf(az) + 1}`,
    availableIpAddressCount: extra.free ?? 243, mapPublicIpOnLaunch: extra.public ?? false, defaultForAz: extra.defaultForAz ?? false,
    state: 'available', tags: tags({ Name: name }),
  });
}

function buildUsEast1(world: SandboxWorld): void {
  const r = 'us-east-1';
  const me = world.accountId;
  const { vpcs, subnets: sn, routeTables: rt, securityGroups: sg, gateways: gw, endpoints: ep } = S;
  const s3 = managedPrefixListId('com.amazonaws.us-east-1.s3');
  const ddb = managedPrefixListId('com.amazonaws.us-east-1.dynamodb');

  world.putVpc(r, { vpcId: vpcs.prod, ownerId: me, cidrBlock: '10.0.0.0/16', ipv6CidrBlocks: ['2600:1f18:4a3:6e00::/56'], isDefault: false, state: 'available', tags: tags({ Name: 'ml-prod', team: 'ml-platform' }) });
  world.putVpc(r, { vpcId: vpcs.shared, ownerId: SHARED_VPC_OWNER, cidrBlock: '10.20.0.0/16', ipv6CidrBlocks: [], isDefault: false, state: 'available', tags: [] });
  world.putVpc(r, { vpcId: vpcs.default, ownerId: me, cidrBlock: '172.31.0.0/16', ipv6CidrBlocks: [], isDefault: true, state: 'available', tags: [] });

  subnet(world, r, sn.privateA, vpcs.prod, '10.0.1.0/24', 'a', 'ml-prod-private-a', { free: 241 });
  subnet(world, r, sn.privateB, vpcs.prod, '10.0.2.0/24', 'b', 'ml-prod-private-b', { free: 198 });
  subnet(world, r, sn.noS3, vpcs.prod, '10.0.3.0/24', 'c', 'ml-prod-isolated');
  subnet(world, r, sn.publicMain, vpcs.prod, '10.0.100.0/24', 'a', 'ml-prod-unassociated', { public: true });
  subnet(world, r, sn.publicExplicit, vpcs.prod, '10.0.101.0/24', 'b', 'ml-prod-public', { public: true, ipv6: '2600:1f18:4a3:6e65::/64' });
  subnet(world, r, sn.publicV6, vpcs.prod, '10.0.102.0/24', 'c', 'ml-prod-dualstack', { ipv6: '2600:1f18:4a3:6e66::/64' });
  subnet(world, r, sn.splitDefault, vpcs.prod, '10.0.4.0/24', 'a', 'ml-prod-legacy-split');
  subnet(world, r, sn.blackhole, vpcs.prod, '10.0.5.0/24', 'b', 'ml-prod-migrated');
  subnet(world, r, sn.ipv6Egress, vpcs.prod, '10.0.6.0/24', 'c', 'ml-prod-ipv6-egress', { ipv6: '2600:1f18:4a3:6e06::/64' });
  subnet(world, r, sn.shared, vpcs.shared, '10.20.8.0/22', 'a', 'shared-ml-a', { owner: SHARED_VPC_OWNER, free: 1011 });
  for (const [subnetId, cidr, az] of [[sn.defaultA, '172.31.0.0/20', 'a'], [sn.defaultB, '172.31.16.0/20', 'b'], [sn.defaultC, '172.31.32.0/20', 'c']] as const) {
    subnet(world, r, subnetId, vpcs.default, cidr, az, '', { public: true, free: 4091, defaultForAz: true });
  }

  const local = [route('10.0.0.0/16', 'local'), route('2600:1f18:4a3:6e00::/56', 'local')];
  const tables: SandboxRouteTable[] = [
    table(rt.main, vpcs.prod, 'ml-prod-main', [...local, route('0.0.0.0/0', gw.igw), route(s3, ep.s3Gateway)], [], me, true),
    table(rt.privateA, vpcs.prod, 'ml-prod-private-a', [
      ...local, route('0.0.0.0/0', gw.natPublic), route(s3, ep.s3Gateway), route('10.100.0.0/16', gw.tgw),
      route('172.16.0.0/16', gw.pcx), route('192.168.0.0/16', gw.vgw, { origin: 'EnableVgwRoutePropagation' }),
      route('10.200.0.0/24', gw.applianceEni), route('10.201.0.0/24', gw.proxyInstance),
      route('10.250.0.0/16', `arn:aws:networkmanager::${me}:core-network/core-network-0a1b2c3d4e5f60718`),
    ], [sn.privateA], me),
    table(rt.privateB, vpcs.prod, 'ml-prod-private-b', [...local, route('0.0.0.0/0', gw.natPublic), route(s3, ep.s3Gateway)], [sn.privateB], me),
    table(rt.isolated, vpcs.prod, 'ml-prod-isolated', [...local, route('0.0.0.0/0', gw.natPrivate), route(ddb, ep.dynamodbGateway)], [sn.noS3], me),
    table(rt.public, vpcs.prod, 'ml-prod-public', [...local, route('0.0.0.0/0', gw.igw), route('::/0', gw.igw)], [sn.publicExplicit], me),
    table(rt.publicV6, vpcs.prod, 'ml-prod-dualstack', [...local, route('0.0.0.0/0', gw.natPublic), route('::/0', gw.igw)], [sn.publicV6], me),
    table(rt.split, vpcs.prod, 'ml-prod-legacy-split', [...local, route('0.0.0.0/1', gw.igw), route('128.0.0.0/1', gw.igw)], [sn.splitDefault], me),
    table(rt.blackhole, vpcs.prod, 'ml-prod-migrated', [
      ...local, route('0.0.0.0/0', gw.natPublic), route('::/0', gw.oldIgw, { state: 'blackhole' }), route(s3, ep.s3Gateway),
    ], [sn.blackhole], me),
    table(rt.ipv6Egress, vpcs.prod, 'ml-prod-ipv6-egress', [...local, route('0.0.0.0/0', gw.natPublic), route('::/0', gw.eigw)], [sn.ipv6Egress], me),
    table(rt.edge, vpcs.prod, 'ml-prod-ingress-inspection', [...local, route('10.0.101.0/24', gw.applianceEni)], [], me),
    table(rt.defaultMain, vpcs.default, '', [route('172.31.0.0/16', 'local'), route('0.0.0.0/0', gw.defaultIgw)], [], me, true),
  ];
  const privateA = tables[1];
  if (privateA) privateA.propagatingVgws = [gw.vgw];
  const edge = tables[9];
  edge?.associations.push({ routeTableAssociationId: ec2Id('rtbassoc', `${rt.edge}/igw`), gatewayId: gw.igw, main: false, state: 'associated' });
  for (const t of tables) world.putRouteTable(r, t);

  const natBase = { vpcId: vpcs.prod, state: 'available' as const, createTime: SEEDED_AT, tags: [] };
  world.putNatGateway(r, { ...natBase, natGatewayId: gw.natPublic, subnetId: sn.publicExplicit, connectivityType: 'public', privateIp: '10.0.101.12', publicIp: '54.210.33.17', networkInterfaceId: id('eni', 'nat-public'), allocationId: id('eipalloc', 'nat-public') });
  world.putNatGateway(r, { ...natBase, natGatewayId: gw.natPrivate, subnetId: sn.privateB, connectivityType: 'private', privateIp: '10.0.2.9', networkInterfaceId: id('eni', 'nat-private') });

  const endpoint = { vpcId: vpcs.prod, ownerId: me, creationTimestamp: SEEDED_AT, tags: [], groupIds: [] as string[], subnetIds: [] as string[], routeTableIds: [] as string[], privateDnsEnabled: false };
  world.putVpcEndpoint(r, { ...endpoint, vpcEndpointId: ep.s3Gateway, vpcEndpointType: 'Gateway', serviceName: 'com.amazonaws.us-east-1.s3', state: 'available', routeTableIds: [rt.main, rt.privateA, rt.privateB, rt.blackhole] });
  world.putVpcEndpoint(r, { ...endpoint, vpcEndpointId: ep.dynamodbGateway, vpcEndpointType: 'Gateway', serviceName: 'com.amazonaws.us-east-1.dynamodb', state: 'available', routeTableIds: [rt.isolated] });
  world.putVpcEndpoint(r, { ...endpoint, vpcEndpointId: ep.sagemakerApi, vpcEndpointType: 'Interface', serviceName: 'com.amazonaws.us-east-1.sagemaker.api', state: 'available', subnetIds: [sn.privateA, sn.privateB], groupIds: [sg.training], privateDnsEnabled: true });
  world.putVpcEndpoint(r, { ...endpoint, vpcEndpointId: ep.s3InterfaceFailed, vpcEndpointType: 'Interface', serviceName: 'com.amazonaws.us-east-1.s3', state: 'failed', subnetIds: [sn.noS3], groupIds: [sg.training] });

  const groups: SandboxSecurityGroup[] = [
    group(sg.training, 'sagemaker-training', vpcs.prod, me, [selfAll(sg.training, me, 'training peers')], 'Training jobs: peers only'),
    group(sg.openSsh, 'training-debug-ssh', vpcs.prod, me, [
      selfAll(sg.openSsh, me, 'training peers'),
      { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidr: '0.0.0.0/0', description: 'temporary SSH for debugging (INC-4821)' }] },
    ], 'Training with SSH debugging'),
    group(sg.portsOnly, 'training-ports-only', vpcs.prod, me, [
      { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidr: '10.0.0.0/16', description: 'HTTPS from the VPC' }] },
      { ipProtocol: 'tcp', fromPort: 8000, toPort: 8999, groups: [{ groupId: sg.portsOnly, userId: me, description: 'parameter server' }] },
    ], 'Training: parameter-server ports only'),
    group(sg.distributed, 'training-distributed', vpcs.prod, me, [
      selfAll(sg.distributed, me, 'NCCL/MPI between nodes'),
      { ipProtocol: 'udp', fromPort: 500, toPort: 500, groups: [{ groupId: sg.distributed, userId: me, description: 'IKE for inter-container encryption' }] },
      { ipProtocol: '50', groups: [{ groupId: sg.distributed, userId: me, description: 'ESP for inter-container encryption' }] },
      { ipProtocol: 'tcp', fromPort: 443, toPort: 443, prefixListIds: [{ prefixListId: S.prefixLists.corp, description: 'corporate proxies' }] },
      { ipProtocol: 'tcp', fromPort: 22, toPort: 22, groups: [{ groupId: sg.partner, userId: PARTNER_ACCOUNT, vpcId: id('vpc', 'partner'), vpcPeeringConnectionId: gw.pcx, peeringStatus: 'active', description: 'partner bastion via peering' }] },
    ], 'Distributed training with encryption'),
    group(sg.prodDefault, 'default', vpcs.prod, me, [selfAll(sg.prodDefault, me)], 'default VPC security group'),
    group(sg.shared, 'training-shared-vpc', vpcs.shared, me, [selfAll(sg.shared, me)], 'Training in the shared VPC'),
    group(sg.defaultVpc, 'default', vpcs.default, me, [selfAll(sg.defaultVpc, me)], 'default VPC security group'),
  ];
  for (const g of groups) world.putSecurityGroup(r, g);
}

function buildEuWest1(world: SandboxWorld): void {
  const r = 'eu-west-1';
  const me = world.accountId;
  const { vpcs, subnets: sn, routeTables: rt, securityGroups: sg, gateways: gw, endpoints: ep } = S;
  const s3 = managedPrefixListId('com.amazonaws.eu-west-1.s3');
  world.putVpc(r, { vpcId: vpcs.eu, ownerId: me, cidrBlock: '10.8.0.0/16', ipv6CidrBlocks: [], isDefault: false, state: 'available', tags: tags({ Name: 'ml-eu' }) });
  subnet(world, r, sn.euPrivate, vpcs.eu, '10.8.1.0/24', 'a', 'ml-eu-private-a');
  subnet(world, r, sn.euPublic, vpcs.eu, '10.8.100.0/24', 'b', 'ml-eu-public-b', { public: true });
  const local = route('10.8.0.0/16', 'local');
  world.putRouteTable(r, table(rt.euMain, vpcs.eu, 'ml-eu-main', [local, route('0.0.0.0/0', gw.euIgw)], [], me, true));
  world.putRouteTable(r, table(rt.euPrivate, vpcs.eu, 'ml-eu-private', [local, route('0.0.0.0/0', gw.euNat), route(s3, ep.euS3Gateway)], [sn.euPrivate], me));
  world.putNatGateway(r, { natGatewayId: gw.euNat, vpcId: vpcs.eu, subnetId: sn.euPublic, state: 'available', connectivityType: 'public', privateIp: '10.8.100.7', publicIp: '34.240.12.9', networkInterfaceId: id('eni', 'eu-nat'), createTime: SEEDED_AT, tags: [] });
  world.putVpcEndpoint(r, { vpcEndpointId: ep.euS3Gateway, vpcEndpointType: 'Gateway', vpcId: vpcs.eu, serviceName: 'com.amazonaws.eu-west-1.s3', state: 'available', routeTableIds: [rt.euPrivate], subnetIds: [], groupIds: [], ownerId: me, creationTimestamp: SEEDED_AT, privateDnsEnabled: false, tags: [] });
  world.putSecurityGroup(r, group(sg.eu, 'sagemaker-training', vpcs.eu, me, [selfAll(sg.eu, me, 'training peers')], 'Training jobs: peers only'));
}

/** Seeds the sandbox account's network into `world` (us-east-1 and eu-west-1). */
export function seedSandboxNetwork(world: SandboxWorld): void {
  buildUsEast1(world);
  buildEuWest1(world);
}
