/**
 * The network pool behind a synthetic fleet: per VPC an internet gateway, a public NAT gateway, an
 * S3 gateway endpoint, a main table routing to the IGW (so unassociated subnets are public) and a
 * private table routing to the NAT. Subnets and security groups carry their classification
 * (`private`/`public`/`deleted`, `restricted`/`open`) so expected verdicts are known by construction.
 * @module
 */
import { ec2Id } from './rng.js';
import { managedPrefixListId, type SandboxWorld } from './world.js';
import type { SandboxPermission, SandboxRouteTable } from './world-types.js';

export interface FleetSubnet {
  id: string;
  vpcId: string;
  kind: 'private' | 'public' | 'deleted';
}

export interface FleetSecurityGroup {
  id: string;
  vpcId: string;
  kind: 'restricted' | 'open';
}

export interface FleetPool {
  vpcs: string[];
  /** Includes one deleted subnet per VPC (referenced by a few jobs, absent from the world). */
  subnets: FleetSubnet[];
  securityGroups: FleetSecurityGroup[];
  /** Per VPC: indices into `subnets` of the subnets that exist. */
  subnetsByVpc: number[][];
  securityGroupsByVpc: number[][];
  deletedSubnetByVpc: number[];
}

const CREATED = new Date('2023-06-01T00:00:00Z');

/** Open ingress variants: each fails `vpc-security-groups-restricted`. */
const OPEN_RULES: SandboxPermission[] = [
  { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidr: '0.0.0.0/0', description: 'ssh' }] },
  { ipProtocol: '-1', ipv6Ranges: [{ cidr: '::/0' }] },
  { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidr: '0.0.0.0/0' }] },
];

export function seedFleetPool(
  world: SandboxWorld,
  region: string,
  sizes: { seed: number; vpcs: number; subnets: number; securityGroups: number },
): FleetPool {
  const { vpcs: vpcCount, subnets: subnetCount, securityGroups: groupCount } = sizes;
  if (vpcCount < 1 || vpcCount > 250) throw new RangeError('vpcs must be between 1 and 250');
  if (subnetCount < vpcCount || subnetCount > vpcCount * 250) throw new RangeError('subnets must be at least one per VPC and at most 250 per VPC');
  if (groupCount < vpcCount) throw new RangeError('securityGroups must be at least one per VPC');
  const me = world.accountId;
  const id = (prefix: string, label: string): string => ec2Id(prefix, `fleet/${sizes.seed}/${label}`);
  const pool: FleetPool = { vpcs: [], subnets: [], securityGroups: [], subnetsByVpc: [], securityGroupsByVpc: [], deletedSubnetByVpc: [] };
  const s3 = `com.amazonaws.${region}.s3`;

  for (let v = 0; v < vpcCount; v++) {
    const vpcId = id('vpc', `${v}`);
    const [igw, nat, endpoint, mainRt, privateRt, edgeSubnet] = [id('igw', `${v}`), id('nat', `${v}`), id('vpce', `${v}`), id('rtb', `${v}/main`), id('rtb', `${v}/private`), id('subnet', `${v}/edge`)];
    pool.vpcs.push(vpcId);
    pool.subnetsByVpc.push([]);
    pool.securityGroupsByVpc.push([]);
    world.putVpc(region, { vpcId, ownerId: me, cidrBlock: `10.${v}.0.0/16`, ipv6CidrBlocks: [], isDefault: false, state: 'available', tags: [{ key: 'Name', value: `fleet-${v}` }] });
    world.putSubnet(region, {
      subnetId: edgeSubnet, vpcId, ownerId: me, cidrBlock: `10.${v}.255.0/24`, ipv6CidrBlocks: [], availabilityZone: `${region}a`,
      availabilityZoneId: 'az1', availableIpAddressCount: 250, mapPublicIpOnLaunch: true, defaultForAz: false, state: 'available', tags: [{ key: 'Name', value: `fleet-${v}-nat` }],
    });
    const local = { destinationCidrBlock: `10.${v}.0.0/16`, target: 'local', state: 'active', origin: 'CreateRouteTable' } as const;
    const s3Route = { destinationPrefixListId: managedPrefixListId(s3), target: endpoint, state: 'active', origin: 'CreateRoute' } as const;
    const tables: SandboxRouteTable[] = [
      {
        routeTableId: mainRt, vpcId, ownerId: me, propagatingVgws: [], tags: [],
        routes: [local, { destinationCidrBlock: '0.0.0.0/0', target: igw, state: 'active', origin: 'CreateRoute' }],
        associations: [{ routeTableAssociationId: id('rtbassoc', `${v}/main`), main: true, state: 'associated' }],
      },
      {
        routeTableId: privateRt, vpcId, ownerId: me, propagatingVgws: [], tags: [],
        routes: [local, { destinationCidrBlock: '0.0.0.0/0', target: nat, state: 'active', origin: 'CreateRoute' }, s3Route],
        associations: [],
      },
    ];
    for (const t of tables) world.putRouteTable(region, t);
    world.putNatGateway(region, {
      natGatewayId: nat, vpcId, subnetId: edgeSubnet, state: 'available', connectivityType: 'public', privateIp: `10.${v}.255.10`,
      publicIp: `3.80.${v}.10`, networkInterfaceId: id('eni', `${v}/nat`), createTime: CREATED, tags: [],
    });
    world.putVpcEndpoint(region, {
      vpcEndpointId: endpoint, vpcEndpointType: 'Gateway', vpcId, serviceName: s3, state: 'available', routeTableIds: [privateRt],
      subnetIds: [], groupIds: [], ownerId: me, creationTimestamp: CREATED, privateDnsEnabled: false, tags: [],
    });
    pool.subnets.push({ id: id('subnet', `${v}/deleted`), vpcId, kind: 'deleted' });
    pool.deletedSubnetByVpc.push(pool.subnets.length - 1);
  }

  for (let s = 0; s < subnetCount; s++) {
    const v = s % vpcCount;
    const vpcId = pool.vpcs[v] ?? '';
    const nth = Math.floor(s / vpcCount);
    // Every fifth subnet of a VPC relies on the main table (public); the first is always private.
    const kind = nth % 5 === 4 ? 'public' : 'private';
    const subnetId = id('subnet', `${s}`);
    world.putSubnet(region, {
      subnetId, vpcId, ownerId: me, cidrBlock: `10.${v}.${nth}.0/24`, ipv6CidrBlocks: [], availabilityZone: `${region}${'abc'[nth % 3]}`,
      availabilityZoneId: `az${(nth % 3) + 1}`, availableIpAddressCount: 200 + (s % 50), mapPublicIpOnLaunch: kind === 'public',
      defaultForAz: false, state: 'available', tags: [{ key: 'Name', value: `fleet-${v}-${kind}-${nth}` }],
    });
    if (kind === 'private') world.associateRouteTable(region, id('rtb', `${v}/private`), subnetId);
    pool.subnets.push({ id: subnetId, vpcId, kind });
    pool.subnetsByVpc[v]?.push(pool.subnets.length - 1);
  }

  for (let g = 0; g < groupCount; g++) {
    const v = g % vpcCount;
    const vpcId = pool.vpcs[v] ?? '';
    // Every fifth group is open; the first group of each VPC never is.
    const kind = g % 5 === 4 && g >= vpcCount ? 'open' : 'restricted';
    const groupId = id('sg', `${g}`);
    const self: SandboxPermission = { ipProtocol: '-1', groups: [{ groupId, userId: me }] };
    const open = OPEN_RULES[g % OPEN_RULES.length];
    world.putSecurityGroup(region, {
      groupId, groupName: `fleet-${v}-${kind}-${g}`, description: `fleet ${kind} group`, vpcId, ownerId: me,
      ingress: kind === 'open' && open ? [self, open] : [self, { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidr: `10.${v}.0.0/16` }] }],
      egress: [{ ipProtocol: '-1', ipRanges: [{ cidr: '0.0.0.0/0' }] }], tags: [],
    });
    pool.securityGroups.push({ id: groupId, vpcId, kind });
    pool.securityGroupsByVpc[v]?.push(pool.securityGroups.length - 1);
  }
  return pool;
}
