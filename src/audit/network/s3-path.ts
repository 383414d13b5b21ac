/**
 * Whether a subnet has a path to Amazon S3 (DESIGN.md §2 "vpc-s3-access"): an S3 gateway endpoint on
 * its effective route table, a default route that may reach S3 (public NAT, transit gateway,
 * firewall/GWLB endpoint, appliance, IPv6 egress-only IGW, NAT64), or an S3 interface endpoint in
 * the VPC. Only says "a path was found" or "no path found": reachability itself is not tested.
 * @module
 */
import { explainError, readFact } from '../explain-error.js';
import type { Fact, NatGateway, NetworkSnapshot, Route, VpcEndpoint } from '../model.js';
import { parseCidr } from './cidr.js';
import { activeRoutes, classifyNextHop, defaultRoutes, effectiveRouteTable } from './route-tables.js';

export type S3PathVia = 'gateway-endpoint' | 'interface-endpoint' | 'default-route' | 'nat64';

export type SubnetS3Path =
  | { subnetId: string; status: 'path'; routeTableId: string; via: S3PathVia; description: string }
  /** `description` says what was seen instead, e.g. the default route's next hop. */
  | { subnetId: string; status: 'none'; routeTableId: string; vpcId: string; description: string }
  | { subnetId: string; status: 'unknown'; routeTableId?: string; reason: string; resources: string[] };

/** `com.amazonaws.<region>.s3` (and the `cn.` form used in the China partition). */
export function isS3ServiceName(serviceName: string, region: string): boolean {
  const name = serviceName.toLowerCase();
  const base = `com.amazonaws.${region.toLowerCase()}.s3`;
  return name === base || name === `cn.${base}`;
}

/** Available S3 endpoints of the given type (`Gateway` or `Interface`), compared case-insensitively. */
export function s3Endpoints(endpoints: VpcEndpoint[], region: string, type: 'Gateway' | 'Interface'): VpcEndpoint[] {
  return endpoints.filter(
    (endpoint) =>
      endpoint.type.toLowerCase() === type.toLowerCase() &&
      endpoint.state.toLowerCase() === 'available' &&
      isS3ServiceName(endpoint.serviceName, region),
  );
}

/** The first available S3 gateway endpoint of a VPC (→ `modify-vpc-endpoint --add-route-table-ids`). */
export function existingS3GatewayEndpointId(vpcId: string, network: NetworkSnapshot, region: string): string | undefined {
  const fact = network.vpcEndpointsByVpc[vpcId];
  if (!fact?.ok) return undefined;
  return s3Endpoints(fact.value, region, 'Gateway')[0]?.id;
}

/** Judges one subnet. Never throws: missing evidence that could hide a path gives `unknown`. */
export function s3PathForSubnet(subnetId: string, network: NetworkSnapshot, region: string): SubnetS3Path {
  const effective = effectiveRouteTable(subnetId, network);
  if (!effective.ok) {
    return { subnetId, status: 'unknown', reason: effective.message, resources: effective.resources };
  }
  const { subnet, table } = effective;
  const vpcId = subnet.vpcId;
  const path = (via: S3PathVia, description: string): SubnetS3Path => ({
    subnetId,
    status: 'path',
    routeTableId: table.id,
    via,
    description,
  });

  const gaps: string[] = [];
  const gapResources: string[] = [];
  const endpointsFact = readFact(network.vpcEndpointsByVpc, vpcId, 'ec2:DescribeVpcEndpoints');
  if (endpointsFact.ok) {
    const routeTargets = new Set(activeRoutes(table).map((route) => route.target));
    const gateway = s3Endpoints(endpointsFact.value, region, 'Gateway').find(
      (endpoint) => endpoint.routeTableIds.includes(table.id) || routeTargets.has(endpoint.id),
    );
    if (gateway) return path('gateway-endpoint', `S3 gateway endpoint ${gateway.id} on route table ${table.id}`);
    const [iface] = s3Endpoints(endpointsFact.value, region, 'Interface');
    if (iface) return path('interface-endpoint', `S3 interface endpoint ${iface.id} in ${vpcId}`);
  } else {
    gaps.push(explainError(endpointsFact.error, `the VPC endpoints of ${vpcId}`, 'the S3 path'));
    gapResources.push(vpcId);
  }

  const seen: string[] = [];
  const natFact = readFact(network.natGatewaysByVpc, vpcId, 'ec2:DescribeNatGateways');
  const { ipv4, ipv6 } = defaultRoutes(table);
  const nat64 = activeRoutes(table).find(
    (route) => isNat64Prefix(route.destinationIpv6CidrBlock) && classifyNextHop(route.target).kind === 'nat-gateway',
  );
  const candidates: Array<{ route: Route; label: string }> = [
    ...(ipv4 ? [{ route: ipv4, label: 'the default route' }] : []),
    ...(ipv6 ? [{ route: ipv6, label: 'the IPv6 default route' }] : []),
    ...(nat64 ? [{ route: nat64, label: 'the NAT64 route (64:ff9b::/96)' }] : []),
  ];
  for (const { route, label } of candidates) {
    const hop = classifyNextHop(route.target);
    const via: S3PathVia = route === nat64 ? 'nat64' : 'default-route';
    switch (hop.kind) {
      case 'nat-gateway': {
        const nat = natOf(route.target, natFact);
        if (nat.kind === 'unknown') {
          gaps.push(nat.reason);
          gapResources.push(route.target);
        } else if (nat.kind === 'public') {
          return path(via, `${label} to public NAT gateway ${route.target}`);
        } else {
          seen.push(`${label} goes to ${nat.reason}`);
        }
        break;
      }
      case 'transit-gateway':
      case 'vpc-endpoint':
      case 'network-interface':
      case 'instance':
      case 'egress-only-internet-gateway':
        return path(via, `${label} to ${hop.label} (may reach S3)`);
      case 'internet-gateway':
        // Training ENIs only ever get private IPs, so an IGW route carries none of their traffic (DESIGN.md §2).
        seen.push(`${label} goes to ${hop.label}, which training instances cannot use (their interfaces have private IPs only)`);
        break;
      default:
        seen.push(`${label} goes to ${hop.label}, which is not counted as an S3 path`);
    }
  }

  if (gaps.length > 0) {
    return {
      subnetId,
      status: 'unknown',
      routeTableId: table.id,
      reason: gaps.join('; '),
      resources: [subnetId, table.id, ...gapResources],
    };
  }
  const description =
    seen.length > 0
      ? `no S3 endpoint serves route table ${table.id} and ${seen.join(', ')}`
      : `route table ${table.id} has no S3 gateway endpoint route and no default route, and ${vpcId} has no S3 interface endpoint`;
  return { subnetId, status: 'none', routeTableId: table.id, vpcId, description };
}

/** The well-known NAT64 prefix `64:ff9b::/96` (DNS64 + NAT gateway), compared numerically. */
const NAT64 = parseCidr('64:ff9b::/96') ?? { start: -1n };

function isNat64Prefix(cidr: string | undefined): boolean {
  if (cidr === undefined) return false;
  const range = parseCidr(cidr);
  return range !== undefined && range.family === 'ipv6' && range.prefixLength === 96 && range.start === NAT64.start;
}

type NatVerdict = { kind: 'public' } | { kind: 'no-path'; reason: string } | { kind: 'unknown'; reason: string };

function natOf(natId: string, natFact: Fact<NatGateway[]>): NatVerdict {
  if (!natFact.ok) return { kind: 'unknown', reason: explainError(natFact.error, `NAT gateway ${natId}`, 'the S3 path') };
  const nat = natFact.value.find((candidate) => candidate.id === natId);
  if (!nat) return { kind: 'unknown', reason: `NAT gateway ${natId} is not among the NAT gateways read for its VPC` };
  if (nat.connectivityType === 'private') return { kind: 'no-path', reason: `private NAT gateway ${natId} (no internet path)` };
  const state = nat.state.toLowerCase();
  if (state !== 'available' && state !== 'pending') return { kind: 'no-path', reason: `NAT gateway ${natId} in state ${state}` };
  return { kind: 'public' };
}
