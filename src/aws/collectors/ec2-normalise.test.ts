import { describe, expect, it } from 'vitest';

import {
  normaliseNatGateway,
  normaliseRoute,
  normaliseRouteTable,
  normaliseSecurityGroup,
  normaliseSubnet,
  normaliseVpcEndpoint,
} from './ec2-normalise.js';

describe('normaliseRoute', () => {
  it.each`
    members                                                                     | target
    ${{ GatewayId: 'igw-9' }}                                                   | ${'igw-9'}
    ${{ GatewayId: 'local' }}                                                   | ${'local'}
    ${{ GatewayId: 'vpce-s3' }}                                                 | ${'vpce-s3'}
    ${{ NatGatewayId: 'nat-1' }}                                                | ${'nat-1'}
    ${{ EgressOnlyInternetGatewayId: 'eigw-1' }}                                | ${'eigw-1'}
    ${{ TransitGatewayId: 'tgw-1' }}                                            | ${'tgw-1'}
    ${{ VpcPeeringConnectionId: 'pcx-1' }}                                      | ${'pcx-1'}
    ${{ InstanceId: 'i-1', NetworkInterfaceId: 'eni-1', InstanceOwnerId: '1' }} | ${'eni-1'}
    ${{ InstanceId: 'i-1' }}                                                    | ${'i-1'}
    ${{ LocalGatewayId: 'lgw-1' }}                                              | ${'lgw-1'}
    ${{ CarrierGatewayId: 'cagw-1' }}                                           | ${'cagw-1'}
    ${{ CoreNetworkArn: 'arn:aws:networkmanager::1:core-network/x' }}           | ${'arn:aws:networkmanager::1:core-network/x'}
    ${{ GatewayId: 'igw-9', NatGatewayId: 'nat-1' }}                            | ${'igw-9'}
    ${{}}                                                                       | ${'unknown'}
  `('target of $members is $target', ({ members, target }) => {
    expect(normaliseRoute({ DestinationCidrBlock: '0.0.0.0/0', ...members }).target).toBe(target);
  });

  it.each`
    state          | expected
    ${'active'}    | ${'active'}
    ${undefined}   | ${'active'}
    ${'blackhole'} | ${'blackhole'}
    ${'filtered'}  | ${'blackhole'}
  `('state $state → $expected', ({ state, expected }) => {
    expect(normaliseRoute({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: state }).state).toBe(expected);
  });

  it('keeps every destination form', () => {
    expect(normaliseRoute({ DestinationPrefixListId: 'pl-63a5400a', GatewayId: 'vpce-1', State: 'active', Origin: 'CreateRoute' })).toEqual({
      destinationCidrBlock: undefined,
      destinationIpv6CidrBlock: undefined,
      destinationPrefixListId: 'pl-63a5400a',
      target: 'vpce-1',
      state: 'active',
      origin: 'CreateRoute',
    });
    expect(normaliseRoute({ DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1' }).destinationIpv6CidrBlock).toBe('::/0');
  });
});

describe('normaliseRouteTable', () => {
  it('keeps main, subnet and edge associations with their state', () => {
    const table = normaliseRouteTable({
      RouteTableId: 'rtb-1',
      VpcId: 'vpc-1',
      OwnerId: '111122223333',
      Associations: [
        { RouteTableAssociationId: 'a-0', Main: true, AssociationState: { State: 'associated' } },
        { RouteTableAssociationId: 'a-1', SubnetId: 'subnet-1', Main: false, AssociationState: { State: 'disassociating' } },
        { RouteTableAssociationId: 'a-2', GatewayId: 'igw-1', Main: false },
      ],
    });

    expect(table).toEqual({
      id: 'rtb-1',
      vpcId: 'vpc-1',
      ownerId: '111122223333',
      routes: [],
      associations: [
        { id: 'a-0', subnetId: undefined, gatewayId: undefined, main: true, state: 'associated' },
        { id: 'a-1', subnetId: 'subnet-1', gatewayId: undefined, main: false, state: 'disassociating' },
        { id: 'a-2', subnetId: undefined, gatewayId: 'igw-1', main: false, state: undefined },
      ],
    });
  });
});

describe('normaliseSecurityGroup', () => {
  it('keeps IPv4 and IPv6 ranges, prefix lists and group pairs (with account and peering)', () => {
    const group = normaliseSecurityGroup({
      GroupId: 'sg-1',
      GroupName: 'default',
      VpcId: 'vpc-1',
      OwnerId: '111122223333',
      Description: 'default VPC security group',
      IpPermissions: [
        {
          IpProtocol: '-1',
          IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'open' }],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
          PrefixListIds: [{ PrefixListId: 'pl-1', Description: 'corp' }],
          UserIdGroupPairs: [
            { GroupId: 'sg-1', UserId: '111122223333' },
            { GroupId: 'sg-9', UserId: '444455556666', VpcId: 'vpc-9', VpcPeeringConnectionId: 'pcx-1', PeeringStatus: 'active', Description: 'peer' },
          ],
        },
      ],
      IpPermissionsEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
    });

    expect(group).toEqual({
      id: 'sg-1',
      name: 'default',
      vpcId: 'vpc-1',
      ownerId: '111122223333',
      description: 'default VPC security group',
      ingress: [
        {
          protocol: '-1',
          fromPort: undefined,
          toPort: undefined,
          ipv4Ranges: [{ cidr: '0.0.0.0/0', description: 'open' }],
          ipv6Ranges: [{ cidr: '::/0', description: undefined }],
          prefixListIds: [{ prefixListId: 'pl-1', description: 'corp' }],
          groupPairs: [
            { groupId: 'sg-1', userId: '111122223333', vpcId: undefined, vpcPeeringConnectionId: undefined, peeringStatus: undefined, description: undefined },
            { groupId: 'sg-9', userId: '444455556666', vpcId: 'vpc-9', vpcPeeringConnectionId: 'pcx-1', peeringStatus: 'active', description: 'peer' },
          ],
        },
      ],
      egress: [
        { protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: [{ cidr: '10.0.0.0/8', description: undefined }], ipv6Ranges: [], prefixListIds: [], groupPairs: [] },
      ],
    });
  });
});

describe('other EC2 shapes', () => {
  it('keeps only associated IPv6 blocks of a subnet', () => {
    const subnet = normaliseSubnet({
      SubnetId: 'subnet-1',
      VpcId: 'vpc-1',
      OwnerId: '444455556666',
      MapPublicIpOnLaunch: true,
      Ipv6CidrBlockAssociationSet: [
        { Ipv6CidrBlock: '2600:1f18::/64', Ipv6CidrBlockState: { State: 'associated' } },
        { Ipv6CidrBlock: '2600:1f19::/64', Ipv6CidrBlockState: { State: 'disassociated' } },
      ],
    });

    expect(subnet).toMatchObject({ id: 'subnet-1', vpcId: 'vpc-1', ownerId: '444455556666', mapPublicIpOnLaunch: true, ipv6CidrBlocks: ['2600:1f18::/64'] });
  });

  it.each`
    connectivity | expected
    ${undefined} | ${'public'}
    ${'public'}  | ${'public'}
    ${'private'} | ${'private'}
  `('NAT gateway connectivity $connectivity → $expected', ({ connectivity, expected }) => {
    expect(normaliseNatGateway({ NatGatewayId: 'nat-1', VpcId: 'vpc-1', State: 'available', ConnectivityType: connectivity }).connectivityType).toBe(expected);
  });

  it('keeps a VPC endpoint as EC2 reports it', () => {
    expect(
      normaliseVpcEndpoint({
        VpcEndpointId: 'vpce-1',
        VpcId: 'vpc-1',
        ServiceName: 'com.amazonaws.us-east-1.s3',
        VpcEndpointType: 'Interface',
        State: 'available' as never,
        SubnetIds: ['subnet-1'],
      }),
    ).toEqual({ id: 'vpce-1', vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.s3', type: 'Interface', state: 'available', routeTableIds: [], subnetIds: ['subnet-1'] });
  });
});
