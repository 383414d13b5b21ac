/**
 * One subnet, judged: public by AWS's definition (an active route to an internet gateway for a
 * destination that is not wholly private), private, or unknown with the reason. Shared by the
 * `vpc-subnets-private` rule and the engine's subnet views so both always agree.
 * @module
 */
import type { NetworkSnapshot, PublicRoute, RouteTable, Subnet } from '../model.js';
import {
  classifyNextHop,
  defaultRouteTarget,
  effectiveRouteTable,
  publicRoutes,
  routeDestination,
  unjudgedGatewayRoutes,
  type NextHop,
} from './route-tables.js';

interface Judged {
  subnetId: string;
  subnet: Subnet;
  table: RouteTable;
  viaMainTable: boolean;
  /** The IPv4 default route's next hop, else the IPv6 one. */
  defaultRoute?: NextHop;
}

export type SubnetClassification =
  | (Judged & { classification: 'public'; publicRoutes: PublicRoute[] })
  | (Judged & { classification: 'private' })
  | {
      subnetId: string;
      classification: 'unknown';
      /** A sentence fragment (no final period). */
      reason: string;
      resources: string[];
      subnet?: Subnet;
      table?: RouteTable;
      viaMainTable?: boolean;
    };

/** Classifies one subnet from the snapshot. Never throws; missing data gives `unknown`. */
export function classifySubnet(subnetId: string, network: NetworkSnapshot): SubnetClassification {
  const effective = effectiveRouteTable(subnetId, network);
  if (!effective.ok) {
    return {
      subnetId,
      classification: 'unknown',
      reason: effective.message,
      resources: effective.resources,
      ...(effective.subnet ? { subnet: effective.subnet } : {}),
    };
  }
  const { subnet, table, viaMainTable } = effective;
  const defaultTarget = defaultRouteTarget(table);
  const judged: Judged = {
    subnetId,
    subnet,
    table,
    viaMainTable,
    ...(defaultTarget === undefined ? {} : { defaultRoute: classifyNextHop(defaultTarget) }),
  };

  const routes = publicRoutes(table);
  if (routes.length > 0) {
    return {
      ...judged,
      classification: 'public',
      publicRoutes: routes.map((route) => ({
        subnetId,
        routeTableId: table.id,
        viaMainTable,
        gatewayId: route.target,
        destination: routeDestination(route),
      })),
    };
  }

  const unjudged = unjudgedGatewayRoutes(table);
  const [first] = unjudged;
  if (first) {
    return {
      subnetId,
      classification: 'unknown',
      reason: `route table ${table.id} routes ${JSON.stringify(routeDestination(first))} to ${first.target} and that destination cannot be parsed`,
      resources: [subnetId, table.id, first.target],
      subnet,
      table,
      viaMainTable,
    };
  }
  return { ...judged, classification: 'private' };
}

/** `rtb-3 (the VPC's main table)` or `rtb-3`. */
export function describeTable(tableId: string, viaMainTable: boolean): string {
  return viaMainTable ? `route table ${tableId} (the VPC's main table)` : `route table ${tableId}`;
}
