/**
 * The network around the jobs, read from EC2 once per run (a per-run cache). A single-job check
 * costs two EC2 round trips: (1) subnets, their explicit route tables and the security groups in
 * parallel; (2) for VPCs not seen before, main route tables, VPC endpoints and NAT gateways.
 *
 * EC2 facts (aws-reference §9): ≤ 1000 IDs per call; an empty ID list describes the whole account,
 * so it is never sent; one missing ID fails the whole call, so batches are split to isolate it;
 * `MaxResults` only on filter-based calls (several APIs reject it beside an explicit ID list).
 * @module
 */
import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import type { Filter } from '@aws-sdk/client-ec2';

import { emptyNetworkSnapshot, type Fact, type NetworkSnapshot, type RouteTable } from '../../audit/model.js';
import type { AwsClients } from '../clients.js';
import { notFoundError, toCollectorError } from '../errors.js';
import {
  isLiveAssociation,
  normaliseNatGateway,
  normaliseRouteTable,
  normaliseSecurityGroup,
  normaliseSubnet,
  normaliseVpcEndpoint,
} from './ec2-normalise.js';
import { nextTokenParam } from './next-token.js';

/** IAM actions this collector calls (compared with iam-policy.json by a test). */
export const requiredPermissions = [
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeNatGateways',
] as const;

export interface NetworkRequest {
  subnets: string[];
  securityGroups: string[];
}

export interface NetworkCollector {
  /** Reads what this collector has not read yet; AWS failures are recorded as facts, never thrown. */
  load(request: NetworkRequest): Promise<void>;
  /** True when every id in the request has been read (or is being read): `load` would call nothing. */
  covers(request: NetworkRequest): boolean;
  /** Everything read so far (a live view: do not mutate). */
  snapshot(): NetworkSnapshot;
  /** EC2 calls made, by operation (`DescribeSubnets`: 3, …). */
  stats(): Record<string, number>;
}

export interface NetworkCollectorOptions {
  /** Clock for `asOf`. [() => new Date()] */
  now?: () => Date;
}

type Operation = 'DescribeSubnets' | 'DescribeRouteTables' | 'DescribeSecurityGroups' | 'DescribeVpcEndpoints' | 'DescribeNatGateways';

const ID_BATCH = 1000;
const FILTER_VALUES = 200;
const ROUTE_TABLE_PAGE = 100;
const PAGE = 1000;

/**
 * @example
 * const network = createNetworkCollector(clients);
 * await network.load({ subnets: job.vpcConfig.subnets, securityGroups: job.vpcConfig.securityGroupIds });
 * evaluate(job, network.snapshot());
 */
export function createNetworkCollector(clients: Pick<AwsClients, 'ec2'>, options: NetworkCollectorOptions = {}): NetworkCollector {
  const now = options.now ?? (() => new Date());
  const { ec2 } = clients;
  // `asOf` is set by the first load (or the first snapshot, when nothing was loaded).
  const state = emptyNetworkSnapshot('');
  let asOf: string | undefined;
  // In-flight or finished reads per ID, so concurrent loads never read an ID twice.
  const subnetReads = new Map<string, Promise<unknown>>();
  const groupReads = new Map<string, Promise<unknown>>();
  const vpcReads = new Map<string, Promise<unknown>>();
  const calls: Partial<Record<Operation, number>> = {};

  async function paginate<P extends { NextToken?: string | undefined }>(operation: Operation, fetch: (nextToken?: string) => Promise<P>): Promise<P[]> {
    const pages: P[] = [];
    let nextToken: string | undefined;
    do {
      calls[operation] = (calls[operation] ?? 0) + 1;
      const page = await fetch(nextToken);
      pages.push(page);
      nextToken = page.NextToken;
    } while (nextToken);
    return pages;
  }

  /**
   * Describe a batch by ID, recording one fact per ID. A not-found (or malformed) ID fails the whole
   * call. EC2's message names the culprits ("The subnet IDs 'subnet-1, subnet-2' do not exist"), so
   * those are recorded and the rest asked again: one more call per failure (a fleet's few deleted
   * subnets cost two calls per batch, not a dozen). When no ID in the batch is named, the batch is
   * halved until the culprits stand alone: O(k log n) calls for k bad IDs.
   */
  async function readByIds<T extends { id: string }>(
    operation: Operation,
    ids: string[],
    fetch: (ids: string[]) => Promise<T[]>,
    record: (id: string, fact: Fact<T>) => void,
  ): Promise<void> {
    let items: T[];
    try {
      items = await fetch(ids);
    } catch (err) {
      if (ids.length > 1 && isPerIdError(err, operation)) {
        const named = namedIds(err, ids);
        if (named.size > 0) {
          for (const id of named) record(id, { ok: false, error: toCollectorError(err, `ec2:${operation}`, id) });
          const rest = ids.filter((id) => !named.has(id));
          if (rest.length > 0) await readByIds(operation, rest, fetch, record);
          return;
        }
        const half = Math.ceil(ids.length / 2);
        await Promise.all([readByIds(operation, ids.slice(0, half), fetch, record), readByIds(operation, ids.slice(half), fetch, record)]);
        return;
      }
      for (const id of ids) record(id, { ok: false, error: toCollectorError(err, `ec2:${operation}`, id) });
      return;
    }
    const byId = new Map(items.map((item) => [item.id, item]));
    for (const id of ids) {
      const item = byId.get(id);
      record(id, item === undefined ? { ok: false, error: notFoundError(`ec2:${operation}`, id) } : { ok: true, value: item });
    }
  }

  async function describeRouteTables(filters: Filter[]): Promise<RouteTable[]> {
    const pages = await paginate('DescribeRouteTables', (nextToken) =>
      ec2.send(new DescribeRouteTablesCommand({ Filters: filters, MaxResults: ROUTE_TABLE_PAGE, ...nextTokenParam(nextToken) })),
    );
    return pages.flatMap((page) => (page.RouteTables ?? []).map(normaliseRouteTable));
  }

  function readSubnets(ids: string[]): Promise<unknown> {
    const fetch = async (batch: string[]) => {
      const pages = await paginate('DescribeSubnets', (nextToken) => ec2.send(new DescribeSubnetsCommand({ SubnetIds: batch, ...nextTokenParam(nextToken) })));
      return pages.flatMap((page) => (page.Subnets ?? []).map(normaliseSubnet));
    };
    return Promise.all(chunk(ids, ID_BATCH).map((batch) => readByIds('DescribeSubnets', batch, fetch, (id, fact) => (state.subnets[id] = fact))));
  }

  function readSecurityGroups(ids: string[]): Promise<unknown> {
    const fetch = async (batch: string[]) => {
      const pages = await paginate('DescribeSecurityGroups', (nextToken) =>
        ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: batch, ...nextTokenParam(nextToken) })),
      );
      return pages.flatMap((page) => (page.SecurityGroups ?? []).map(normaliseSecurityGroup));
    };
    return Promise.all(
      chunk(ids, ID_BATCH).map((batch) => readByIds('DescribeSecurityGroups', batch, fetch, (id, fact) => (state.securityGroups[id] = fact))),
    );
  }

  /** The table explicitly associated with each subnet; none found → `null` (the VPC's main table applies). */
  function readExplicitRouteTables(subnetIds: string[]): Promise<unknown> {
    return Promise.all(
      chunk(subnetIds, FILTER_VALUES).map(async (values) => {
        let tables: RouteTable[];
        try {
          tables = await describeRouteTables([{ Name: 'association.subnet-id', Values: values }]);
        } catch (err) {
          for (const id of values) state.explicitRouteTableBySubnet[id] = { ok: false, error: toCollectorError(err, 'ec2:DescribeRouteTables', id) };
          return;
        }
        const bySubnet = new Map<string, string>();
        for (const table of tables) {
          state.routeTables[table.id] = table;
          for (const association of table.associations) {
            if (association.subnetId !== undefined && isLiveAssociation(association.state)) bySubnet.set(association.subnetId, table.id);
          }
        }
        for (const id of values) state.explicitRouteTableBySubnet[id] = { ok: true, value: bySubnet.get(id) ?? null };
      }),
    );
  }

  /** Per-VPC facts; each call covers up to 200 VPCs through a `vpc-id` filter. */
  function readVpcs(vpcIds: string[]): Promise<unknown> {
    return Promise.all(
      chunk(vpcIds, FILTER_VALUES).flatMap((values) => [
        perVpc(values, 'DescribeRouteTables', state.mainRouteTableByVpc, async () => {
          const tables = await describeRouteTables([
            { Name: 'vpc-id', Values: values },
            { Name: 'association.main', Values: ['true'] },
          ]);
          const main = new Map<string, string>();
          for (const table of tables) {
            state.routeTables[table.id] = table;
            if (table.associations.some((association) => association.main)) main.set(table.vpcId, table.id);
          }
          // None visible (e.g. a VPC shared through RAM, whose tables belong to the owner) → null.
          return (vpcId) => main.get(vpcId) ?? null;
        }),
        perVpc(values, 'DescribeVpcEndpoints', state.vpcEndpointsByVpc, async () => {
          const pages = await paginate('DescribeVpcEndpoints', (nextToken) =>
            ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: values }], MaxResults: PAGE, ...nextTokenParam(nextToken) })),
          );
          const endpoints = pages.flatMap((page) => (page.VpcEndpoints ?? []).map(normaliseVpcEndpoint));
          return (vpcId) => endpoints.filter((endpoint) => endpoint.vpcId === vpcId);
        }),
        perVpc(values, 'DescribeNatGateways', state.natGatewaysByVpc, async () => {
          // DescribeNatGateways names its filter list `Filter`, singular.
          const pages = await paginate('DescribeNatGateways', (nextToken) =>
            ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: values }], MaxResults: PAGE, ...nextTokenParam(nextToken) })),
          );
          const gateways = pages.flatMap((page) => (page.NatGateways ?? []).map(normaliseNatGateway));
          return (vpcId) => gateways.filter((gateway) => gateway.vpcId === vpcId);
        }),
      ]),
    );
  }

  async function perVpc<T>(
    vpcIds: string[],
    operation: Operation,
    target: Record<string, Fact<T>>,
    read: () => Promise<(vpcId: string) => T>,
  ): Promise<void> {
    try {
      const valueFor = await read();
      for (const vpcId of vpcIds) target[vpcId] = { ok: true, value: valueFor(vpcId) };
    } catch (err) {
      for (const vpcId of vpcIds) target[vpcId] = { ok: false, error: toCollectorError(err, `ec2:${operation}`, vpcId) };
    }
  }

  /** Starts `read` for the ids not read or being read yet (synchronously), then waits for all of `ids`. */
  async function readOnce(reads: Map<string, Promise<unknown>>, ids: string[], read: (fresh: string[]) => Promise<unknown>): Promise<void> {
    const fresh = ids.filter((id) => !reads.has(id));
    if (fresh.length > 0) {
      const pending = read(fresh);
      for (const id of fresh) reads.set(id, pending);
    }
    await Promise.all(ids.map((id) => reads.get(id)));
  }

  async function readSubnetsThenVpcs(subnetIds: string[]): Promise<void> {
    await readOnce(subnetReads, subnetIds, (fresh) => Promise.all([readSubnets(fresh), readExplicitRouteTables(fresh)]));
    const vpcIds = unique(
      subnetIds.flatMap((id) => {
        const fact = state.subnets[id];
        return fact?.ok && fact.value.vpcId !== '' ? [fact.value.vpcId] : [];
      }),
    );
    await readOnce(vpcReads, vpcIds, readVpcs);
  }

  return {
    async load(request) {
      asOf ??= now().toISOString();
      await Promise.all([readSubnetsThenVpcs(unique(request.subnets)), readOnce(groupReads, unique(request.securityGroups), readSecurityGroups)]);
    },
    covers(request) {
      return unique(request.subnets).every((id) => subnetReads.has(id)) && unique(request.securityGroups).every((id) => groupReads.has(id));
    },
    snapshot() {
      return { ...state, asOf: asOf ?? now().toISOString() };
    },
    stats() {
      return { ...calls };
    },
  };
}

/** Errors about one ID in the batch rather than the call: worth splitting the batch to find it. */
function isPerIdError(err: unknown, operation: Operation): boolean {
  const { code } = toCollectorError(err, `ec2:${operation}`);
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  return code === 'not_found' || /\.Malformed$/i.test(name);
}

/** The IDs of `batch` that an EC2 error message names (exact tokens, so `sg-1` never matches `sg-12`). */
function namedIds(err: unknown, batch: readonly string[]): Set<string> {
  const message = typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : '';
  const tokens = new Set(message.match(/[a-z][a-z0-9]*-[0-9a-zA-Z]+/g) ?? []);
  return new Set(batch.filter((id) => tokens.has(id)));
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
