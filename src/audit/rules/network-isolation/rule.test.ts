import { describe, expect, it } from 'vitest';
import {
  buildJob,
  buildNatGateway,
  buildNetwork,
  buildRoute,
  buildRouteTable,
  buildSecurityGroup,
  buildSubnet,
  compliantParts,
  ctx,
  fromCidr,
} from '../../testing/builders.js';
import { networkIsolation } from './rule.js';

const compliant = buildNetwork(compliantParts());
const closedEgress = buildNetwork({
  ...compliantParts(),
  securityGroups: [buildSecurityGroup('sg-1', { egress: [fromCidr('10.0.0.0/16')] })],
});
const noRouteOut = buildNetwork({
  ...compliantParts(),
  routeTables: [buildRouteTable('rtb-main', { main: true, routes: [buildRoute('pl-63a5400a', 'vpce-s3')] })],
});
const privateNat = buildNetwork({ ...compliantParts(), natGateways: [buildNatGateway('nat-1', { connectivityType: 'private' })] });
const publicSubnet = buildNetwork({
  ...compliantParts(),
  subnets: [buildSubnet('subnet-1')],
  routeTables: [buildRouteTable('rtb-main', { main: true, routes: [buildRoute('0.0.0.0/0', 'igw-9')] })],
});

describe('network-isolation', () => {
  it.each`
    name                                     | job                                                                         | network         | status    | message
    ${'isolation on'}                        | ${buildJob({ enableNetworkIsolation: true })}                               | ${compliant}    | ${'pass'} | ${'train-42 runs with network isolation: the training container makes no network calls of its own'}
    ${'isolation on, no VPC'}                | ${buildJob({ enableNetworkIsolation: true, vpcConfig: undefined })}         | ${compliant}    | ${'pass'} | ${'train-42 runs with network isolation: the training container makes no network calls of its own'}
    ${'off, no VPC'}                         | ${buildJob({ enableNetworkIsolation: false, vpcConfig: undefined })}        | ${compliant}    | ${'warn'} | ${'train-42 runs without network isolation and without VpcConfig: the training container can make network calls, including to the internet'}
    ${'off, NAT route and open egress'}      | ${buildJob({ enableNetworkIsolation: false })}                              | ${compliant}    | ${'warn'} | ${"train-42 runs without network isolation: the training container can make its own network calls, and may reach the internet (subnet-1's default route goes to NAT gateway nat-1 and sg-1 allows outbound traffic to 0.0.0.0/0: an exfiltration path)"}
    ${'off, IGW route and open egress'}      | ${buildJob({ enableNetworkIsolation: false })}                              | ${publicSubnet} | ${'warn'} | ${'train-42 runs without network isolation: the training container can make its own network calls, and may reach the internet (subnet-1 routes 0.0.0.0/0 to igw-9 and sg-1 allows outbound traffic to 0.0.0.0/0: an exfiltration path)'}
    ${'off, egress closed'}                  | ${buildJob({ enableNetworkIsolation: false })}                              | ${closedEgress} | ${'warn'} | ${'train-42 runs without network isolation: the training container can make its own network calls'}
    ${'off, private NAT only'}               | ${buildJob({ enableNetworkIsolation: false })}                              | ${privateNat}   | ${'warn'} | ${'train-42 runs without network isolation: the training container can make its own network calls'}
    ${'off, no route out'}                   | ${buildJob({ enableNetworkIsolation: false })}                              | ${noRouteOut}   | ${'warn'} | ${'train-42 runs without network isolation: the training container can make its own network calls'}
  `('$name → $status', ({ job, network, status, message }) => {
    expect(networkIsolation.evaluate(job, network, ctx)).toMatchObject({ rule: 'network-isolation', status, severity: 'low', message });
  });
});
