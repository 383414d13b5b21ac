/**
 * Test builders for remediation: a `TrainingJobSnapshot` from a Describe fixture, findings with
 * evidence, and a context with a fixed clock. Test data only.
 * @module
 */
import type { Finding, FindingEvidence, RuleId, Status, TrainingJobSnapshot, TrainingStatus } from '../../audit/model.js';
import type { DescribedTrainingJob } from '../clone-training-job.js';
import type { RemediationContext } from '../context.js';

export const NOW = new Date('2026-11-29T10:00:00.000Z');

/** What the collectors would map from this Describe output (enough for remediation). */
export function snapshotOf(description: DescribedTrainingJob, region = 'us-east-1'): TrainingJobSnapshot {
  const config = description.ResourceConfig;
  const groups = config?.InstanceGroups ?? [];
  const job: TrainingJobSnapshot = {
    name: description.TrainingJobName ?? '',
    account: description.TrainingJobArn?.split(':')[4] ?? '',
    region,
    enableNetworkIsolation: description.EnableNetworkIsolation === true,
    enableInterContainerTrafficEncryption: description.EnableInterContainerTrafficEncryption === true,
    instanceCount: groups.length ? groups.reduce((n, g) => n + (g.InstanceCount ?? 0), 0) : (config?.InstanceCount ?? 1),
  };
  if (description.TrainingJobArn) job.arn = description.TrainingJobArn;
  if (description.TrainingJobStatus) job.status = description.TrainingJobStatus as TrainingStatus;
  if (description.VpcConfig) {
    job.vpcConfig = { subnets: description.VpcConfig.Subnets ?? [], securityGroupIds: description.VpcConfig.SecurityGroupIds ?? [] };
  }
  if (config?.InstanceType) job.instanceType = config.InstanceType;
  if (description.BillableTimeInSeconds !== undefined) job.billableTimeInSeconds = description.BillableTimeInSeconds;
  if (description.EnableManagedSpotTraining !== undefined) job.enableManagedSpotTraining = description.EnableManagedSpotTraining;
  if (description.TuningJobArn) job.tuningJobArn = description.TuningJobArn;
  if (description.AutoMLJobArn) job.autoMLJobArn = description.AutoMLJobArn;
  if (description.LabelingJobArn) job.labelingJobArn = description.LabelingJobArn;
  if (description.Tags) job.tags = description.Tags.map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
  return job;
}

export function finding(rule: RuleId, status: Status, evidence?: FindingEvidence): Finding {
  const result: Finding = { rule, status, severity: 'high', message: `${rule} is ${status} for this job.`, resources: [] };
  if (evidence) result.evidence = evidence;
  return result;
}

/** A context for one finding; `description` is included unless `fleet` is set. */
export function contextFor(
  description: DescribedTrainingJob,
  f: Finding,
  extra: Partial<Omit<RemediationContext, 'job' | 'finding' | 'now'>> & { fleet?: boolean } = {},
): RemediationContext {
  const { fleet, ...rest } = extra;
  const ctx: RemediationContext = { job: snapshotOf(description), finding: f, now: NOW, ...rest };
  if (!fleet && !('description' in rest)) ctx.description = description;
  return ctx;
}
