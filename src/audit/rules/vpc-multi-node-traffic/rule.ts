/**
 * `vpc-multi-node-traffic` (advisory, medium): a job on more than one instance needs its instances to
 * reach each other. SageMaker attaches every listed security group to every ENI, so it passes when
 * some attached group allows inbound **all traffic** from an attached group (itself or another) or
 * from CIDRs covering every subnet; a rule for a few ports does not carry NCCL/MPI, and the job hangs.
 * With inter-container encryption, UDP 500 and ESP are needed too (all traffic includes them).
 * Compliance: CIS Controls v8 3.4, 6.7, 6.8, 14.6; SOC 2; HIPAA; Profile Level 1.
 * @module
 */
import type { Finding, NetworkSnapshot, Rule, RuleContext, SecurityGroup, TrainingJobSnapshot } from '../../model.js';
import { explainError, readFact } from '../../explain-error.js';
import { allowsAllTrafficFrom, allowsPeerTraffic, describeTraffic } from '../../network/security-groups.js';
import {
  COMPLIANCE,
  JOB_PERMISSIONS,
  REFERENCES,
  VPC_PROBLEM_TEXT,
  joinReasons,
  listNames,
  makeFinding,
  unique,
  vpcConfigProblem,
} from '../rule-support.js';

export const vpcMultiNodeTraffic = {
  id: 'vpc-multi-node-traffic',
  title: 'Multi-instance training jobs allow traffic between their instances',
  severity: 'medium',
  kind: 'advisory',
  rationale:
    'Distributed training (NCCL, MPI, EFA) needs all traffic between the instances of a job. In a VPC that flows only ' +
    'if an attached security group allows inbound traffic from the attached groups; otherwise the job hangs.',
  references: [REFERENCES.trainVpc, REFERENCES.trainEncrypt],
  compliance: [...COMPLIANCE],
  permissions: [...JOB_PERMISSIONS, 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets'],
  evaluate(job: TrainingJobSnapshot, network: NetworkSnapshot, _ctx: RuleContext): Finding {
    if (job.instanceCount <= 1) {
      return makeFinding(vpcMultiNodeTraffic, 'skip', `skipped: ${job.name} runs on a single instance`);
    }
    const problem = vpcConfigProblem(job);
    if (problem) return makeFinding(vpcMultiNodeTraffic, 'skip', `skipped: ${VPC_PROBLEM_TEXT[problem]}`);

    const attached = unique(job.vpcConfig?.securityGroupIds ?? []);
    const encryption = job.enableInterContainerTrafficEncryption;
    const groups: SecurityGroup[] = [];
    const unreadable: string[] = [];
    for (const id of attached) {
      const fact = readFact(network.securityGroups, id, 'ec2:DescribeSecurityGroups');
      if (fact.ok) groups.push(fact.value);
      else unreadable.push(explainError(fact.error, id, 'traffic between the instances'));
    }
    const cidrs = subnetCidrs(job, network);
    const instances = `${job.instanceCount} instances`;
    const evidenceOf = (missing: string[]) => ({
      rule: 'vpc-multi-node-traffic' as const,
      securityGroupIds: attached,
      encryption,
      missing,
    });
    const notes = unreadable.length === 0 ? egressNotes(groups, attached, cidrs) : [];

    const byGroup = groups.find((sg) => allowsAllTrafficFrom(sg, attached, []));
    const byCidr = groups.find((sg) => allowsAllTrafficFrom(sg, attached, cidrs));
    const passing = byGroup ?? byCidr;
    if (passing) {
      const source = byGroup ? 'an attached security group' : "CIDRs covering every one of the job's subnets";
      return makeFinding(
        vpcMultiNodeTraffic,
        'pass',
        `${passing.id} allows all inbound traffic from ${source}, so the ${instances} can reach each other`,
        { resources: [passing.id], notes, evidence: evidenceOf([]) },
      );
    }
    if (unreadable.length > 0) {
      return makeFinding(vpcMultiNodeTraffic, 'unknown', joinReasons(unreadable), {
        resources: attached.filter((id) => !groups.some((sg) => sg.id === id)),
        evidence: evidenceOf([]),
      });
    }

    const missing = [
      'all-traffic',
      ...(encryption && !groups.some((sg) => allowsPeerTraffic(sg, attached, cidrs, { protocol: 'udp', port: 500 })) ? ['udp-500'] : []),
      ...(encryption && !groups.some((sg) => allowsPeerTraffic(sg, attached, cidrs, { protocol: '50' })) ? ['esp'] : []),
    ];
    const partial = partialPeerRules(groups, attached);
    const consequence = `${instances} need all traffic between them (NCCL/MPI), so distributed training can hang`;
    const message =
      partial.length > 0
        ? `${listNames(partial)} from attached security groups; the ${consequence}`
        : `no attached security group (${listNames(attached)}) allows inbound traffic from an attached security group; the ${consequence}`;
    return makeFinding(vpcMultiNodeTraffic, 'warn', message, {
      resources: attached,
      notes: [
        ...(encryption ? ['inter-container traffic encryption is on: UDP 500 and ESP (protocol 50) are needed between instances too'] : []),
        ...notes,
      ],
      evidence: evidenceOf(missing),
    });
  },
} satisfies Rule;

/** The IPv4 CIDRs of every subnet, or `[]` when any is unknown (then only group references can pass). */
function subnetCidrs(job: TrainingJobSnapshot, network: NetworkSnapshot): string[] {
  const cidrs: string[] = [];
  for (const id of job.vpcConfig?.subnets ?? []) {
    const fact = network.subnets[id];
    if (!fact?.ok || !fact.value.cidrBlock) return [];
    cidrs.push(fact.value.cidrBlock);
  }
  return cidrs;
}

/** `sg-1 allows only tcp port 22` for groups that reference an attached group with fewer than all protocols. */
function partialPeerRules(groups: SecurityGroup[], attached: string[]): string[] {
  return groups.flatMap((sg) => {
    const traffic = sg.ingress
      .filter((p) => p.groupPairs.some((pair) => pair.groupId !== undefined && attached.includes(pair.groupId)))
      .map((p) => describeTraffic(p));
    return traffic.length > 0 ? [`${sg.id} allows only ${listNames(unique(traffic), 3)}`] : [];
  });
}

/** Egress must reach the peers too (the default "all traffic to 0.0.0.0/0" does). */
function egressNotes(groups: SecurityGroup[], attached: string[], cidrs: string[]): string[] {
  // The second test reads "egress covers 0.0.0.0/0", for when the subnets' CIDRs are unknown.
  const allowed = groups.some(
    (sg) =>
      allowsPeerTraffic(sg, attached, cidrs, { protocol: '-1' }, 'egress') ||
      allowsPeerTraffic(sg, attached, ['0.0.0.0/0'], { protocol: '-1' }, 'egress'),
  );
  return allowed ? [] : ['no attached security group allows all outbound traffic to the other instances; add egress to the attached security group as well'];
}
