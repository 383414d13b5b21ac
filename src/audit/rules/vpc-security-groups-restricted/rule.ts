/**
 * `vpc-security-groups-restricted` (control, high): no attached security group allows inbound
 * traffic from `0.0.0.0/0`, `::/0`, or a public range of /8 or wider (IPv6 /16 or wider), whatever
 * the protocol or port. Group references, private ranges (however wide) and narrower public CIDRs
 * pass. Prefix-list sources pass too: their contents are not resolved yet, and a note says so.
 * Compliance: CIS Controls v8 3.4, 6.7, 6.8, 14.6; SOC 2; HIPAA; Profile Level 1.
 * @module
 */
import type { Finding, NetworkSnapshot, OpenIngressRule, Rule, RuleContext, TrainingJobSnapshot } from '../../model.js';
import {
  classifySecurityGroup,
  describeTraffic,
  trustNotes,
  type SecurityGroupClassification,
} from '../../network/security-groups.js';
import {
  COMPLIANCE,
  JOB_PERMISSIONS,
  REFERENCES,
  VPC_PROBLEM_TEXT,
  count,
  joinReasons,
  listNames,
  makeFinding,
  unique,
} from '../rule-support.js';

export const vpcSecurityGroupsRestricted = {
  id: 'vpc-security-groups-restricted',
  title: 'Training job security groups allow no inbound traffic from public ranges',
  severity: 'high',
  kind: 'control',
  rationale:
    'SageMaker attaches every listed security group to every training network interface. An inbound rule from ' +
    '0.0.0.0/0, ::/0 or a public range of /8 or wider (IPv6 /16) admits traffic from the internet wherever a path exists. ' +
    'Prefix-list sources are not resolved yet and are reported as notes, not judged.',
  references: [REFERENCES.trainVpc, REFERENCES.vpcConfig],
  compliance: [...COMPLIANCE],
  permissions: [...JOB_PERMISSIONS, 'ec2:DescribeSecurityGroups'],
  evaluate(job: TrainingJobSnapshot, network: NetworkSnapshot, _ctx: RuleContext): Finding {
    if (!job.vpcConfig) return makeFinding(vpcSecurityGroupsRestricted, 'skip', `skipped: ${VPC_PROBLEM_TEXT.missing}`);
    const groupIds = unique(job.vpcConfig.securityGroupIds);
    if (groupIds.length === 0) {
      return makeFinding(vpcSecurityGroupsRestricted, 'skip', `skipped: ${VPC_PROBLEM_TEXT['no-security-groups']}`);
    }

    const results = groupIds.map((id) => classifySecurityGroup(id, network));
    const open = results.filter((r) => r.classification === 'open');
    const unknown = results.filter((r) => r.classification === 'unknown');
    const openIngress = open.flatMap((r) => r.openIngress);
    const notes = results.flatMap((r) => (r.group ? trustNotes(r.group, job.account) : []));
    const evidence = { rule: 'vpc-security-groups-restricted' as const, openIngress };

    if (open.length > 0) {
      const [only] = open;
      const message =
        open.length === 1 && only
          ? `${label(only)} allows inbound ${describeEntries(only.openIngress)}`
          : `${open.length} of ${count(groupIds.length, 'security group')} allow inbound traffic from public ranges: ` +
            open.map((r) => `${label(r)}: ${describeEntries(r.openIngress)}`).join('; ');
      return makeFinding(vpcSecurityGroupsRestricted, 'fail', message, {
        resources: open.map((r) => r.id),
        notes: [...unknown.flatMap((r) => (r.reason ? [r.reason] : [])), ...notes],
        evidence,
      });
    }
    if (unknown.length > 0) {
      const lead =
        unknown.length === groupIds.length ? '' : `${unknown.length} of ${count(groupIds.length, 'security group')} could not be judged: `;
      return makeFinding(vpcSecurityGroupsRestricted, 'unknown', lead + joinReasons(unknown.map((r) => r.reason ?? r.id)), {
        resources: unknown.map((r) => r.id),
        notes,
        evidence,
      });
    }
    const verb = groupIds.length === 1 ? 'allows' : 'allow';
    return makeFinding(
      vpcSecurityGroupsRestricted,
      'pass',
      `${listNames(groupIds)} ${verb} no inbound traffic from 0.0.0.0/0, ::/0 or public ranges of /8 or wider (IPv6 /16 or wider)`,
      { resources: groupIds, notes, evidence },
    );
  },
} satisfies Rule;

function label(result: SecurityGroupClassification): string {
  const name = result.group?.name;
  return name && name !== result.id ? `${result.id} (${name})` : result.id;
}

/** `tcp port 22 from 0.0.0.0/0 and all traffic from ::/0` (first three entries). */
function describeEntries(entries: OpenIngressRule[]): string {
  const parts = entries.map((entry) => `${describeTraffic(entry)} from ${entry.cidr}`);
  return listNames(parts, 3);
}
