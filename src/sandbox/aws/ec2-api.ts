/**
 * The EC2 describe operations the product calls, answered from the world with EC2's rules: ID lists
 * (`SubnetId.N`, …) where one missing or malformed ID fails the whole call, `Filter.N` (singular on
 * the wire, even for DescribeNatGateways' `Filter` member), each API's MaxResults bounds, and the
 * rejection of MaxResults combined with explicit IDs where EC2 rejects it.
 * @module
 */
import {
  applyFilters,
  natGatewayFilters,
  routeTableFilters,
  securityGroupFilters,
  subnetFilters,
  vpcEndpointFilters,
  vpcFilters,
  type Ec2Filter,
  type FilterSpec,
} from './ec2-filters.js';
import { envelope, natGatewayXml, routeTableXml, securityGroupXml, set, subnetXml, vpcEndpointXml, vpcXml } from './ec2-xml.js';
import { decodeToken, encodeToken } from './job-query.js';
import { AwsError } from './protocol.js';
import type {
  RegionNetwork,
  SandboxNatGateway,
  SandboxRouteTable,
  SandboxSecurityGroup,
  SandboxSubnet,
  SandboxTag,
  SandboxVpc,
  SandboxVpcEndpoint,
} from './world-types.js';
import type { SandboxWorld } from './world.js';

export interface Ec2Context {
  world: SandboxWorld;
  region: string;
  requestId: string;
}

export type Ec2Params = URLSearchParams;

interface DescribeSpec<T extends { tags: SandboxTag[] }> {
  idParam: string;
  idPattern: RegExp;
  collection(net: RegionNetwork): Map<string, T>;
  notFound(ids: string[]): AwsError;
  malformed(id: string): AwsError;
  filters: FilterSpec<T>;
  maxResults: { min: number; max: number; clamp?: boolean };
  /** EC2's message when MaxResults comes with explicit IDs (absent: EC2 accepts the combination). */
  idsWithMaxResults?: string;
  resultSet: string;
  xml(item: T, region: string): string;
}

function hexId(prefix: string): RegExp {
  return new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);
}

function plural(ids: string[], one: string, many: string): string {
  return ids.length === 1 ? one.replace('%', ids[0] ?? '') : many.replace('%', ids.join(', '));
}

const EC2_DESCRIBE_SPECS = {
  DescribeVpcs: {
    idParam: 'VpcId', idPattern: hexId('vpc'), collection: (n) => n.vpcs, filters: vpcFilters,
    notFound: (ids) => new AwsError('InvalidVpcID.NotFound', plural(ids, "The vpc ID '%' does not exist", "The vpc IDs '%' do not exist")),
    malformed: (id) => new AwsError('InvalidVpcID.Malformed', `Invalid id: "${id}"`),
    maxResults: { min: 5, max: 1000 }, idsWithMaxResults: 'The parameter VpcIds cannot be used with the parameter MaxResults',
    resultSet: 'vpcSet', xml: vpcXml,
  } satisfies DescribeSpec<SandboxVpc>,
  DescribeSubnets: {
    idParam: 'SubnetId', idPattern: hexId('subnet'), collection: (n) => n.subnets, filters: subnetFilters,
    notFound: (ids) => new AwsError('InvalidSubnetID.NotFound', plural(ids, "The subnet ID '%' does not exist", "The subnet IDs '%' do not exist")),
    malformed: (id) => new AwsError('InvalidSubnetID.Malformed', `Invalid id: "${id}"`),
    maxResults: { min: 5, max: 1000 }, resultSet: 'subnetSet', xml: subnetXml,
  } satisfies DescribeSpec<SandboxSubnet>,
  DescribeRouteTables: {
    idParam: 'RouteTableId', idPattern: hexId('rtb'), collection: (n) => n.routeTables, filters: routeTableFilters,
    notFound: (ids) => new AwsError('InvalidRouteTableID.NotFound', plural(ids, "The routeTable ID '%' does not exist", "The routeTable IDs '%' do not exist")),
    malformed: (id) => new AwsError('InvalidRouteTableId.Malformed', `Invalid id: "${id}" (expecting "rtb-...")`),
    maxResults: { min: 5, max: 100 }, resultSet: 'routeTableSet', xml: routeTableXml,
  } satisfies DescribeSpec<SandboxRouteTable>,
  DescribeSecurityGroups: {
    idParam: 'GroupId', idPattern: hexId('sg'), collection: (n) => n.securityGroups, filters: securityGroupFilters,
    notFound: (ids) => new AwsError('InvalidGroup.NotFound', plural(ids, "The security group '%' does not exist", "The security groups '%' do not exist")),
    malformed: (id) => new AwsError('InvalidGroupId.Malformed', `Invalid id: "${id}" (expecting "sg-...")`),
    maxResults: { min: 5, max: 1000 }, idsWithMaxResults: 'The parameter securityGroupIdSet cannot be used with the parameter maxResults',
    resultSet: 'securityGroupInfo', xml: securityGroupXml,
  } satisfies DescribeSpec<SandboxSecurityGroup>,
  DescribeVpcEndpoints: {
    idParam: 'VpcEndpointId', idPattern: hexId('vpce'), collection: (n) => n.vpcEndpoints, filters: vpcEndpointFilters,
    notFound: (ids) => new AwsError('InvalidVpcEndpointId.NotFound', plural(ids, "The Vpc Endpoint Id '%' does not exist", "The Vpc Endpoint Ids '%' do not exist")),
    malformed: (id) => new AwsError('InvalidVpcEndpointId.Malformed', `Invalid Id: '${id}'`),
    // "If the value is greater than 1,000, we return only 1,000 items."
    maxResults: { min: 1, max: 1000, clamp: true }, resultSet: 'vpcEndpointSet', xml: vpcEndpointXml,
  } satisfies DescribeSpec<SandboxVpcEndpoint>,
  DescribeNatGateways: {
    idParam: 'NatGatewayId', idPattern: hexId('nat'), collection: (n) => n.natGateways, filters: natGatewayFilters,
    notFound: (ids) => new AwsError('NatGatewayNotFound', plural(ids, 'NAT gateway % was not found', 'NAT gateways % were not found')),
    malformed: (id) => new AwsError('NatGatewayMalformed', `The NAT gateway ID '${id}' is malformed`),
    maxResults: { min: 5, max: 1000 }, resultSet: 'natGatewaySet', xml: natGatewayXml,
  } satisfies DescribeSpec<SandboxNatGateway>,
};

export type Ec2Operation = keyof typeof EC2_DESCRIBE_SPECS;
export const EC2_OPERATIONS = Object.keys(EC2_DESCRIBE_SPECS) as Ec2Operation[];

/** `Prefix.1`, `Prefix.2`, … in numeric order. */
function listParam(params: Ec2Params, prefix: string): string[] {
  const entries: Array<[number, string]> = [];
  const pattern = new RegExp(`^${prefix}\\.(\\d+)$`);
  for (const [key, value] of params) {
    const match = pattern.exec(key);
    if (match) entries.push([Number(match[1]), value]);
  }
  return entries.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/** `Filter.N.Name` + `Filter.N.Value.M`. */
function filterParams(params: Ec2Params): Ec2Filter[] {
  const byIndex = new Map<number, Ec2Filter>();
  for (const [key, value] of params) {
    const match = /^Filter\.(\d+)\.(Name|Value\.(\d+))$/.exec(key);
    if (!match) continue;
    const n = Number(match[1]);
    const filter = byIndex.get(n) ?? { name: '', values: [] };
    byIndex.set(n, filter);
    if (match[2] === 'Name') filter.name = value;
  }
  for (const [n, filter] of byIndex) filter.values = listParam(params, `Filter\\.${n}\\.Value`);
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
}

function maxResultsParam(params: Ec2Params, bounds: DescribeSpec<never>['maxResults']): number | undefined {
  const raw = params.get('MaxResults');
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new AwsError('InvalidParameterValue', `Value ( ${raw} ) for parameter MaxResults is invalid.`);
  if (value < bounds.min) {
    throw new AwsError('InvalidParameterValue', `Value ( ${raw} ) for parameter MaxResults is invalid. Expecting a value greater than or equal to ${bounds.min}.`);
  }
  if (value > bounds.max) {
    if (bounds.clamp) return bounds.max;
    throw new AwsError('InvalidParameterValue', `Value ( ${raw} ) for parameter MaxResults is invalid. Expecting a value less than or equal to ${bounds.max}.`);
  }
  return value;
}

function describe<T extends { tags: SandboxTag[] }>(operation: string, spec: DescribeSpec<T>, params: Ec2Params, ctx: Ec2Context, extra: T[] = []): string {
  const ids = [...new Set(listParam(params, spec.idParam))];
  const maxResults = maxResultsParam(params, spec.maxResults);
  if (ids.length > 0 && maxResults !== undefined && spec.idsWithMaxResults) {
    throw new AwsError('InvalidParameterCombination', spec.idsWithMaxResults);
  }
  const malformed = ids.find((id) => !spec.idPattern.test(id));
  if (malformed !== undefined) throw spec.malformed(malformed);
  const collection = spec.collection(ctx.world.network(ctx.region));
  const missing = ids.filter((id) => !collection.has(id));
  if (missing.length > 0) throw spec.notFound(missing);
  const named = [...new Set([...ids.map((id) => collection.get(id) as T), ...extra])];
  const base = named.length > 0 ? named : [...collection.values()];
  const matched = applyFilters(base, filterParams(params), spec.filters);

  const token = params.get('NextToken');
  const decoded = token === null ? undefined : decodeToken(token);
  if (token !== null && typeof decoded?.o !== 'number') throw new AwsError('InvalidPaginationToken', `The token '${token}' is invalid.`);
  const offset = typeof decoded?.o === 'number' ? decoded.o : 0;
  const end = maxResults === undefined ? matched.length : offset + maxResults;
  const page = matched.slice(offset, end);
  const next = end < matched.length ? `<nextToken>${encodeToken({ o: end })}</nextToken>` : '';
  return envelope(operation, ctx.requestId, set(spec.resultSet, page.map((item) => spec.xml(item, ctx.region))) + next);
}

/** DescribeSecurityGroups also takes `GroupName.N`, resolved in the default VPC as EC2 does. */
function securityGroupsByName(params: Ec2Params, ctx: Ec2Context): SandboxSecurityGroup[] {
  const names = listParam(params, 'GroupName');
  if (names.length === 0) return [];
  const net = ctx.world.network(ctx.region);
  const defaultVpc = [...net.vpcs.values()].find((v) => v.isDefault);
  if (!defaultVpc) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
  return names.map((name) => {
    const sg = [...net.securityGroups.values()].find((g) => g.groupName === name && g.vpcId === defaultVpc.vpcId);
    if (!sg) throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${defaultVpc.vpcId}'`);
    return sg;
  });
}

/** Answers one EC2 action with its XML body, or throws the `AwsError` EC2 would return. */
export function handleEc2(action: string, params: Ec2Params, ctx: Ec2Context): string {
  if (params.get('DryRun') === 'true') {
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
  switch (action) {
    case 'DescribeVpcs':
      return describe(action, EC2_DESCRIBE_SPECS.DescribeVpcs, params, ctx);
    case 'DescribeSubnets':
      return describe(action, EC2_DESCRIBE_SPECS.DescribeSubnets, params, ctx);
    case 'DescribeRouteTables':
      return describe(action, EC2_DESCRIBE_SPECS.DescribeRouteTables, params, ctx);
    case 'DescribeSecurityGroups':
      return describe(action, EC2_DESCRIBE_SPECS.DescribeSecurityGroups, params, ctx, securityGroupsByName(params, ctx));
    case 'DescribeVpcEndpoints':
      return describe(action, EC2_DESCRIBE_SPECS.DescribeVpcEndpoints, params, ctx);
    case 'DescribeNatGateways':
      return describe(action, EC2_DESCRIBE_SPECS.DescribeNatGateways, params, ctx);
    default:
      throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
  }
}
