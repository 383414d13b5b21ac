/**
 * The sandbox AWS account: an in-memory, per-region world of EC2 network resources and SageMaker
 * training jobs that the HTTP fake reads on every request. Mutations are plain synchronous calls
 * ("change the world") and take effect on the next request, which is what tests and the playground
 * need to show a fix and recheck.
 * @module
 */
import { ec2Id } from './rng.js';
import { addPermission, removePermission } from './sg-rules.js';
import { createArrayJobStore, type JobStore, type TrainingJobRecord } from './training-job-types.js';
import {
  emptyNetwork,
  type RegionNetwork,
  type SandboxNatGateway,
  type SandboxPermission,
  type SandboxRoute,
  type SandboxRouteTable,
  type SandboxSecurityGroup,
  type SandboxSubnet,
  type SandboxVpc,
  type SandboxVpcEndpoint,
} from './world-types.js';

export const DEFAULT_ACCOUNT_ID = '123456789012';

/** AWS-managed prefix lists for gateway endpoints (real ids where known; derived otherwise). */
const MANAGED_PREFIX_LISTS: Record<string, string> = {
  'com.amazonaws.us-east-1.s3': 'pl-63a5400a',
  'com.amazonaws.us-east-1.dynamodb': 'pl-02cd2c6b',
  'com.amazonaws.eu-west-1.s3': 'pl-6da54004',
  'com.amazonaws.eu-west-1.dynamodb': 'pl-6fa54006',
};

export function managedPrefixListId(serviceName: string): string {
  return MANAGED_PREFIX_LISTS[serviceName] ?? `pl-${ec2Id('x', serviceName).slice(-8)}`;
}

export interface SandboxWorld {
  readonly accountId: string;
  /** Regions that hold a network or jobs. */
  regions(): string[];
  /** The region's network (created empty on first use). Read it; change it through the methods below. */
  network(region: string): RegionNetwork;
  jobs(region: string): JobStore;

  putVpc(region: string, vpc: SandboxVpc): void;
  putSubnet(region: string, subnet: SandboxSubnet): void;
  putRouteTable(region: string, table: SandboxRouteTable): void;
  putSecurityGroup(region: string, group: SandboxSecurityGroup): void;
  putVpcEndpoint(region: string, endpoint: SandboxVpcEndpoint): void;
  putNatGateway(region: string, gateway: SandboxNatGateway): void;

  /** Adds or replaces a job (by name). Throws for a region backed by a virtual fleet. */
  putJob(region: string, job: TrainingJobRecord): void;
  deleteJob(region: string, name: string): boolean;
  setJobStore(region: string, store: JobStore): void;

  /** EC2 semantics: adds the permission's sources to the matching (protocol, ports) rule. */
  authorizeIngress(region: string, groupId: string, permission: SandboxPermission): void;
  /** EC2 semantics: removes exactly the given sources; throws like `InvalidPermission.NotFound` if none exists. */
  revokeIngress(region: string, groupId: string, permission: SandboxPermission): void;
  authorizeEgress(region: string, groupId: string, permission: SandboxPermission): void;
  revokeEgress(region: string, groupId: string, permission: SandboxPermission): void;
  /** Deletes the subnet and its route-table associations. */
  deleteSubnet(region: string, subnetId: string): void;
  deleteSecurityGroup(region: string, groupId: string): void;
  /** Adds the route, replacing one with the same destination. */
  setRoute(region: string, routeTableId: string, route: SandboxRoute): void;
  /** Removes the route whose destination (IPv4/IPv6 CIDR or prefix-list id) matches. */
  removeRoute(region: string, routeTableId: string, destination: string): void;
  /** Explicitly associates a subnet with a table, moving it from any previous table. */
  associateRouteTable(region: string, routeTableId: string, subnetId: string): void;
  /** Adds/removes gateway-endpoint route tables and the matching prefix-list routes, like ModifyVpcEndpoint. */
  modifyVpcEndpoint(region: string, vpcEndpointId: string, change: { addRouteTableIds?: string[]; removeRouteTableIds?: string[] }): void;

  /** Remembers the current state as the one `reset()` returns to. */
  markBaseline(): void;
  reset(): void;
}

interface Baseline {
  networks: Map<string, RegionNetwork>;
  jobs: Map<string, JobStore>;
}

export function createWorld(options: { accountId?: string } = {}): SandboxWorld {
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  let networks = new Map<string, RegionNetwork>();
  let jobStores = new Map<string, JobStore>();
  let baseline: Baseline = { networks: new Map(), jobs: new Map() };

  function network(region: string): RegionNetwork {
    let net = networks.get(region);
    if (!net) {
      net = emptyNetwork();
      networks.set(region, net);
    }
    return net;
  }

  function jobs(region: string): JobStore {
    let store = jobStores.get(region);
    if (!store) {
      store = createArrayJobStore([]);
      jobStores.set(region, store);
    }
    return store;
  }

  function materialised(region: string): TrainingJobRecord[] {
    const store = jobs(region);
    if (store.virtual) throw new Error(`jobs in ${region} come from a virtual fleet and cannot be edited one by one`);
    return Array.from({ length: store.size }, (_, i) => store.get(i));
  }

  function table(region: string, routeTableId: string): SandboxRouteTable {
    const found = network(region).routeTables.get(routeTableId);
    if (!found) throw new Error(`no route table ${routeTableId} in ${region}`);
    return found;
  }

  function group(region: string, groupId: string): SandboxSecurityGroup {
    const found = network(region).securityGroups.get(groupId);
    if (!found) throw new Error(`no security group ${groupId} in ${region}`);
    return found;
  }

  function authorize(region: string, groupId: string, permission: SandboxPermission, direction: 'ingress' | 'egress'): void {
    const sg = group(region, groupId);
    sg[direction] = addPermission(sg[direction], permission);
  }

  function revoke(region: string, groupId: string, permission: SandboxPermission, direction: 'ingress' | 'egress'): void {
    const sg = group(region, groupId);
    const next = removePermission(sg[direction], permission);
    if (!next) throw new Error(`InvalidPermission.NotFound: the specified rule does not exist in ${groupId}`);
    sg[direction] = next;
  }

  function disassociate(net: RegionNetwork, subnetId: string): void {
    for (const rt of net.routeTables.values()) {
      rt.associations = rt.associations.filter((a) => a.subnetId !== subnetId);
    }
  }

  function sameDestination(route: SandboxRoute, destination: string): boolean {
    return [route.destinationCidrBlock, route.destinationIpv6CidrBlock, route.destinationPrefixListId].includes(destination);
  }

  function destinationOf(route: SandboxRoute): string {
    return route.destinationCidrBlock ?? route.destinationIpv6CidrBlock ?? route.destinationPrefixListId ?? '';
  }

  function setRoute(region: string, routeTableId: string, route: SandboxRoute): void {
    const rt = table(region, routeTableId);
    const destination = destinationOf(route);
    rt.routes = [...rt.routes.filter((r) => !sameDestination(r, destination)), structuredClone(route)];
  }

  return {
    accountId,
    regions: () => [...new Set([...networks.keys(), ...jobStores.keys()])],
    network,
    jobs,
    putVpc: (region, vpc) => void network(region).vpcs.set(vpc.vpcId, vpc),
    putSubnet: (region, subnet) => void network(region).subnets.set(subnet.subnetId, subnet),
    putRouteTable: (region, rt) => void network(region).routeTables.set(rt.routeTableId, rt),
    putSecurityGroup: (region, sg) => void network(region).securityGroups.set(sg.groupId, sg),
    putVpcEndpoint: (region, ep) => void network(region).vpcEndpoints.set(ep.vpcEndpointId, ep),
    putNatGateway: (region, nat) => void network(region).natGateways.set(nat.natGatewayId, nat),

    putJob(region, job) {
      const others = materialised(region).filter((j) => j.TrainingJobName !== job.TrainingJobName);
      jobStores.set(region, createArrayJobStore([...others, job]));
    },
    deleteJob(region, name) {
      const all = materialised(region);
      const kept = all.filter((j) => j.TrainingJobName !== name);
      jobStores.set(region, createArrayJobStore(kept));
      return kept.length !== all.length;
    },
    setJobStore: (region, store) => void jobStores.set(region, store),

    authorizeIngress: (region, groupId, permission) => authorize(region, groupId, permission, 'ingress'),
    revokeIngress: (region, groupId, permission) => revoke(region, groupId, permission, 'ingress'),
    authorizeEgress: (region, groupId, permission) => authorize(region, groupId, permission, 'egress'),
    revokeEgress: (region, groupId, permission) => revoke(region, groupId, permission, 'egress'),

    deleteSubnet(region, subnetId) {
      const net = network(region);
      if (!net.subnets.delete(subnetId)) throw new Error(`no subnet ${subnetId} in ${region}`);
      disassociate(net, subnetId);
    },
    deleteSecurityGroup(region, groupId) {
      if (!network(region).securityGroups.delete(groupId)) throw new Error(`no security group ${groupId} in ${region}`);
    },
    setRoute,
    removeRoute(region, routeTableId, destination) {
      const rt = table(region, routeTableId);
      const kept = rt.routes.filter((r) => !sameDestination(r, destination));
      if (kept.length === rt.routes.length) throw new Error(`no route to ${destination} in ${routeTableId}`);
      rt.routes = kept;
    },
    associateRouteTable(region, routeTableId, subnetId) {
      const target = table(region, routeTableId);
      disassociate(network(region), subnetId);
      target.associations.push({
        routeTableAssociationId: ec2Id('rtbassoc', `${routeTableId}/${subnetId}`),
        subnetId,
        main: false,
        state: 'associated',
      });
    },
    modifyVpcEndpoint(region, vpcEndpointId, change) {
      const ep = network(region).vpcEndpoints.get(vpcEndpointId);
      if (!ep) throw new Error(`no VPC endpoint ${vpcEndpointId} in ${region}`);
      const prefixList = managedPrefixListId(ep.serviceName);
      for (const id of change.addRouteTableIds ?? []) {
        if (!ep.routeTableIds.includes(id)) ep.routeTableIds.push(id);
        if (ep.vpcEndpointType === 'Gateway') {
          setRoute(region, id, { destinationPrefixListId: prefixList, target: ep.vpcEndpointId, state: 'active', origin: 'CreateRoute' });
        }
      }
      for (const id of change.removeRouteTableIds ?? []) {
        ep.routeTableIds = ep.routeTableIds.filter((t) => t !== id);
        const rt = table(region, id);
        rt.routes = rt.routes.filter((r) => r.target !== ep.vpcEndpointId);
      }
    },

    markBaseline() {
      baseline = { networks: structuredClone(networks), jobs: new Map(jobStores) };
    },
    reset() {
      networks = structuredClone(baseline.networks);
      jobStores = new Map(baseline.jobs);
    },
  };
}
