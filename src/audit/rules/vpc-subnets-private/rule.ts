/**
 * `vpc-subnets-private` (control, high): no subnet of the job is public by AWS's definition — its
 * effective route table (explicit association, else the VPC's main table) has no active route to an
 * internet gateway for a destination outside private address space. Training ENIs only get private
 * IPs, so a public subnet does not "expose" the job; the control still requires private subnets.
 * Compliance: CIS Controls v8 3.4, 6.7, 6.8, 14.6; SOC 2; HIPAA; Profile Level 1.
 * @module
 */
import type { Finding, NetworkSnapshot, Rule, RuleContext, TrainingJobSnapshot } from '../../model.js';
import { classifySubnet, describeTable, type SubnetClassification } from '../../network/subnet-classification.js';
import {
  COMPLIANCE,
  JOB_PERMISSIONS,
  REFERENCES,
  VPC_PROBLEM_TEXT,
  count,
  groupByDescription,
  joinReasons,
  listNames,
  makeFinding,
  unique,
  vpcConfigProblem,
} from '../rule-support.js';

type Judged = Exclude<SubnetClassification, { classification: 'unknown' }>;
type Public = Extract<SubnetClassification, { classification: 'public' }>;
type Unknown = Extract<SubnetClassification, { classification: 'unknown' }>;

export const vpcSubnetsPrivate = {
  id: 'vpc-subnets-private',
  title: 'Training job subnets are private',
  severity: 'high',
  kind: 'control',
  rationale:
    'A subnet whose route table sends traffic to an internet gateway is public by AWS definition. Training jobs belong ' +
    'in private subnets whose egress goes through NAT, endpoints or inspected paths you control.',
  references: [REFERENCES.trainVpc, REFERENCES.describeRouteTables, REFERENCES.egressOnlyIgw],
  compliance: [...COMPLIANCE],
  permissions: [...JOB_PERMISSIONS, 'ec2:DescribeSubnets', 'ec2:DescribeRouteTables'],
  evaluate(job: TrainingJobSnapshot, network: NetworkSnapshot, _ctx: RuleContext): Finding {
    const problem = vpcConfigProblem(job);
    if (problem) {
      return makeFinding(vpcSubnetsPrivate, 'skip', `skipped because vpc-configured failed: ${VPC_PROBLEM_TEXT[problem]}`);
    }
    const subnetIds = unique(job.vpcConfig?.subnets ?? []);
    const results = subnetIds.map((id) => classifySubnet(id, network));
    const publics = results.filter((r): r is Public => r.classification === 'public');
    const unknowns = results.filter((r): r is Unknown => r.classification === 'unknown');
    const privates = results.filter((r): r is Judged => r.classification === 'private');
    const notes = [...subnetNotes(results, job.instanceCount), ...vpcNotes(results)];
    const evidence = {
      rule: 'vpc-subnets-private' as const,
      publicRoutes: publics.flatMap((r) => r.publicRoutes),
      privateSubnets: privates.map((r) => r.subnetId),
    };

    if (publics.length > 0) {
      const message =
        publics.length === 1 && publics[0]
          ? `${publics[0].subnetId} is public by AWS's definition: ${describePublic(publics[0])}`
          : `${publics.length} of ${count(subnetIds.length, 'subnet')} are public by AWS's definition: ` + describePublicGroups(publics);
      return makeFinding(vpcSubnetsPrivate, 'fail', message, {
        resources: evidence.publicRoutes.flatMap((r) => [r.subnetId, r.routeTableId, r.gatewayId]),
        notes: [...unknowns.map((r) => r.reason), ...notes],
        evidence,
      });
    }
    if (unknowns.length > 0) {
      const lead = unknowns.length === subnetIds.length ? '' : `${unknowns.length} of ${count(subnetIds.length, 'subnet')} could not be judged: `;
      return makeFinding(vpcSubnetsPrivate, 'unknown', lead + joinReasons(unknowns.map((r) => r.reason)), {
        resources: unknowns.flatMap((r) => r.resources),
        notes,
        evidence,
      });
    }
    return makeFinding(vpcSubnetsPrivate, 'pass', describePrivate(privates), {
      resources: privates.flatMap((r) => [r.subnetId, r.table.id]),
      notes,
      evidence,
    });
  },
} satisfies Rule;

/** `route table rtb-3 (the VPC's main table) routes 0.0.0.0/0 and ::/0 to igw-9`. */
function describePublic(result: Public): string {
  const byGateway = new Map<string, string[]>();
  for (const route of result.publicRoutes) {
    byGateway.set(route.gatewayId, [...(byGateway.get(route.gatewayId) ?? []), route.destination]);
  }
  const targets = [...byGateway].map(([gateway, destinations]) => `${listNames(destinations, 4)} to ${gateway}`);
  return `${describeTable(result.table.id, result.viaMainTable)} routes ${targets.join(' and ')}`;
}

/** `for subnet-1 and subnet-2, route table rtb-3 … routes 0.0.0.0/0 to igw-9; for …` (subnets sharing a table once). */
function describePublicGroups(publics: Public[]): string {
  const parts = groupByDescription(publics.map((result) => ({ subnetId: result.subnetId, description: describePublic(result) })));
  const shown = parts.slice(0, 3).map((group) => `for ${listNames(group.subnets)}, ${group.description}`);
  return shown.join('; ') + (parts.length > 3 ? `; and ${parts.length - 3} more route tables` : '');
}

/** Names the default next hop of every private subnet, grouped by route table. */
function describePrivate(privates: Judged[]): string {
  const groups = new Map<string, Judged[]>();
  for (const result of privates) groups.set(result.table.id, [...(groups.get(result.table.id) ?? []), result]);
  const parts = [...groups.values()].map((members) => {
    const [first] = members;
    const hop = first?.defaultRoute ? `default route to ${first.defaultRoute.label}` : 'no default route';
    return { subnets: members.map((m) => m.subnetId), table: describeTable(first?.table.id ?? '', first?.viaMainTable ?? false), hop };
  });
  const [only] = parts;
  if (parts.length === 1 && only) {
    const verb = only.subnets.length === 1 ? 'is' : 'are';
    return `${listNames(only.subnets)} ${verb} private: ${only.table} has no route to an internet gateway (${only.hop})`;
  }
  return (
    `${count(privates.length, 'subnet')} are private, none routes to an internet gateway: ` +
    parts.map((p) => `${listNames(p.subnets)} via ${p.table}, ${p.hop}`).join('; ')
  );
}

/** Information shown but not judged: public-IP flag, free IP addresses, unrecognised next hops. */
function subnetNotes(results: SubnetClassification[], instanceCount: number): string[] {
  const notes: string[] = [];
  const instances = Math.max(1, instanceCount);
  const needed = instances * 2;
  const short: Array<{ id: string; free: number }> = [];
  for (const result of results) {
    const { subnet } = result;
    if (subnet?.mapPublicIpOnLaunch) {
      notes.push(
        `${subnet.id} sets MapPublicIpOnLaunch; this is information only, because training network interfaces only get private IP addresses`,
      );
    }
    if (subnet?.availableIpAddressCount !== undefined && subnet.availableIpAddressCount < needed) {
      short.push({ id: subnet.id, free: subnet.availableIpAddressCount });
    }
    if (result.classification !== 'unknown' && result.defaultRoute?.exposure === 'unrecognised') {
      notes.push(
        `${result.subnetId}'s default route goes to ${result.defaultRoute.label} (${result.table.id}); it is not an internet gateway, so it is not judged public`,
      );
    }
  }
  const [first] = short;
  const requirement = `${count(instances, 'instance')} need at least ${needed} (2 per instance, 5 per instance with EFA)`;
  if (short.length === 1 && first) {
    notes.push(`${first.id} has ${count(first.free, 'free IP address', 'free IP addresses')}; ${requirement}`);
  } else if (short.length > 1) {
    const fewest = short.reduce((low, s) => (s.free < low.free ? s : low));
    notes.push(
      `${listNames(short.map((s) => s.id))} have fewer than ${needed} free IP addresses (fewest: ${fewest.free} in ${fewest.id}); ` +
        `${count(instances, 'instance')} need 2 each (5 each with EFA)`,
    );
  }
  return notes;
}

function vpcNotes(results: SubnetClassification[]): string[] {
  const vpcs = unique(results.flatMap((r) => (r.subnet ? [r.subnet.vpcId] : [])));
  return vpcs.length > 1 ? [`the subnets are in different VPCs (${listNames(vpcs, 5)}); SageMaker expects one VPC`] : [];
}

