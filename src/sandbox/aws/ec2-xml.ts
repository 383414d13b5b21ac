/**
 * ec2Query response bodies: lowerCamel element names, lists as `<xxxSet><item>`, no Result wrapper,
 * ISO 8601 times — the element names checked against the EC2 model the SDK deserializes with.
 * @module
 */
import { EC2_XMLNS, escapeXml } from './protocol.js';
import type {
  SandboxIpRange,
  SandboxNatGateway,
  SandboxPermission,
  SandboxRoute,
  SandboxRouteTable,
  SandboxSecurityGroup,
  SandboxSubnet,
  SandboxTag,
  SandboxVpc,
  SandboxVpcEndpoint,
} from './world-types.js';

type Scalar = string | number | boolean | Date | undefined;

/** `<name>value</name>`, or nothing when the value is absent (EC2 omits unset members). */
export function el(name: string, value: Scalar): string {
  if (value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : escapeXml(String(value));
  return `<${name}>${text}</${name}>`;
}

/** A list: `<name><item>…</item></name>`; empty lists are still sent, as EC2 does. */
export function set(name: string, items: readonly string[]): string {
  return `<${name}>${items.map((item) => `<item>${item}</item>`).join('')}</${name}>`;
}

export function envelope(operation: string, requestId: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_XMLNS}"><requestId>${requestId}</requestId>${body}</${operation}Response>`;
}

function tags(list: readonly SandboxTag[]): string {
  return set('tagSet', list.map((t) => el('key', t.key) + el('value', t.value)));
}

export function vpcXml(vpc: SandboxVpc, region: string): string {
  return (
    el('vpcId', vpc.vpcId) +
    el('ownerId', vpc.ownerId) +
    el('state', vpc.state) +
    el('cidrBlock', vpc.cidrBlock) +
    set('cidrBlockAssociationSet', [
      el('associationId', `vpc-cidr-assoc-${vpc.vpcId.slice(4)}`) +
        el('cidrBlock', vpc.cidrBlock) +
        `<cidrBlockState>${el('state', 'associated')}</cidrBlockState>`,
    ]) +
    set(
      'ipv6CidrBlockAssociationSet',
      vpc.ipv6CidrBlocks.map(
        (cidr, i) =>
          el('associationId', `vpc-cidr-assoc-6${i}${vpc.vpcId.slice(6)}`) +
          el('ipv6CidrBlock', cidr) +
          `<ipv6CidrBlockState>${el('state', 'associated')}</ipv6CidrBlockState>` +
          el('networkBorderGroup', region),
      ),
    ) +
    el('dhcpOptionsId', `dopt-${vpc.vpcId.slice(5, 13)}`) +
    el('instanceTenancy', 'default') +
    el('isDefault', vpc.isDefault) +
    tags(vpc.tags)
  );
}

export function subnetXml(subnet: SandboxSubnet, region: string): string {
  return (
    el('subnetId', subnet.subnetId) +
    el('subnetArn', `arn:aws:ec2:${region}:${subnet.ownerId}:subnet/${subnet.subnetId}`) +
    el('state', subnet.state) +
    el('ownerId', subnet.ownerId) +
    el('vpcId', subnet.vpcId) +
    el('cidrBlock', subnet.cidrBlock) +
    set(
      'ipv6CidrBlockAssociationSet',
      subnet.ipv6CidrBlocks.map(
        (cidr, i) =>
          el('ipv6CidrBlock', cidr) +
          el('associationId', `subnet-cidr-assoc-${i}${subnet.subnetId.slice(8)}`) +
          `<ipv6CidrBlockState>${el('state', 'associated')}</ipv6CidrBlockState>`,
      ),
    ) +
    el('availableIpAddressCount', subnet.availableIpAddressCount) +
    el('availabilityZone', subnet.availabilityZone) +
    el('availabilityZoneId', subnet.availabilityZoneId) +
    el('defaultForAz', subnet.defaultForAz) +
    el('mapPublicIpOnLaunch', subnet.mapPublicIpOnLaunch) +
    el('assignIpv6AddressOnCreation', false) +
    el('mapCustomerOwnedIpOnLaunch', false) +
    el('enableDns64', false) +
    el('ipv6Native', false) +
    tags(subnet.tags)
  );
}

/** The wire member a route target belongs in, by its id prefix. */
function routeTarget(route: SandboxRoute, ownerId: string): string {
  const t = route.target;
  if (t.startsWith('nat-')) return el('natGatewayId', t);
  if (t.startsWith('eigw-')) return el('egressOnlyInternetGatewayId', t);
  if (t.startsWith('tgw-')) return el('transitGatewayId', t);
  if (t.startsWith('pcx-')) return el('vpcPeeringConnectionId', t);
  if (t.startsWith('eni-')) return el('networkInterfaceId', t);
  if (t.startsWith('i-')) return el('instanceId', t) + el('instanceOwnerId', ownerId);
  if (t.startsWith('lgw-')) return el('localGatewayId', t);
  if (t.startsWith('cagw-')) return el('carrierGatewayId', t);
  if (t.startsWith('arn:aws:networkmanager')) return el('coreNetworkArn', t);
  return el('gatewayId', t); // local, igw-, vgw-, vpce-
}

function routeXml(route: SandboxRoute, ownerId: string): string {
  return (
    el('destinationCidrBlock', route.destinationCidrBlock) +
    el('destinationIpv6CidrBlock', route.destinationIpv6CidrBlock) +
    el('destinationPrefixListId', route.destinationPrefixListId) +
    routeTarget(route, ownerId) +
    el('state', route.state) +
    el('origin', route.origin)
  );
}

export function routeTableXml(rt: SandboxRouteTable): string {
  return (
    el('routeTableId', rt.routeTableId) +
    el('vpcId', rt.vpcId) +
    el('ownerId', rt.ownerId) +
    set('routeSet', rt.routes.map((r) => routeXml(r, rt.ownerId))) +
    set(
      'associationSet',
      rt.associations.map(
        (a) =>
          el('routeTableAssociationId', a.routeTableAssociationId) +
          el('routeTableId', rt.routeTableId) +
          el('subnetId', a.subnetId) +
          el('gatewayId', a.gatewayId) +
          el('main', a.main) +
          `<associationState>${el('state', a.state)}</associationState>`,
      ),
    ) +
    set('propagatingVgwSet', rt.propagatingVgws.map((g) => el('gatewayId', g))) +
    tags(rt.tags)
  );
}

function ranges(name: string, member: string, list: readonly SandboxIpRange[] | undefined): string {
  return set(name, (list ?? []).map((r) => el(member, r.cidr) + el('description', r.description)));
}

function permissionXml(p: SandboxPermission): string {
  // EC2 omits ports for all-traffic rules.
  const ports = p.ipProtocol === '-1' ? '' : el('fromPort', p.fromPort) + el('toPort', p.toPort);
  return (
    el('ipProtocol', p.ipProtocol) +
    ports +
    set(
      'groups',
      (p.groups ?? []).map(
        (g) =>
          el('userId', g.userId) +
          el('groupId', g.groupId) +
          el('groupName', g.groupName) +
          el('vpcId', g.vpcId) +
          el('vpcPeeringConnectionId', g.vpcPeeringConnectionId) +
          el('peeringStatus', g.peeringStatus) +
          el('description', g.description),
      ),
    ) +
    ranges('ipRanges', 'cidrIp', p.ipRanges) +
    ranges('ipv6Ranges', 'cidrIpv6', p.ipv6Ranges) +
    set('prefixListIds', (p.prefixListIds ?? []).map((pl) => el('prefixListId', pl.prefixListId) + el('description', pl.description)))
  );
}

export function securityGroupXml(sg: SandboxSecurityGroup, region: string): string {
  return (
    el('ownerId', sg.ownerId) +
    el('groupId', sg.groupId) +
    el('groupName', sg.groupName) +
    el('groupDescription', sg.description) +
    el('vpcId', sg.vpcId) +
    el('securityGroupArn', `arn:aws:ec2:${region}:${sg.ownerId}:security-group/${sg.groupId}`) +
    set('ipPermissions', sg.ingress.map(permissionXml)) +
    set('ipPermissionsEgress', sg.egress.map(permissionXml)) +
    tags(sg.tags)
  );
}

export function vpcEndpointXml(ep: SandboxVpcEndpoint): string {
  const gateway = ep.vpcEndpointType === 'Gateway';
  const policy = gateway
    ? JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] })
    : undefined;
  return (
    el('vpcEndpointId', ep.vpcEndpointId) +
    el('vpcEndpointType', ep.vpcEndpointType) +
    el('vpcId', ep.vpcId) +
    el('serviceName', ep.serviceName) +
    el('state', ep.state) +
    el('policyDocument', policy) +
    set('routeTableIdSet', ep.routeTableIds.map(escapeXml)) +
    set('subnetIdSet', ep.subnetIds.map(escapeXml)) +
    set('groupSet', ep.groupIds.map((g) => el('groupId', g))) +
    el('ipAddressType', 'ipv4') +
    el('privateDnsEnabled', ep.privateDnsEnabled) +
    el('requesterManaged', false) +
    set('networkInterfaceIdSet', []) +
    set('dnsEntrySet', []) +
    el('creationTimestamp', ep.creationTimestamp) +
    tags(ep.tags) +
    el('ownerId', ep.ownerId)
  );
}

export function natGatewayXml(nat: SandboxNatGateway): string {
  return (
    el('createTime', nat.createTime) +
    set('natGatewayAddressSet', [
      el('allocationId', nat.allocationId) +
        el('networkInterfaceId', nat.networkInterfaceId) +
        el('privateIp', nat.privateIp) +
        el('publicIp', nat.publicIp) +
        el('isPrimary', true) +
        el('status', 'succeeded'),
    ]) +
    el('natGatewayId', nat.natGatewayId) +
    el('state', nat.state) +
    el('subnetId', nat.subnetId) +
    el('vpcId', nat.vpcId) +
    tags(nat.tags) +
    el('connectivityType', nat.connectivityType)
  );
}
