/**
 * SageMaker record → `TrainingJobSnapshot`. The same mapping serves a `DescribeTrainingJob` output
 * and a `Search` `TrainingJob` record (they share member names), so a job audited from a fleet
 * search and from a single check looks the same to the rules.
 * @module
 */
import type { DescribeTrainingJobResponse, Tag as SdkTag, TrainingJob } from '@aws-sdk/client-sagemaker';

import type { Tag, TrainingJobSnapshot, TrainingStatus, VpcConfig } from '../../audit/model.js';

/**
 * `DescribeTrainingJob`'s output without `$metadata`, in the SDK's own shape (remediation builds the
 * clone payload from it), plus the job's tags when they were read with `ListTags`.
 */
export interface DescribedTrainingJob extends DescribeTrainingJobResponse {
  Tags?: SdkTag[];
}

/** A record `mapTrainingJob` accepts: a Describe output or a `Search` result's `TrainingJob`. */
export type TrainingJobRecord = DescribedTrainingJob | TrainingJob;

const STATUSES: ReadonlySet<string> = new Set<TrainingStatus>([
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped',
  'Deleting',
]);

/**
 * @param region the region the record was read in (the client's).
 * @example mapTrainingJob(searchResult.TrainingJob, 'us-east-1').vpcConfig
 */
export function mapTrainingJob(record: TrainingJobRecord, region: string): TrainingJobSnapshot {
  const resources = record.ResourceConfig;
  const job: TrainingJobSnapshot = {
    name: record.TrainingJobName ?? '',
    account: accountFromArn(record.TrainingJobArn) ?? '',
    region,
    enableNetworkIsolation: record.EnableNetworkIsolation === true,
    enableInterContainerTrafficEncryption: record.EnableInterContainerTrafficEncryption === true,
    instanceCount: instanceCount(record),
  };
  assign(job, 'arn', record.TrainingJobArn);
  if (record.TrainingJobStatus !== undefined && STATUSES.has(record.TrainingJobStatus)) {
    job.status = record.TrainingJobStatus as TrainingStatus;
  }
  assign(job, 'secondaryStatus', record.SecondaryStatus);
  assign(job, 'creationTime', isoTime(record.CreationTime));
  assign(job, 'trainingEndTime', isoTime(record.TrainingEndTime));
  assign(job, 'vpcConfig', vpcConfig(record));
  assign(job, 'enableManagedSpotTraining', record.EnableManagedSpotTraining);
  assign(job, 'instanceType', resources?.InstanceType ?? resources?.SelectedInstanceType ?? sharedGroupType(record));
  assign(job, 'billableTimeInSeconds', record.BillableTimeInSeconds);
  assign(job, 'tuningJobArn', record.TuningJobArn);
  assign(job, 'autoMLJobArn', record.AutoMLJobArn);
  assign(job, 'labelingJobArn', record.LabelingJobArn);
  assign(job, 'tags', record.Tags?.map(toTag));
  return job;
}

/** The account of an ARN (`arn:aws:sagemaker:us-east-1:123456789012:training-job/x`), without STS. */
export function accountFromArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

export function toTag(tag: SdkTag): Tag {
  return { key: tag.Key ?? '', value: tag.Value ?? '' };
}

/** Kept exactly: empty lists stay empty (→ `vpc-configured` fails), absent stays absent. */
function vpcConfig(record: TrainingJobRecord): VpcConfig | undefined {
  if (record.VpcConfig === undefined) return undefined;
  return { subnets: [...(record.VpcConfig.Subnets ?? [])], securityGroupIds: [...(record.VpcConfig.SecurityGroupIds ?? [])] };
}

function instanceCount(record: TrainingJobRecord): number {
  const resources = record.ResourceConfig;
  if (typeof resources?.InstanceCount === 'number') return resources.InstanceCount;
  const groups = resources?.InstanceGroups ?? [];
  if (groups.length > 0) return groups.reduce((sum, group) => sum + (group.InstanceCount ?? 0), 0);
  // Flexible-instance jobs report what was actually launched here.
  return resources?.SelectedInstanceCount ?? 1;
}

/** Heterogeneous clusters have no single type; one shared by every group is still worth naming. */
function sharedGroupType(record: TrainingJobRecord): string | undefined {
  const types = new Set((record.ResourceConfig?.InstanceGroups ?? []).map((group) => group.InstanceType));
  const [only] = types;
  return types.size === 1 ? only : undefined;
}

function isoTime(value: Date | undefined): string | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : undefined;
}

/** Sets optional members only when known, so snapshots stay free of `undefined` keys. */
function assign<K extends keyof TrainingJobSnapshot>(job: TrainingJobSnapshot, key: K, value: TrainingJobSnapshot[K] | undefined): void {
  if (value !== undefined) job[key] = value;
}
