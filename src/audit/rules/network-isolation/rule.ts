/**
 * `network-isolation` (advisory, low): `EnableNetworkIsolation` is on, so the training container makes
 * no network calls of its own (SageMaker still moves data and artifacts through the VPC). When it is
 * off, the finding names the exfiltration path if there is one: a route out of a subnet plus an
 * attached security group with egress to `0.0.0.0/0` or `::/0`.
 * Compliance: CIS Controls v8 3.4, 6.7, 6.8, 14.6; SOC 2; HIPAA; Profile Level 1.
 * @module
 */
import type { Finding, NetworkSnapshot, Rule, RuleContext, TrainingJobSnapshot } from '../../model.js';
import type { NextHopKind } from '../../network/route-tables.js';
import { classifySubnet } from '../../network/subnet-classification.js';
import { COMPLIANCE, JOB_PERMISSIONS, REFERENCES, listNames, makeFinding, unique } from '../rule-support.js';

export const networkIsolation = {
  id: 'network-isolation',
  title: 'Training job runs with network isolation',
  severity: 'low',
  kind: 'advisory',
  rationale:
    'With network isolation the training container cannot make network calls, so code or a dependency in it cannot ' +
    'send data out. It breaks jobs that download packages or models at run time.',
  references: [REFERENCES.trainVpc, REFERENCES.createTrainingJobCli],
  compliance: [...COMPLIANCE],
  permissions: [...JOB_PERMISSIONS, 'ec2:DescribeSubnets', 'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups'],
  evaluate(job: TrainingJobSnapshot, network: NetworkSnapshot, _ctx: RuleContext): Finding {
    if (job.enableNetworkIsolation) {
      return makeFinding(
        networkIsolation,
        'pass',
        `${job.name} runs with network isolation: the training container makes no network calls of its own`,
        { resources: [job.name] },
      );
    }
    if (!job.vpcConfig) {
      return makeFinding(
        networkIsolation,
        'warn',
        `${job.name} runs without network isolation and without VpcConfig: the training container can make network calls, including to the internet`,
        { resources: [job.name] },
      );
    }
    const path = exfiltrationPath(job, network);
    const base = `${job.name} runs without network isolation: the training container can make its own network calls`;
    return makeFinding(
      networkIsolation,
      'warn',
      path ? `${base}, and may reach the internet (${path.text})` : base,
      { resources: [job.name, ...(path?.resources ?? [])] },
    );
  },
} satisfies Rule;

/** Next hops that lead out of the VPC's own address space. */
const ROUTES_OUT: ReadonlySet<NextHopKind> = new Set<NextHopKind>([
  'internet-gateway',
  'nat-gateway',
  'egress-only-internet-gateway',
  'transit-gateway',
  'vpc-endpoint',
  'network-interface',
  'instance',
]);

function exfiltrationPath(job: TrainingJobSnapshot, network: NetworkSnapshot): { text: string; resources: string[] } | undefined {
  const routes: Array<{ text: string; resources: string[] }> = [];
  for (const subnetId of unique(job.vpcConfig?.subnets ?? [])) {
    const result = classifySubnet(subnetId, network);
    if (result.classification === 'public') {
      const [route] = result.publicRoutes;
      if (route) routes.push({ text: `${subnetId} routes ${route.destination} to ${route.gatewayId}`, resources: [subnetId, route.gatewayId] });
    } else if (
      result.classification === 'private' &&
      result.defaultRoute &&
      ROUTES_OUT.has(result.defaultRoute.kind) &&
      !isPrivateNat(result.defaultRoute.target, result.subnet.vpcId, network)
    ) {
      routes.push({
        text: `${subnetId}'s default route goes to ${result.defaultRoute.label}`,
        resources: [subnetId, result.defaultRoute.target],
      });
    }
  }
  const egress: string[] = [];
  for (const groupId of unique(job.vpcConfig?.securityGroupIds ?? [])) {
    const fact = network.securityGroups[groupId];
    if (!fact?.ok) continue;
    const anywhere = fact.value.egress
      .flatMap((p) => [...p.ipv4Ranges, ...p.ipv6Ranges])
      .map((r) => r.cidr.trim())
      .filter((cidr) => cidr === '0.0.0.0/0' || cidr === '::/0');
    if (anywhere.length > 0) egress.push(`${groupId} allows outbound traffic to ${listNames(unique(anywhere))}`);
  }
  const [route] = routes;
  const [out] = egress;
  if (!route || !out) return undefined;
  return { text: `${route.text} and ${out}: an exfiltration path`, resources: route.resources };
}

/** A NAT gateway with `private` connectivity has no internet path (unknown NATs are not ruled out). */
function isPrivateNat(target: string, vpcId: string, network: NetworkSnapshot): boolean {
  const fact = network.natGatewaysByVpc[vpcId];
  return fact?.ok === true && fact.value.some((nat) => nat.id === target && nat.connectivityType === 'private');
}
