/**
 * What every rule shares: compliance mappings, reference URLs, IAM actions, the "does this job have
 * a usable VpcConfig" test, and the small helpers that keep finding messages uniform.
 * (A file, not a folder, so `rules/<folder>` stays exactly the set of rule IDs.)
 * @module
 */
import type { Finding, FindingEvidence, NetworkSnapshot, RuleMetadata, Severity, Status, TrainingJobSnapshot } from '../model.js';

/** The SOP's mappings, the same for every rule (DESIGN.md §2). */
export const COMPLIANCE = [
  'CIS Controls v8 3.4',
  'CIS Controls v8 6.7',
  'CIS Controls v8 6.8',
  'CIS Controls v8 14.6',
  'SOC 2',
  'HIPAA',
  'Profile Level 1',
] as const;

/** AWS pages the rules rest on (docs/aws-reference.md source key). */
export const REFERENCES = {
  trainVpc: 'https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html',
  vpcConfig: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html',
  updateTrainingJob: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateTrainingJob.html',
  createTrainingJobCli: 'https://docs.aws.amazon.com/cli/latest/reference/sagemaker/create-training-job.html',
  describeRouteTables: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html',
  egressOnlyIgw: 'https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html',
  trainEncrypt: 'https://docs.aws.amazon.com/sagemaker/latest/dg/train-encrypt.html',
  sagemakerIam: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html',
} as const;

/** IAM actions behind the job facts (Search for fleets, Describe for single jobs). */
export const JOB_PERMISSIONS = ['sagemaker:Search', 'sagemaker:DescribeTrainingJob'] as const;

export type VpcConfigProblem = 'missing' | 'no-subnets' | 'no-security-groups';

/** Why `vpc-configured` fails for this job, or `undefined` when its VpcConfig is usable. */
export function vpcConfigProblem(job: TrainingJobSnapshot): VpcConfigProblem | undefined {
  if (!job.vpcConfig) return 'missing';
  if (job.vpcConfig.subnets.length === 0) return 'no-subnets';
  if (job.vpcConfig.securityGroupIds.length === 0) return 'no-security-groups';
  return undefined;
}

/** Short phrases for skip messages. */
export const VPC_PROBLEM_TEXT: Record<VpcConfigProblem, string> = {
  missing: 'the job has no VpcConfig',
  'no-subnets': "the job's VpcConfig lists no subnets",
  'no-security-groups': "the job's VpcConfig lists no security groups",
};

export interface FindingExtras {
  resources?: string[];
  notes?: string[];
  evidence?: FindingEvidence;
  severity?: Severity;
}

/** A finding for `rule` with de-duplicated resources and notes (omitted when empty). */
export function makeFinding(rule: RuleMetadata, status: Status, message: string, extras: FindingExtras = {}): Finding {
  const notes = unique(extras.notes ?? []);
  return {
    rule: rule.id,
    status,
    severity: extras.severity ?? rule.severity,
    message,
    resources: unique(extras.resources ?? []),
    ...(notes.length > 0 ? { notes } : {}),
    ...(extras.evidence ? { evidence: extras.evidence } : {}),
  };
}

/** `a`, `a and b`, `a, b and c`, `a, b, c and 13 more` (at most `max` names). */
export function listNames(names: string[], max = 3): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `1 subnet`, `2 subnets`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Joins up to `max` reasons with `; ` and says how many more there were. */
export function joinReasons(reasons: string[], max = 2, noun = 'more could not be judged either'): string {
  const shown = reasons.slice(0, max).join('; ');
  return reasons.length > max ? `${shown}; ${reasons.length - max} ${noun}` : shown;
}

/** Subnets that share a description (e.g. the same route table) are said once, in first-seen order. */
export function groupByDescription(results: Array<{ subnetId: string; description: string }>): Array<{ description: string; subnets: string[] }> {
  const groups = new Map<string, string[]>();
  for (const result of results) groups.set(result.description, [...(groups.get(result.description) ?? []), result.subnetId]);
  return [...groups].map(([description, subnets]) => ({ description, subnets }));
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The VPC of the job, from its readable subnets (SageMaker's VpcConfig has no VpcId). */
export function vpcIdsOf(job: TrainingJobSnapshot, network: NetworkSnapshot): string[] {
  const ids: string[] = [];
  for (const subnetId of job.vpcConfig?.subnets ?? []) {
    const fact = network.subnets[subnetId];
    if (fact?.ok) ids.push(fact.value.vpcId);
  }
  return unique(ids);
}
