/**
 * Test support (pure): builders for training jobs and network snapshots. The defaults describe a
 * compliant job — one instance in private subnets behind a NAT, an S3 gateway endpoint, and a
 * dedicated security group that references itself — so a test states only what it changes.
 * @module
 */
import {
  emptyNetworkSnapshot,
  type CollectorError,
  type ErrorCode,
  type Fact,
  type NatGateway,
  type NetworkSnapshot,
  type Permission,
  type Route,
  type RouteTable,
  type RouteTableAssociation,
  type RuleContext,
  type SecurityGroup,
  type Subnet,
  type TrainingJobSnapshot,
  type VpcEndpoint,
} from '../model.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const VPC_ID = 'vpc-1';
export const VPC_CIDR = '10.0.0.0/16';
export const AS_OF = '2026-11-29T10:00:00.000Z';
export const NOW = new Date(AS_OF);
export const ctx: RuleContext = { now: NOW };

export function buildJob(overrides: Partial<TrainingJobSnapshot> = {}): TrainingJobSnapshot {
  return {
    name: 'train-42',
    arn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/train-42`,
    account: ACCOUNT,
    region: REGION,
    status: 'InProgress',
    creationTime: '2026-11-28T09:00:00.000Z',
    vpcConfig: { subnets: ['subnet-1'], securityGroupIds: ['sg-1'] },
    enableNetworkIsolation: true,
    enableInterContainerTrafficEncryption: false,
    instanceCount: 1,
    instanceType: 'ml.m5.xlarge',
    ...overrides,
  };
}

/** `instanceCount` as collectors compute it from `ResourceConfig.InstanceGroups`. */
export function sumInstanceGroups(counts: number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}

export function buildSubnet(id: string, overrides: Partial<Subnet> = {}): Subnet {
  const index = Number(/(\d+)$/.exec(id)?.[1] ?? '0') % 256;
  return {
    id,
    vpcId: VPC_ID,
    ownerId: ACCOUNT,
    cidrBlock: `10.0.${index}.0/24`,
    ipv6CidrBlocks: [],
    availabilityZone: `${REGION}a`,
    availableIpAddressCount: 250,
    mapPublicIpOnLaunch: false,
    state: 'available',
    ...overrides,
  };
}

/** A route; the destination's shape picks the member (`pl-…` prefix list, `:` IPv6, else IPv4). */
export function buildRoute(destination: string, target: string, overrides: Partial<Route> = {}): Route {
  const member = destination.startsWith('pl-')
    ? { destinationPrefixListId: destination }
    : destination.includes(':')
      ? { destinationIpv6CidrBlock: destination }
      : { destinationCidrBlock: destination };
  return { ...member, target, state: 'active', origin: 'CreateRoute', ...overrides };
}

export interface RouteTableOptions {
  routes?: Route[];
  /** Subnets explicitly associated (state `associated`). */
  subnets?: string[];
  main?: boolean;
  vpcId?: string;
  /** Extra associations, e.g. an edge association with a `gatewayId`. */
  associations?: RouteTableAssociation[];
}

/** A route table that always has the VPC's `local` route, plus the given routes and associations. */
export function buildRouteTable(id: string, options: RouteTableOptions = {}): RouteTable {
  const associations: RouteTableAssociation[] = [
    ...(options.main ? [{ id: `${id}-assoc-main`, main: true, state: 'associated' }] : []),
    ...(options.subnets ?? []).map((subnetId) => ({
      id: `${id}-assoc-${subnetId}`,
      subnetId,
      main: false,
      state: 'associated',
    })),
    ...(options.associations ?? []),
  ];
  return {
    id,
    vpcId: options.vpcId ?? VPC_ID,
    ownerId: ACCOUNT,
    routes: [buildRoute(VPC_CIDR, 'local', { origin: 'CreateRouteTable' }), ...(options.routes ?? [])],
    associations,
  };
}

export function buildPermission(overrides: Partial<Permission> = {}): Permission {
  return { protocol: '-1', ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupPairs: [], ...overrides };
}

/** An ingress/egress entry from one CIDR (the family picks the range list). Default: all traffic. */
export function fromCidr(cidr: string, overrides: Partial<Permission> = {}, description?: string): Permission {
  const range = { cidr, ...(description === undefined ? {} : { description }) };
  return buildPermission({
    ...(cidr.includes(':') ? { ipv6Ranges: [range] } : { ipv4Ranges: [range] }),
    ...overrides,
  });
}

/** An entry whose source is a security group (same account unless `userId` says otherwise). Default: all traffic. */
export function fromGroup(groupId: string, overrides: Partial<Permission> = {}, userId = ACCOUNT): Permission {
  return buildPermission({ groupPairs: [{ groupId, userId }], ...overrides });
}

export function buildSecurityGroup(id: string, overrides: Partial<SecurityGroup> = {}): SecurityGroup {
  return {
    id,
    name: `training-${id}`,
    vpcId: VPC_ID,
    ownerId: ACCOUNT,
    description: 'SageMaker training',
    ingress: [fromGroup(id)],
    egress: [fromCidr('0.0.0.0/0')],
    ...overrides,
  };
}

export function buildEndpoint(id: string, overrides: Partial<VpcEndpoint> = {}): VpcEndpoint {
  return {
    id,
    vpcId: VPC_ID,
    serviceName: `com.amazonaws.${REGION}.s3`,
    type: 'Gateway',
    state: 'available',
    routeTableIds: [],
    subnetIds: [],
    ...overrides,
  };
}

export function buildNatGateway(id: string, overrides: Partial<NatGateway> = {}): NatGateway {
  return { id, vpcId: VPC_ID, subnetId: 'subnet-public', state: 'available', connectivityType: 'public', ...overrides };
}

export interface NetworkParts {
  subnets?: Subnet[];
  routeTables?: RouteTable[];
  securityGroups?: SecurityGroup[];
  endpoints?: VpcEndpoint[];
  natGateways?: NatGateway[];
  asOf?: string;
}

/**
 * A snapshot as the collectors would record it after reading exactly these resources: explicit
 * associations and main tables are derived from the tables' associations (`null` when none), and
 * every VPC of a subnet gets its endpoint and NAT lists (empty when none given).
 */
export function buildNetwork(parts: NetworkParts = {}): NetworkSnapshot {
  const subnets = parts.subnets ?? [];
  const tables = parts.routeTables ?? [];
  const vpcIds = [...new Set([...subnets.map((s) => s.vpcId), ...tables.map((t) => t.vpcId)])];
  const network = emptyNetworkSnapshot(parts.asOf ?? AS_OF);
  for (const table of tables) network.routeTables[table.id] = table;
  for (const subnet of subnets) {
    network.subnets[subnet.id] = ok(subnet);
    const explicit = tables.find((t) => t.associations.some((a) => a.subnetId === subnet.id));
    network.explicitRouteTableBySubnet[subnet.id] = ok(explicit?.id ?? null);
  }
  for (const vpcId of vpcIds) {
    const main = tables.find((t) => t.vpcId === vpcId && t.associations.some((a) => a.main));
    network.mainRouteTableByVpc[vpcId] = ok(main?.id ?? null);
    network.vpcEndpointsByVpc[vpcId] = ok((parts.endpoints ?? []).filter((e) => e.vpcId === vpcId));
    network.natGatewaysByVpc[vpcId] = ok((parts.natGateways ?? []).filter((n) => n.vpcId === vpcId));
  }
  for (const group of parts.securityGroups ?? []) network.securityGroups[group.id] = ok(group);
  return network;
}

/**
 * The default, compliant network: `subnet-1`, `subnet-2` on the main table `rtb-main` (local, a
 * default route to the public NAT `nat-1`, and the S3 gateway endpoint `vpce-s3`), and `sg-1` that
 * allows all traffic from itself. Fresh objects on every call, so tests may change them.
 */
export function compliantParts(): Required<Omit<NetworkParts, 'asOf'>> {
  return {
    subnets: [buildSubnet('subnet-1'), buildSubnet('subnet-2')],
    routeTables: [
      buildRouteTable('rtb-main', {
        main: true,
        routes: [buildRoute('0.0.0.0/0', 'nat-1'), buildRoute('pl-63a5400a', 'vpce-s3')],
      }),
    ],
    securityGroups: [buildSecurityGroup('sg-1')],
    endpoints: [buildEndpoint('vpce-s3', { routeTableIds: ['rtb-main'] })],
    natGateways: [buildNatGateway('nat-1')],
  };
}

/** Shallow-merges record members of a snapshot (e.g. replace one subnet's fact with an error). */
export function patchNetwork(network: NetworkSnapshot, patch: Partial<NetworkSnapshot>): NetworkSnapshot {
  return {
    asOf: patch.asOf ?? network.asOf,
    subnets: { ...network.subnets, ...patch.subnets },
    routeTables: { ...network.routeTables, ...patch.routeTables },
    explicitRouteTableBySubnet: { ...network.explicitRouteTableBySubnet, ...patch.explicitRouteTableBySubnet },
    mainRouteTableByVpc: { ...network.mainRouteTableByVpc, ...patch.mainRouteTableByVpc },
    securityGroups: { ...network.securityGroups, ...patch.securityGroups },
    vpcEndpointsByVpc: { ...network.vpcEndpointsByVpc, ...patch.vpcEndpointsByVpc },
    natGatewaysByVpc: { ...network.natGatewaysByVpc, ...patch.natGatewaysByVpc },
  };
}

export function ok<T>(value: T): Fact<T> {
  return { ok: true, value };
}

export function collectorError(code: ErrorCode, operation: string, resource?: string, message?: string): CollectorError {
  return {
    code,
    operation,
    ...(resource === undefined ? {} : { resource }),
    message: message ?? `${operation} failed with ${code}`,
  };
}

/** A fact whose read was denied, e.g. `denied('ec2:DescribeRouteTables', 'subnet-1')`. */
export function denied<T = never>(operation: string, resource?: string): Fact<T> {
  return { ok: false, error: collectorError('access_denied', operation, resource, `${operation} was denied`) };
}

/** A fact for a resource that no longer exists. */
export function notFound<T = never>(operation: string, resource?: string): Fact<T> {
  return { ok: false, error: collectorError('not_found', operation, resource, `${resource ?? 'resource'} does not exist`) };
}
