/**
 * Route-table reasoning (DESIGN.md §2 "Rule details"): which table governs a subnet, which of its
 * routes make the subnet public by AWS's definition, and what kind of next hop a route names.
 * @module
 */
import { explainError, notLookedUp, readFact } from '../explain-error.js';
import type { CollectorError, NetworkSnapshot, Route, RouteTable, Subnet } from '../model.js';
import { isWhollyPrivate, parseCidr } from './cidr.js';

export type EffectiveRouteTable =
  | { ok: true; subnet: Subnet; table: RouteTable; viaMainTable: boolean }
  | {
      ok: false;
      /** `subnet-unreadable`: DescribeSubnets failed; `lookup-failed`: a route-table lookup failed; `no-table-visible`: none exists for us. */
      reason: 'subnet-unreadable' | 'lookup-failed' | 'no-table-visible';
      /** A sentence fragment (no final period) naming what could not be read and the IAM action or owner. */
      message: string;
      error?: CollectorError;
      subnet?: Subnet;
      resources: string[];
    };

const DESCRIBE_SUBNETS = 'ec2:DescribeSubnets';
const DESCRIBE_ROUTE_TABLES = 'ec2:DescribeRouteTables';

/**
 * The table that routes a subnet's traffic: the one with an *associated* subnet association for it,
 * else the VPC's main table (`viaMainTable: true`). Edge associations (`gatewayId`, no `subnetId`) do
 * not count. When it cannot be known, says why (and carries the collector's error).
 */
export function effectiveRouteTable(subnetId: string, network: NetworkSnapshot): EffectiveRouteTable {
  const subnetFact = readFact(network.subnets, subnetId, DESCRIBE_SUBNETS);
  if (!subnetFact.ok) {
    return {
      ok: false,
      reason: 'subnet-unreadable',
      error: subnetFact.error,
      message: explainError(subnetFact.error, subnetId, 'this subnet'),
      resources: [subnetId],
    };
  }
  const subnet = subnetFact.value;

  // An association seen on any table read is direct evidence, whatever the per-subnet lookup said.
  const associated = findAssociatedTable(subnetId, network.routeTables);
  if (associated) return { ok: true, subnet, table: associated, viaMainTable: false };

  const explicit = readFact(network.explicitRouteTableBySubnet, subnetId, DESCRIBE_ROUTE_TABLES);
  if (!explicit.ok) return lookupFailed(subnet, explicit.error, subnetId, [subnetId]);
  if (explicit.value !== null) {
    const table = network.routeTables[explicit.value];
    if (!table) return tableNotRead(subnet, explicit.value);
    // A table whose association for this subnet is disassociating/failed no longer governs it.
    const stale = table.associations.some((a) => a.subnetId === subnetId && !isAssociated(a.state));
    if (!stale) return { ok: true, subnet, table, viaMainTable: false };
  }

  const vpcId = subnet.vpcId;
  const mainFact = readFact(network.mainRouteTableByVpc, vpcId, DESCRIBE_ROUTE_TABLES);
  if (!mainFact.ok) {
    return lookupFailed(subnet, mainFact.error, `the main route table of ${vpcId} (for ${subnetId})`, [subnetId, vpcId]);
  }
  const mainId = mainFact.value ?? findMainTable(vpcId, network.routeTables)?.id ?? null;
  if (mainId === null) {
    const owner = subnet.ownerId
      ? `the subnet is owned by account ${subnet.ownerId} (likely shared through AWS RAM): audit it from that account`
      : 'its owner account is unknown (a subnet shared through AWS RAM looks like this)';
    return {
      ok: false,
      reason: 'no-table-visible',
      subnet,
      message:
        `no route table is visible for ${subnetId}: it has no explicit association and the main table of ${vpcId} ` +
        `cannot be seen; ${owner}`,
      resources: [subnetId, vpcId, ...(subnet.ownerId ? [subnet.ownerId] : [])],
    };
  }
  const main = network.routeTables[mainId];
  if (!main) return tableNotRead(subnet, mainId);
  return { ok: true, subnet, table: main, viaMainTable: true };
}

/**
 * Routes that make a table's subnets public by AWS's definition: active (blackhole ignored), to an
 * internet gateway (`igw-…`), for a destination that is not wholly private — `0.0.0.0/0`, `::/0`,
 * split defaults, a specific public range, or a prefix list (its contents are unknown, so it counts).
 */
export function publicRoutes(table: RouteTable): Route[] {
  return internetGatewayRoutes(table).filter((route) => isPublicDestination(route) === true);
}

/** Active internet-gateway routes whose destination cannot be parsed: neither public nor private can be claimed. */
export function unjudgedGatewayRoutes(table: RouteTable): Route[] {
  return internetGatewayRoutes(table).filter((route) => isPublicDestination(route) === undefined);
}

/** Routes that are in effect (EC2 marks routes whose target is gone as `blackhole`). */
export function activeRoutes(table: RouteTable): Route[] {
  return table.routes.filter((route) => route.state !== 'blackhole');
}

/** The destination as a person reads it: the CIDR, the IPv6 CIDR, or the prefix-list id. */
export function routeDestination(route: Route): string {
  return route.destinationCidrBlock ?? route.destinationIpv6CidrBlock ?? route.destinationPrefixListId ?? '(no destination)';
}

/** The active IPv4 (`0.0.0.0/0`) and IPv6 (`::/0`) default routes of a table. */
export function defaultRoutes(table: RouteTable): { ipv4?: Route; ipv6?: Route } {
  const active = activeRoutes(table);
  // Compare numerically so `0::/0` or ` 0.0.0.0/0` count too.
  const isDefault = (cidr: string | undefined) => cidr !== undefined && parseCidr(cidr)?.prefixLength === 0;
  const ipv4 = active.find((route) => isDefault(route.destinationCidrBlock));
  const ipv6 = active.find((route) => isDefault(route.destinationIpv6CidrBlock));
  return { ...(ipv4 ? { ipv4 } : {}), ...(ipv6 ? { ipv6 } : {}) };
}

/** The next hop of the IPv4 default route, else of the IPv6 one; `undefined` when there is none. */
export function defaultRouteTarget(table: RouteTable): string | undefined {
  const { ipv4, ipv6 } = defaultRoutes(table);
  return (ipv4 ?? ipv6)?.target;
}

export type NextHopKind =
  | 'internet-gateway'
  | 'nat-gateway'
  | 'egress-only-internet-gateway'
  | 'transit-gateway'
  | 'vpc-peering'
  | 'vpc-endpoint'
  | 'network-interface'
  | 'instance'
  | 'virtual-private-gateway'
  | 'local'
  | 'unrecognised';

export interface NextHop {
  target: string;
  kind: NextHopKind;
  /** `public` only for internet gateways; an unknown target type is never silently classified. */
  exposure: 'public' | 'private' | 'unrecognised';
  /** e.g. `NAT gateway nat-1`, `unrecognised next hop lgw-1`. */
  label: string;
}

const NEXT_HOPS: ReadonlyArray<{ prefix: string; kind: NextHopKind; noun: string }> = [
  { prefix: 'igw-', kind: 'internet-gateway', noun: 'internet gateway' },
  { prefix: 'nat-', kind: 'nat-gateway', noun: 'NAT gateway' },
  { prefix: 'eigw-', kind: 'egress-only-internet-gateway', noun: 'egress-only internet gateway' },
  { prefix: 'tgw-', kind: 'transit-gateway', noun: 'transit gateway' },
  { prefix: 'pcx-', kind: 'vpc-peering', noun: 'VPC peering connection' },
  { prefix: 'vpce-', kind: 'vpc-endpoint', noun: 'VPC endpoint' },
  { prefix: 'eni-', kind: 'network-interface', noun: 'network interface' },
  { prefix: 'i-', kind: 'instance', noun: 'instance' },
  { prefix: 'vgw-', kind: 'virtual-private-gateway', noun: 'virtual private gateway' },
];

/**
 * What a route target is. `igw-` is public; NAT, egress-only IGW, transit gateway, peering, VPC
 * endpoint, ENI, instance, VGW and `local` are private; anything else is named as unrecognised.
 */
export function classifyNextHop(target: string): NextHop {
  if (target === 'local') return { target, kind: 'local', exposure: 'private', label: 'local (inside the VPC)' };
  const known = NEXT_HOPS.find((hop) => target.startsWith(hop.prefix));
  if (!known) return { target, kind: 'unrecognised', exposure: 'unrecognised', label: `unrecognised next hop ${target}` };
  return {
    target,
    kind: known.kind,
    exposure: known.kind === 'internet-gateway' ? 'public' : 'private',
    label: `${known.noun} ${target}`,
  };
}

function internetGatewayRoutes(table: RouteTable): Route[] {
  return activeRoutes(table).filter((route) => classifyNextHop(route.target).kind === 'internet-gateway');
}

/** A prefix-list-only destination counts as public (its contents are unknown); `undefined` when the CIDR cannot be parsed. */
function isPublicDestination(route: Route): boolean | undefined {
  const cidr = route.destinationCidrBlock ?? route.destinationIpv6CidrBlock;
  if (cidr === undefined) return route.destinationPrefixListId ? true : undefined;
  const whollyPrivate = isWhollyPrivate(cidr);
  return whollyPrivate === undefined ? undefined : !whollyPrivate;
}

function isAssociated(state: string | undefined): boolean {
  return state === undefined || state.toLowerCase() === 'associated';
}

function findAssociatedTable(subnetId: string, tables: Record<string, RouteTable>): RouteTable | undefined {
  return sortedTables(tables).find((table) =>
    table.associations.some((a) => a.subnetId === subnetId && isAssociated(a.state)),
  );
}

function findMainTable(vpcId: string, tables: Record<string, RouteTable>): RouteTable | undefined {
  return sortedTables(tables).find(
    (table) => table.vpcId === vpcId && table.associations.some((a) => a.main && isAssociated(a.state)),
  );
}

function sortedTables(tables: Record<string, RouteTable>): RouteTable[] {
  return Object.values(tables).sort((a, b) => a.id.localeCompare(b.id));
}

function lookupFailed(subnet: Subnet, error: CollectorError, subject: string, resources: string[]): EffectiveRouteTable {
  return { ok: false, reason: 'lookup-failed', subnet, error, message: explainError(error, subject, 'this subnet'), resources };
}

function tableNotRead(subnet: Subnet, tableId: string): EffectiveRouteTable {
  const error = notLookedUp(DESCRIBE_ROUTE_TABLES, tableId);
  return lookupFailed(subnet, error, `route table ${tableId} (of ${subnet.id})`, [subnet.id, tableId]);
}
