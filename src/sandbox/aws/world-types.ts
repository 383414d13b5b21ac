/**
 * The sandbox account's data model: EC2 network resources as EC2 describes them (lowerCamel, like the
 * ec2Query wire names) and SageMaker training jobs as `DescribeTrainingJob` returns them (PascalCase,
 * like the awsJson wire names), so serializing is a mechanical step and a misnamed member shows up as
 * a field the real SDK drops.
 * @module
 */

export interface SandboxTag {
  key: string;
  value: string;
}

export interface SandboxVpc {
  vpcId: string;
  ownerId: string;
  cidrBlock: string;
  ipv6CidrBlocks: string[];
  isDefault: boolean;
  state: 'available' | 'pending';
  tags: SandboxTag[];
}

export interface SandboxSubnet {
  subnetId: string;
  vpcId: string;
  /** Differs from the account for subnets shared through RAM. */
  ownerId: string;
  cidrBlock: string;
  ipv6CidrBlocks: string[];
  availabilityZone: string;
  availabilityZoneId: string;
  availableIpAddressCount: number;
  mapPublicIpOnLaunch: boolean;
  defaultForAz: boolean;
  state: 'available' | 'pending';
  tags: SandboxTag[];
}

export type RouteOrigin = 'CreateRouteTable' | 'CreateRoute' | 'EnableVgwRoutePropagation';

export interface SandboxRoute {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  /**
   * The next hop: `local`, `igw-…`, `nat-…`, `eigw-…`, `tgw-…`, `pcx-…`, `vpce-…`, `eni-…`, `i-…`,
   * `vgw-…`, `lgw-…`, `cagw-…` or a core-network ARN. The serializer picks the wire member by prefix.
   */
  target: string;
  state: 'active' | 'blackhole';
  origin: RouteOrigin;
}

export interface SandboxRouteTableAssociation {
  routeTableAssociationId: string;
  subnetId?: string;
  /** Edge association (a table associated with an IGW/VGW): not a subnet association. */
  gatewayId?: string;
  main: boolean;
  state: 'associated' | 'associating' | 'disassociating' | 'disassociated' | 'failed';
}

export interface SandboxRouteTable {
  routeTableId: string;
  vpcId: string;
  ownerId: string;
  routes: SandboxRoute[];
  associations: SandboxRouteTableAssociation[];
  propagatingVgws: string[];
  tags: SandboxTag[];
}

export interface SandboxIpRange {
  cidr: string;
  description?: string;
}

export interface SandboxGroupPair {
  groupId: string;
  userId: string;
  groupName?: string;
  vpcId?: string;
  vpcPeeringConnectionId?: string;
  peeringStatus?: string;
  description?: string;
}

export interface SandboxPrefixListRef {
  prefixListId: string;
  description?: string;
}

export interface SandboxPermission {
  /** `-1`, `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number (`50` = ESP). */
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  ipRanges?: SandboxIpRange[];
  ipv6Ranges?: SandboxIpRange[];
  prefixListIds?: SandboxPrefixListRef[];
  groups?: SandboxGroupPair[];
}

export interface SandboxSecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ownerId: string;
  ingress: SandboxPermission[];
  egress: SandboxPermission[];
  tags: SandboxTag[];
}

export interface SandboxVpcEndpoint {
  vpcEndpointId: string;
  vpcEndpointType: 'Gateway' | 'Interface' | 'GatewayLoadBalancer';
  vpcId: string;
  serviceName: string;
  /** EC2 reports lower case on the wire: `available`, `pending`, `deleting`, `failed`, … */
  state: string;
  routeTableIds: string[];
  subnetIds: string[];
  groupIds: string[];
  ownerId: string;
  creationTimestamp: Date;
  privateDnsEnabled: boolean;
  tags: SandboxTag[];
}

export interface SandboxNatGateway {
  natGatewayId: string;
  vpcId: string;
  subnetId: string;
  state: 'pending' | 'available' | 'deleting' | 'deleted' | 'failed';
  connectivityType: 'public' | 'private';
  privateIp: string;
  publicIp?: string;
  networkInterfaceId: string;
  allocationId?: string;
  createTime: Date;
  tags: SandboxTag[];
}

/** Everything EC2 shows the account in one region; Maps keep insertion order, which is the listing order. */
export interface RegionNetwork {
  vpcs: Map<string, SandboxVpc>;
  subnets: Map<string, SandboxSubnet>;
  routeTables: Map<string, SandboxRouteTable>;
  securityGroups: Map<string, SandboxSecurityGroup>;
  vpcEndpoints: Map<string, SandboxVpcEndpoint>;
  natGateways: Map<string, SandboxNatGateway>;
}

export function emptyNetwork(): RegionNetwork {
  return {
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    securityGroups: new Map(),
    vpcEndpoints: new Map(),
    natGateways: new Map(),
  };
}
