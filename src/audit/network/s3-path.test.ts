import { describe, expect, it } from 'vitest';
import type { NetworkSnapshot, Route, VpcEndpoint } from '../model.js';
import {
  buildEndpoint,
  buildNatGateway,
  buildNetwork,
  buildRoute,
  buildRouteTable,
  buildSubnet,
  denied,
  patchNetwork,
  REGION,
} from '../testing/builders.js';
import { existingS3GatewayEndpointId, isS3ServiceName, s3PathForSubnet } from './s3-path.js';

function network(routes: Route[], endpoints: VpcEndpoint[] = [], nat = buildNatGateway('nat-1')): NetworkSnapshot {
  return buildNetwork({
    subnets: [buildSubnet('subnet-1')],
    routeTables: [buildRouteTable('rtb-1', { main: true, routes })],
    endpoints,
    natGateways: [nat],
  });
}

const s3Gateway = buildEndpoint('vpce-s3', { routeTableIds: ['rtb-1'] });
const dynamoGateway = buildEndpoint('vpce-ddb', { serviceName: `com.amazonaws.${REGION}.dynamodb`, routeTableIds: ['rtb-1'] });

describe('s3PathForSubnet', () => {
  it.each`
    name                                          | net                                                                                                                 | status       | via                     | description
    ${'S3 gateway endpoint on the table'}         | ${network([], [s3Gateway])}                                                                                         | ${'path'}    | ${'gateway-endpoint'}   | ${'S3 gateway endpoint vpce-s3 on route table rtb-1'}
    ${'S3 gateway route, endpoint lists no table'} | ${network([buildRoute('pl-63a5400a', 'vpce-s3')], [buildEndpoint('vpce-s3')])}                                     | ${'path'}    | ${'gateway-endpoint'}   | ${'S3 gateway endpoint vpce-s3 on route table rtb-1'}
    ${'gateway endpoint state in upper case'}     | ${network([], [buildEndpoint('vpce-s3', { state: 'Available', type: 'gateway', routeTableIds: ['rtb-1'] })])}         | ${'path'}    | ${'gateway-endpoint'}   | ${'S3 gateway endpoint vpce-s3 on route table rtb-1'}
    ${'S3 interface endpoint in the VPC'}         | ${network([], [buildEndpoint('vpce-if', { type: 'Interface', subnetIds: ['subnet-9'] })])}                           | ${'path'}    | ${'interface-endpoint'} | ${'S3 interface endpoint vpce-if in vpc-1'}
    ${'public NAT default route'}                 | ${network([buildRoute('0.0.0.0/0', 'nat-1')])}                                                                      | ${'path'}    | ${'default-route'}      | ${'the default route to public NAT gateway nat-1'}
    ${'transit gateway default route'}            | ${network([buildRoute('0.0.0.0/0', 'tgw-1')])}                                                                      | ${'path'}    | ${'default-route'}      | ${'the default route to transit gateway tgw-1 (may reach S3)'}
    ${'firewall endpoint default route'}          | ${network([buildRoute('0.0.0.0/0', 'vpce-fw')])}                                                                    | ${'path'}    | ${'default-route'}      | ${'the default route to VPC endpoint vpce-fw (may reach S3)'}
    ${'appliance ENI default route'}              | ${network([buildRoute('0.0.0.0/0', 'eni-1')])}                                                                      | ${'path'}    | ${'default-route'}      | ${'the default route to network interface eni-1 (may reach S3)'}
    ${'IPv6 default to egress-only IGW'}          | ${network([buildRoute('::/0', 'eigw-1')])}                                                                          | ${'path'}    | ${'default-route'}      | ${'the IPv6 default route to egress-only internet gateway eigw-1 (may reach S3)'}
    ${'NAT64 route to a public NAT'}              | ${network([buildRoute('64:ff9b::/96', 'nat-1')])}                                                                   | ${'path'}    | ${'nat64'}              | ${'the NAT64 route (64:ff9b::/96) to public NAT gateway nat-1'}
  `('$name → path', ({ net, status, via, description }) => {
    expect(s3PathForSubnet('subnet-1', net, REGION)).toEqual({ subnetId: 'subnet-1', status, routeTableId: 'rtb-1', via, description });
  });

  it('does not count an IGW default route: training ENIs get private IPs only (DESIGN §2)', () => {
    expect(s3PathForSubnet('subnet-1', network([buildRoute('0.0.0.0/0', 'igw-9')]), REGION)).toMatchObject({
      status: 'none',
      description: expect.stringContaining('internet gateway igw-9, which training instances cannot use'),
    });
  });

  it.each`
    name                                | net                                                                                                      | description
    ${'private NAT gateway'}            | ${network([buildRoute('0.0.0.0/0', 'nat-1')], [], buildNatGateway('nat-1', { connectivityType: 'private' }))} | ${'no S3 endpoint serves route table rtb-1 and the default route goes to private NAT gateway nat-1 (no internet path)'}
    ${'DynamoDB gateway endpoint only'} | ${network([buildRoute('pl-02cd2c6b', 'vpce-ddb')], [dynamoGateway])}                                      | ${'route table rtb-1 has no S3 gateway endpoint route and no default route, and vpc-1 has no S3 interface endpoint'}
    ${'S3 gateway endpoint elsewhere'}  | ${network([], [buildEndpoint('vpce-s3', { routeTableIds: ['rtb-other'] })])}                              | ${'route table rtb-1 has no S3 gateway endpoint route and no default route, and vpc-1 has no S3 interface endpoint'}
    ${'pending S3 gateway endpoint'}    | ${network([], [buildEndpoint('vpce-s3', { state: 'pending', routeTableIds: ['rtb-1'] })])}                | ${'route table rtb-1 has no S3 gateway endpoint route and no default route, and vpc-1 has no S3 interface endpoint'}
    ${'S3 endpoint of another region'}  | ${network([], [buildEndpoint('vpce-s3', { serviceName: 'com.amazonaws.eu-west-1.s3', routeTableIds: ['rtb-1'] })])} | ${'route table rtb-1 has no S3 gateway endpoint route and no default route, and vpc-1 has no S3 interface endpoint'}
    ${'VGW default route'}              | ${network([buildRoute('0.0.0.0/0', 'vgw-1')])}                                                            | ${'no S3 endpoint serves route table rtb-1 and the default route goes to virtual private gateway vgw-1, which is not counted as an S3 path'}
    ${'blackhole NAT default route'}    | ${network([buildRoute('0.0.0.0/0', 'nat-1', { state: 'blackhole' })])}                                    | ${'route table rtb-1 has no S3 gateway endpoint route and no default route, and vpc-1 has no S3 interface endpoint'}
  `('$name → none', ({ net, description }) => {
    expect(s3PathForSubnet('subnet-1', net, REGION)).toEqual({
      subnetId: 'subnet-1',
      status: 'none',
      routeTableId: 'rtb-1',
      vpcId: 'vpc-1',
      description,
    });
  });

  it.each`
    name                                   | net                                                                                                                                   | reason
    ${'NAT gateways unreadable'}           | ${patchNetwork(network([buildRoute('0.0.0.0/0', 'nat-1')]), { natGatewaysByVpc: { 'vpc-1': denied('ec2:DescribeNatGateways') } })}    | ${'ec2:DescribeNatGateways was denied for NAT gateway nat-1; grant it to judge the S3 path'}
    ${'NAT gateway not in the list'}       | ${network([buildRoute('0.0.0.0/0', 'nat-7')])}                                                                                        | ${'NAT gateway nat-7 is not among the NAT gateways read for its VPC'}
    ${'endpoints unreadable, no route out'} | ${patchNetwork(network([]), { vpcEndpointsByVpc: { 'vpc-1': denied('ec2:DescribeVpcEndpoints') } })}                                 | ${'ec2:DescribeVpcEndpoints was denied for the VPC endpoints of vpc-1; grant it to judge the S3 path'}
    ${'route table denied'}                | ${patchNetwork(network([]), { explicitRouteTableBySubnet: { 'subnet-1': denied('ec2:DescribeRouteTables') }, routeTables: {} })}      | ${'ec2:DescribeRouteTables was denied for subnet-1; grant it to judge this subnet'}
  `('$name → unknown', ({ net, reason }) => {
    expect(s3PathForSubnet('subnet-1', net, REGION)).toMatchObject({ status: 'unknown', reason });
  });

  it('finds the path through a public NAT even when endpoints are unreadable', () => {
    const net = patchNetwork(network([buildRoute('0.0.0.0/0', 'nat-1')]), {
      vpcEndpointsByVpc: { 'vpc-1': denied('ec2:DescribeVpcEndpoints') },
    });

    expect(s3PathForSubnet('subnet-1', net, REGION)).toMatchObject({ status: 'path', via: 'default-route' });
  });
});

describe('existingS3GatewayEndpointId', () => {
  it.each`
    name                     | endpoints                                          | expected
    ${'available S3 gateway'} | ${[dynamoGateway, buildEndpoint('vpce-s3')]}       | ${'vpce-s3'}
    ${'only DynamoDB'}       | ${[dynamoGateway]}                                 | ${undefined}
    ${'deleted S3 gateway'}  | ${[buildEndpoint('vpce-s3', { state: 'deleted' })]} | ${undefined}
  `('$name → $expected', ({ endpoints, expected }) => {
    expect(existingS3GatewayEndpointId('vpc-1', network([], endpoints), REGION)).toBe(expected);
  });
});

describe('isS3ServiceName', () => {
  it.each`
    name                                 | region          | expected
    ${'com.amazonaws.us-east-1.s3'}      | ${'us-east-1'}  | ${true}
    ${'cn.com.amazonaws.cn-north-1.s3'}  | ${'cn-north-1'} | ${true}
    ${'com.amazonaws.us-east-1.s3-global.accesspoint'} | ${'us-east-1'} | ${false}
    ${'com.amazonaws.us-east-1.dynamodb'} | ${'us-east-1'} | ${false}
    ${'com.amazonaws.us-west-2.s3'}      | ${'us-east-1'}  | ${false}
  `('$name in $region → $expected', ({ name, region, expected }) => {
    expect(isS3ServiceName(name, region)).toBe(expected);
  });
});
