/**
 * EC2 SDK shapes → the audit model's network types. Pure; every optional wire member may be
 * absent, and nothing here judges (public/private is the core's call, DESIGN.md §4).
 * @module
 */
import type {
  IpPermission,
  NatGateway as SdkNatGateway,
  Route as SdkRoute,
  RouteTable as SdkRouteTable,
  SecurityGroup as SdkSecurityGroup,
  Subnet as SdkSubnet,
  VpcEndpoint as SdkVpcEndpoint,
} from '@aws-sdk/client-ec2';

import type {
  NatGateway,
  Permission,
  Route,
  RouteTable,
  SecurityGroup,
  Subnet,
  VpcEndpoint,
} from '../../audit/model.js';

export function normaliseSubnet(subnet: SdkSubnet): Subnet {
  return {
    id: subnet.SubnetId ?? '',
    vpcId: subnet.VpcId ?? '',
    ownerId: subnet.OwnerId,
    cidrBlock: subnet.CidrBlock,
    ipv6CidrBlocks: (subnet.Ipv6CidrBlockAssociationSet ?? [])
      .filter((association) => isLiveAssociation(association.Ipv6CidrBlockState?.State))
      .flatMap((association) => (association.Ipv6CidrBlock ? [association.Ipv6CidrBlock] : [])),
    availabilityZone: subnet.AvailabilityZone,
    availableIpAddressCount: subnet.AvailableIpAddressCount,
    mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch,
    state: subnet.State,
  };
}

/** The route's next hop: the first target member that is set, in the order EC2 documents them. */
const TARGET_MEMBERS = [
  'GatewayId',
  'NatGatewayId',
  'EgressOnlyInternetGatewayId',
  'TransitGatewayId',
  'VpcPeeringConnectionId',
  'NetworkInterfaceId',
  'InstanceId',
  'LocalGatewayId',
  'CarrierGatewayId',
  'CoreNetworkArn',
  'OdbNetworkArn',
] as const satisfies ReadonlyArray<keyof SdkRoute>;

export function normaliseRoute(route: SdkRoute): Route {
  const target = TARGET_MEMBERS.map((member) => route[member]).find((value) => typeof value === 'string' && value !== '');
  return {
    destinationCidrBlock: route.DestinationCidrBlock,
    destinationIpv6CidrBlock: route.DestinationIpv6CidrBlock,
    destinationPrefixListId: route.DestinationPrefixListId,
    // An unrecognised target is named, never silently classified (DESIGN.md §2).
    target: target ?? 'unknown',
    // `filtered` (route server) routes are not installed either: like a blackhole, they carry no traffic.
    state: route.State === 'blackhole' || route.State === 'filtered' ? 'blackhole' : 'active',
    origin: route.Origin,
  };
}

export function normaliseRouteTable(table: SdkRouteTable): RouteTable {
  return {
    id: table.RouteTableId ?? '',
    vpcId: table.VpcId ?? '',
    ownerId: table.OwnerId,
    routes: (table.Routes ?? []).map(normaliseRoute),
    associations: (table.Associations ?? []).map((association) => ({
      id: association.RouteTableAssociationId,
      subnetId: association.SubnetId,
      gatewayId: association.GatewayId,
      main: association.Main === true,
      state: association.AssociationState?.State,
    })),
  };
}

/** Associations that count: a missing state is treated as associated (older responses omit it). */
export function isLiveAssociation(state: string | undefined): boolean {
  return state === undefined || state === 'associated';
}

export function normalisePermission(permission: IpPermission): Permission {
  return {
    protocol: permission.IpProtocol ?? '-1',
    fromPort: permission.FromPort,
    toPort: permission.ToPort,
    ipv4Ranges: (permission.IpRanges ?? []).flatMap((range) => (range.CidrIp ? [{ cidr: range.CidrIp, description: range.Description }] : [])),
    ipv6Ranges: (permission.Ipv6Ranges ?? []).flatMap((range) =>
      range.CidrIpv6 ? [{ cidr: range.CidrIpv6, description: range.Description }] : [],
    ),
    prefixListIds: (permission.PrefixListIds ?? []).flatMap((entry) =>
      entry.PrefixListId ? [{ prefixListId: entry.PrefixListId, description: entry.Description }] : [],
    ),
    groupPairs: (permission.UserIdGroupPairs ?? []).map((pair) => ({
      groupId: pair.GroupId,
      userId: pair.UserId,
      vpcId: pair.VpcId,
      vpcPeeringConnectionId: pair.VpcPeeringConnectionId,
      peeringStatus: pair.PeeringStatus,
      description: pair.Description,
    })),
  };
}

export function normaliseSecurityGroup(group: SdkSecurityGroup): SecurityGroup {
  return {
    id: group.GroupId ?? '',
    name: group.GroupName ?? '',
    vpcId: group.VpcId,
    ownerId: group.OwnerId,
    description: group.Description,
    ingress: (group.IpPermissions ?? []).map(normalisePermission),
    egress: (group.IpPermissionsEgress ?? []).map(normalisePermission),
  };
}

export function normaliseVpcEndpoint(endpoint: SdkVpcEndpoint): VpcEndpoint {
  return {
    id: endpoint.VpcEndpointId ?? '',
    vpcId: endpoint.VpcId ?? '',
    serviceName: endpoint.ServiceName ?? '',
    type: endpoint.VpcEndpointType ?? '',
    state: endpoint.State ?? '',
    routeTableIds: [...(endpoint.RouteTableIds ?? [])],
    subnetIds: [...(endpoint.SubnetIds ?? [])],
  };
}

export function normaliseNatGateway(gateway: SdkNatGateway): NatGateway {
  return {
    id: gateway.NatGatewayId ?? '',
    vpcId: gateway.VpcId ?? '',
    subnetId: gateway.SubnetId,
    state: gateway.State ?? '',
    // EC2 omits the member for the default, public, kind.
    connectivityType: gateway.ConnectivityType === 'private' ? 'private' : 'public',
  };
}
