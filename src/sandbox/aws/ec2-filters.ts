/**
 * EC2 `Filter.N` semantics: names are case-sensitive and per API, values within a filter are ORed
 * (with `*`/`?` wildcards), filters are ANDed, `tag:<key>` / `tag-key` work everywhere, and an
 * unknown name is an `InvalidParameterValue` — as EC2 answers it.
 * @module
 */
import { AwsError } from './protocol.js';
import type {
  SandboxNatGateway,
  SandboxPermission,
  SandboxRouteTable,
  SandboxSecurityGroup,
  SandboxSubnet,
  SandboxTag,
  SandboxVpc,
  SandboxVpcEndpoint,
} from './world-types.js';

export interface Ec2Filter {
  name: string;
  values: string[];
}

type Extract<T> = (item: T) => Array<string | number | boolean | undefined>;
export type FilterSpec<T> = Record<string, Extract<T>>;

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export function applyFilters<T extends { tags: SandboxTag[] }>(items: readonly T[], filters: readonly Ec2Filter[], spec: FilterSpec<T>): T[] {
  const compiled = filters.map((filter) => {
    const extract = extractorFor(filter.name, spec);
    const patterns = filter.values.map(wildcard);
    return (item: T) =>
      extract(item).some((v) => v !== undefined && patterns.some((p) => p.test(String(v))));
  });
  return items.filter((item) => compiled.every((test) => test(item)));
}

function extractorFor<T extends { tags: SandboxTag[] }>(name: string, spec: FilterSpec<T>): Extract<T> {
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return (item) => item.tags.filter((t) => t.key === key).map((t) => t.value);
  }
  if (name === 'tag-key') return (item) => item.tags.map((t) => t.key);
  if (name === 'tag-value') return (item) => item.tags.map((t) => t.value);
  const extract = spec[name];
  if (!extract) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
  return extract;
}

export const vpcFilters: FilterSpec<SandboxVpc> = {
  'vpc-id': (v) => [v.vpcId],
  state: (v) => [v.state],
  'owner-id': (v) => [v.ownerId],
  'is-default': (v) => [v.isDefault],
  'cidr': (v) => [v.cidrBlock],
  'cidr-block-association.cidr-block': (v) => [v.cidrBlock],
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => v.ipv6CidrBlocks,
};

export const subnetFilters: FilterSpec<SandboxSubnet> = {
  'subnet-id': (s) => [s.subnetId],
  'vpc-id': (s) => [s.vpcId],
  state: (s) => [s.state],
  'owner-id': (s) => [s.ownerId],
  'availability-zone': (s) => [s.availabilityZone],
  'availability-zone-id': (s) => [s.availabilityZoneId],
  'available-ip-address-count': (s) => [s.availableIpAddressCount],
  'cidr-block': (s) => [s.cidrBlock],
  'default-for-az': (s) => [s.defaultForAz],
  'map-public-ip-on-launch': (s) => [s.mapPublicIpOnLaunch],
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => s.ipv6CidrBlocks,
};

export const routeTableFilters: FilterSpec<SandboxRouteTable> = {
  'route-table-id': (t) => [t.routeTableId],
  'vpc-id': (t) => [t.vpcId],
  'owner-id': (t) => [t.ownerId],
  'association.subnet-id': (t) => t.associations.map((a) => a.subnetId),
  'association.main': (t) => t.associations.map((a) => a.main),
  'association.gateway-id': (t) => t.associations.map((a) => a.gatewayId),
  'association.route-table-association-id': (t) => t.associations.map((a) => a.routeTableAssociationId),
  'association.route-table-id': (t) => t.associations.map(() => t.routeTableId),
  'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
  'route.destination-ipv6-cidr-block': (t) => t.routes.map((r) => r.destinationIpv6CidrBlock),
  'route.destination-prefix-list-id': (t) => t.routes.map((r) => r.destinationPrefixListId),
  'route.gateway-id': (t) => t.routes.filter((r) => /^(local|igw-|vgw-|vpce-)/.test(r.target)).map((r) => r.target),
  'route.nat-gateway-id': (t) => t.routes.filter((r) => r.target.startsWith('nat-')).map((r) => r.target),
  'route.egress-only-internet-gateway-id': (t) => t.routes.filter((r) => r.target.startsWith('eigw-')).map((r) => r.target),
  'route.transit-gateway-id': (t) => t.routes.filter((r) => r.target.startsWith('tgw-')).map((r) => r.target),
  'route.vpc-peering-connection-id': (t) => t.routes.filter((r) => r.target.startsWith('pcx-')).map((r) => r.target),
  'route.state': (t) => t.routes.map((r) => r.state),
  'route.origin': (t) => t.routes.map((r) => r.origin),
};

function permissionFilters(prefix: string, side: (sg: SandboxSecurityGroup) => SandboxPermission[]): FilterSpec<SandboxSecurityGroup> {
  return {
    [`${prefix}ip-permission.cidr`]: (sg) => side(sg).flatMap((p) => (p.ipRanges ?? []).map((r) => r.cidr)),
    [`${prefix}ip-permission.ipv6-cidr`]: (sg) => side(sg).flatMap((p) => (p.ipv6Ranges ?? []).map((r) => r.cidr)),
    [`${prefix}ip-permission.prefix-list-id`]: (sg) => side(sg).flatMap((p) => (p.prefixListIds ?? []).map((r) => r.prefixListId)),
    [`${prefix}ip-permission.group-id`]: (sg) => side(sg).flatMap((p) => (p.groups ?? []).map((g) => g.groupId)),
    [`${prefix}ip-permission.user-id`]: (sg) => side(sg).flatMap((p) => (p.groups ?? []).map((g) => g.userId)),
    [`${prefix}ip-permission.protocol`]: (sg) => side(sg).map((p) => p.ipProtocol),
    [`${prefix}ip-permission.from-port`]: (sg) => side(sg).map((p) => p.fromPort),
    [`${prefix}ip-permission.to-port`]: (sg) => side(sg).map((p) => p.toPort),
  };
}

export const securityGroupFilters: FilterSpec<SandboxSecurityGroup> = {
  'group-id': (sg) => [sg.groupId],
  'group-name': (sg) => [sg.groupName],
  description: (sg) => [sg.description],
  'vpc-id': (sg) => [sg.vpcId],
  'owner-id': (sg) => [sg.ownerId],
  ...permissionFilters('', (sg) => sg.ingress),
  ...permissionFilters('egress.', (sg) => sg.egress),
};

export const vpcEndpointFilters: FilterSpec<SandboxVpcEndpoint> = {
  'vpc-endpoint-id': (e) => [e.vpcEndpointId],
  'vpc-id': (e) => [e.vpcId],
  'service-name': (e) => [e.serviceName],
  'vpc-endpoint-type': (e) => [e.vpcEndpointType],
  'vpc-endpoint-state': (e) => [e.state],
  'ip-address-type': () => ['ipv4'],
};

export const natGatewayFilters: FilterSpec<SandboxNatGateway> = {
  'nat-gateway-id': (n) => [n.natGatewayId],
  state: (n) => [n.state],
  'subnet-id': (n) => [n.subnetId],
  'vpc-id': (n) => [n.vpcId],
};
