import { describe, expect, it } from 'vitest';
import type { NatGateway, Route, VpcEndpoint } from '../../model.js';
import {
  REGION,
  buildEndpoint,
  buildJob,
  buildNatGateway,
  buildNetwork,
  buildRoute,
  buildRouteTable,
  buildSubnet,
  compliantParts,
  ctx,
  denied,
  patchNetwork,
} from '../../testing/builders.js';
import { vpcS3Access } from './rule.js';

const job = buildJob();

function net(routes: Route[], endpoints: VpcEndpoint[] = [], nats: NatGateway[] = [buildNatGateway('nat-1')]) {
  return buildNetwork({
    subnets: [buildSubnet('subnet-1')],
    routeTables: [buildRouteTable('rtb-1', { main: true, routes })],
    endpoints,
    natGateways: nats,
  });
}

const dynamo = buildEndpoint('vpce-ddb', { serviceName: `com.amazonaws.${REGION}.dynamodb`, routeTableIds: ['rtb-1'] });

describe('vpc-s3-access', () => {
  it.each`
    name                                 | network                                                                                                  | status    | message
    ${'S3 gateway endpoint (compliant)'} | ${buildNetwork(compliantParts())}                                                                        | ${'pass'} | ${'subnet-1 has an S3 path: S3 gateway endpoint vpce-s3 on route table rtb-main'}
    ${'public NAT default route'}        | ${net([buildRoute('0.0.0.0/0', 'nat-1')])}                                                              | ${'pass'} | ${'subnet-1 has an S3 path: the default route to public NAT gateway nat-1'}
    ${'S3 interface endpoint'}           | ${net([], [buildEndpoint('vpce-if', { type: 'Interface' })])}                                           | ${'pass'} | ${'subnet-1 has an S3 path: S3 interface endpoint vpce-if in vpc-1'}
    ${'::/0 → eigw-'}                    | ${net([buildRoute('::/0', 'eigw-1')])}                                                                  | ${'pass'} | ${'subnet-1 has an S3 path: the IPv6 default route to egress-only internet gateway eigw-1 (may reach S3)'}
    ${'private NAT gateway'}             | ${net([buildRoute('0.0.0.0/0', 'nat-1')], [], [buildNatGateway('nat-1', { connectivityType: 'private' })])} | ${'warn'} | ${'no S3 path found for subnet-1: no S3 endpoint serves route table rtb-1 and the default route goes to private NAT gateway nat-1 (no internet path)'}
    ${'DynamoDB-only gateway endpoint'}  | ${net([buildRoute('pl-02cd2c6b', 'vpce-ddb')], [dynamo])}                                                | ${'warn'} | ${'no S3 path found for subnet-1: route table rtb-1 has no S3 gateway endpoint route and no default route, and vpc-1 has no S3 interface endpoint'}
  `('$name → $status', ({ network, status, message }) => {
    const finding = vpcS3Access.evaluate(job, network, ctx);

    expect(finding).toMatchObject({ rule: 'vpc-s3-access', status, severity: 'medium', message });
  });

  it.each`
    status          | severity    | notes
    ${'InProgress'} | ${'medium'} | ${undefined}
    ${'Completed'}  | ${'info'}   | ${['train-42 completed, so it did reach S3 when it ran; the network is judged as of 2026-11-29T10:00:00.000Z']}
  `('a $status job without an S3 path warns with severity $severity', ({ status, severity, notes }) => {
    const finding = vpcS3Access.evaluate(buildJob({ status }), net([]), ctx);

    expect(finding).toMatchObject({ status: 'warn', severity });
    expect(finding.notes).toEqual(notes);
  });

  it('names the existing S3 gateway endpoint so remediation can add the table to it', () => {
    const network = net([], [buildEndpoint('vpce-s3', { routeTableIds: ['rtb-other'] })]);

    const finding = vpcS3Access.evaluate(job, network, ctx);

    expect(finding.status).toBe('warn');
    expect(finding.evidence).toEqual({
      rule: 'vpc-s3-access',
      vpcId: 'vpc-1',
      subnetsWithoutPath: [{ subnetId: 'subnet-1', routeTableId: 'rtb-1' }],
      existingGatewayEndpointId: 'vpce-s3',
    });
    expect(finding.resources).toEqual(['subnet-1', 'rtb-1', 'vpce-s3']);
  });

  it('lists only the subnets without a path', () => {
    const network = buildNetwork({
      subnets: [buildSubnet('subnet-1'), buildSubnet('subnet-2')],
      routeTables: [
        buildRouteTable('rtb-1', { main: true, routes: [buildRoute('0.0.0.0/0', 'nat-1')] }),
        buildRouteTable('rtb-2', { subnets: ['subnet-2'] }),
      ],
      natGateways: [buildNatGateway('nat-1')],
    });
    const twoSubnets = buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] } });

    const finding = vpcS3Access.evaluate(twoSubnets, network, ctx);

    expect(finding.message).toBe(
      'no S3 path found for subnet-2: route table rtb-2 has no S3 gateway endpoint route and no default route, and vpc-1 has no S3 interface endpoint',
    );
    expect(finding.evidence).toEqual({ rule: 'vpc-s3-access', vpcId: 'vpc-1', subnetsWithoutPath: [{ subnetId: 'subnet-2', routeTableId: 'rtb-2' }] });
  });

  it('says each missing path once per route table', () => {
    const network = buildNetwork({
      subnets: [buildSubnet('subnet-1'), buildSubnet('subnet-2'), buildSubnet('subnet-3')],
      routeTables: [
        buildRouteTable('rtb-1', { main: true, routes: [buildRoute('0.0.0.0/0', 'vgw-1')] }),
        buildRouteTable('rtb-2', { subnets: ['subnet-3'] }),
      ],
    });
    const threeSubnets = buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2', 'subnet-3'], securityGroupIds: ['sg-1'] } });

    expect(vpcS3Access.evaluate(threeSubnets, network, ctx).message).toBe(
      'no S3 path found for 3 of 3 subnets: for subnet-1 and subnet-2, no S3 endpoint serves route table rtb-1 and the default route goes to ' +
        'virtual private gateway vgw-1, which is not counted as an S3 path; for subnet-3, route table rtb-2 has no S3 gateway endpoint route ' +
        'and no default route, and vpc-1 has no S3 interface endpoint',
    );
  });

  it.each`
    name                               | network                                                                                                          | message
    ${'NAT gateways denied'}           | ${patchNetwork(net([buildRoute('0.0.0.0/0', 'nat-1')]), { natGatewaysByVpc: { 'vpc-1': denied('ec2:DescribeNatGateways', 'vpc-1') } })} | ${'ec2:DescribeNatGateways was denied for NAT gateway nat-1; grant it to judge the S3 path'}
    ${'route table denied'}            | ${patchNetwork(net([]), { explicitRouteTableBySubnet: { 'subnet-1': denied('ec2:DescribeRouteTables', 'subnet-1') } })} | ${'ec2:DescribeRouteTables was denied for subnet-1; grant it to judge this subnet'}
  `('$name → unknown', ({ network, message }) => {
    expect(vpcS3Access.evaluate(job, network, ctx)).toMatchObject({ status: 'unknown', message });
  });

  it('gives an unknown for a Completed job severity info too', () => {
    const network = patchNetwork(net([buildRoute('0.0.0.0/0', 'nat-1')]), {
      natGatewaysByVpc: { 'vpc-1': denied('ec2:DescribeNatGateways', 'vpc-1') },
    });

    expect(vpcS3Access.evaluate(buildJob({ status: 'Completed' }), network, ctx)).toMatchObject({ status: 'unknown', severity: 'info' });
  });

  it.each`
    name                | job                                                                          | message
    ${'no VpcConfig'}   | ${buildJob({ vpcConfig: undefined })}                                        | ${'skipped: the job has no VpcConfig'}
    ${'empty Subnets'}  | ${buildJob({ vpcConfig: { subnets: [], securityGroupIds: ['sg-1'] } })}      | ${"skipped: the job's VpcConfig lists no subnets"}
  `('$name → skip', ({ job, message }) => {
    expect(vpcS3Access.evaluate(job, net([]), ctx)).toMatchObject({ status: 'skip', message, severity: 'medium' });
  });

  it('does not count an IGW default route as an S3 path: training ENIs have private IPs only (DESIGN §2)', () => {
    const finding = vpcS3Access.evaluate(job, net([buildRoute('0.0.0.0/0', 'igw-9')]), ctx);
    expect(finding.status).toBe('warn');
    expect(finding.message).toContain('internet gateway igw-9');
  });
});
