/**
 * What a remediation builder receives, and the small decisions builders share: which network a
 * clone gets, and how to read a finding's evidence for one rule.
 * @module
 */
import type { Finding, FindingEvidence, Remediation, RuleId, TrainingJobSnapshot } from '../audit/model.js';
import type { CloneVpcConfig, DescribedTrainingJob } from './clone-training-job.js';
import { PLACEHOLDER, shellQuote } from './snippet.js';

export interface RemediationContext {
  job: TrainingJobSnapshot;
  finding: Finding;
  /** From DescribeTrainingJob (+ ListTags): present for single-job checks and `remediate`, absent in fleet audits. */
  description?: DescribedTrainingJob;
  /**
   * The approved network for the job's account and region (`REMEDIATION_NETWORK`). The caller passes
   * it only after it passed the three control rules itself (DESIGN.md §3).
   */
  approvedNetwork?: { subnets: string[]; securityGroups: string[] };
  /**
   * The job's private subnets, proposed with its security groups. When given (even empty) it is
   * authoritative: the caller passes only a proposal that passed the three control rules itself.
   */
  privateSubnets?: string[];
  /** The job's VPC, derived from its subnets. */
  vpcId?: string;
  now: Date;
}

export type Builder = (ctx: RemediationContext) => Remediation;

/** The clone's `VpcConfig` and where it came from. */
export interface ChosenNetwork {
  vpc: CloneVpcConfig;
  source: 'approved' | 'private-subnets' | 'placeholders';
}

/**
 * The network a fixed launch uses: the approved network when configured; else the job's own private
 * subnets with its security groups; else placeholders (a private subnet and a security group must
 * be in the same VPC, so one real value beside a placeholder could mislead).
 */
export function chooseNetwork(ctx: RemediationContext): ChosenNetwork {
  if (ctx.approvedNetwork && ctx.approvedNetwork.subnets.length > 0 && ctx.approvedNetwork.securityGroups.length > 0) {
    return {
      vpc: { Subnets: [...ctx.approvedNetwork.subnets], SecurityGroupIds: [...ctx.approvedNetwork.securityGroups] },
      source: 'approved',
    };
  }
  const evidence = evidenceFor(ctx.finding, 'vpc-subnets-private');
  const privateSubnets = ctx.privateSubnets ?? evidence?.privateSubnets ?? [];
  const groups = ctx.job.vpcConfig?.securityGroupIds ?? [];
  if (privateSubnets.length > 0 && groups.length > 0) {
    return { vpc: { Subnets: [...privateSubnets], SecurityGroupIds: [...groups] }, source: 'private-subnets' };
  }
  return { vpc: { Subnets: [PLACEHOLDER.privateSubnet], SecurityGroupIds: [PLACEHOLDER.securityGroup] }, source: 'placeholders' };
}

/** The finding's evidence when it is the variant for `rule`. */
export function evidenceFor<R extends RuleId>(finding: Finding, rule: R): Extract<FindingEvidence, { rule: R }> | undefined {
  const evidence = finding.evidence;
  if (evidence?.rule !== rule) return undefined;
  return evidence as Extract<FindingEvidence, { rule: R }>;
}

/** How to run `sagemaker-vpc remediate` for the job (fleet audits build clones on demand). */
export function remediateCommand(ctx: RemediationContext): string {
  return `sagemaker-vpc remediate ${shellQuote(ctx.job.name)} --region ${shellQuote(ctx.job.region)}`;
}
