/**
 * The clone of a training job: a training job's network settings are immutable (no
 * `update-training-job --vpc-config` exists), so remediation re-creates the job under a new name
 * with `VpcConfig` set. Builds the `CreateTrainingJob` payload from a `DescribeTrainingJob` output
 * following the copy / set / strip mapping of aws-reference.md §3, names the clone, and redacts the
 * payload for people to review (secrets never leave; DESIGN.md §3).
 * @module
 */

/** A `DescribeTrainingJob` output as remediation reads it (structural: the SDK's own type fits). */
export interface DescribedTrainingJob {
  TrainingJobName?: string;
  TrainingJobArn?: string;
  TuningJobArn?: string;
  LabelingJobArn?: string;
  AutoMLJobArn?: string;
  TrainingJobStatus?: string;
  RoleArn?: string;
  HyperParameters?: Record<string, string>;
  Environment?: Record<string, string>;
  AlgorithmSpecification?: unknown;
  InputDataConfig?: unknown;
  OutputDataConfig?: unknown;
  ResourceConfig?: DescribedResourceConfig;
  VpcConfig?: { SecurityGroupIds?: string[]; Subnets?: string[] };
  StoppingCondition?: { MaxRuntimeInSeconds?: number; MaxWaitTimeInSeconds?: number; MaxPendingTimeInSeconds?: number };
  EnableNetworkIsolation?: boolean;
  EnableInterContainerTrafficEncryption?: boolean;
  EnableManagedSpotTraining?: boolean;
  CheckpointConfig?: { S3Uri?: string; LocalPath?: string };
  DebugHookConfig?: unknown;
  DebugRuleConfigurations?: unknown;
  TensorBoardOutputConfig?: unknown;
  ExperimentConfig?: unknown;
  ProfilerConfig?: unknown;
  ProfilerRuleConfigurations?: unknown;
  RetryStrategy?: unknown;
  RemoteDebugConfig?: unknown;
  InfraCheckConfig?: unknown;
  ServerlessJobConfig?: unknown;
  MlflowConfig?: unknown;
  ModelPackageConfig?: unknown;
  BillableTimeInSeconds?: number;
  TrainingTimeInSeconds?: number;
  // Output-only members this module never reads (listed so fixtures and callers type-check).
  SecondaryStatus?: unknown;
  FailureReason?: unknown;
  ModelArtifacts?: unknown;
  WarmPoolStatus?: unknown;
  CreationTime?: unknown;
  TrainingStartTime?: unknown;
  TrainingEndTime?: unknown;
  LastModifiedTime?: unknown;
  SecondaryStatusTransitions?: unknown;
  FinalMetricDataList?: unknown;
  BillableTokenCount?: unknown;
  DebugRuleEvaluationStatuses?: unknown;
  ProfilerRuleEvaluationStatuses?: unknown;
  ProfilingStatus?: unknown;
  MlflowDetails?: unknown;
  ProgressInfo?: unknown;
  OutputModelPackageArn?: unknown;
  /** From `ListTags` (Describe has no tags). Members optional so the SDK's `Tag` fits. */
  Tags?: Array<{ Key?: string; Value?: string }>;
}

export interface DescribedResourceConfig {
  InstanceType?: string;
  InstanceCount?: number;
  VolumeSizeInGB?: number;
  VolumeKmsKeyId?: string;
  TrainingPlanArn?: string;
  InstancePlacementConfig?: unknown;
  InstancePreferences?: unknown;
  InstanceGroups?: Array<{ InstanceType?: string; InstanceCount?: number; InstanceGroupName?: string }>;
  KeepAlivePeriodInSeconds?: number;
  SelectedInstanceType?: string;
  SelectedInstanceCount?: number;
}

/** Members copied as they are (aws-reference.md §3 "Copy"). */
export const CLONE_COPY_KEYS = [
  'HyperParameters',
  'AlgorithmSpecification',
  'RoleArn',
  'InputDataConfig',
  'OutputDataConfig',
  'ResourceConfig',
  'StoppingCondition',
  'EnableNetworkIsolation',
  'EnableInterContainerTrafficEncryption',
  'EnableManagedSpotTraining',
  'CheckpointConfig',
  'DebugHookConfig',
  'DebugRuleConfigurations',
  'TensorBoardOutputConfig',
  'ExperimentConfig',
  'ProfilerConfig',
  'ProfilerRuleConfigurations',
  'Environment',
  'RetryStrategy',
  'RemoteDebugConfig',
  'InfraCheckConfig',
  'ServerlessJobConfig',
  'MlflowConfig',
  'ModelPackageConfig',
] as const satisfies ReadonlyArray<keyof DescribedTrainingJob>;
export type CloneCopyKey = (typeof CLONE_COPY_KEYS)[number];

/** Output-only members of the Describe output: never sent (aws-reference.md §3 "Strip"). */
export const OUTPUT_ONLY_KEYS = [
  'TrainingJobArn',
  'TuningJobArn',
  'LabelingJobArn',
  'AutoMLJobArn',
  'ModelArtifacts',
  'TrainingJobStatus',
  'SecondaryStatus',
  'FailureReason',
  'WarmPoolStatus',
  'CreationTime',
  'TrainingStartTime',
  'TrainingEndTime',
  'LastModifiedTime',
  'SecondaryStatusTransitions',
  'FinalMetricDataList',
  'TrainingTimeInSeconds',
  'BillableTimeInSeconds',
  'BillableTokenCount',
  'DebugRuleEvaluationStatuses',
  'ProfilerRuleEvaluationStatuses',
  'ProfilingStatus',
  'MlflowDetails',
  'ProgressInfo',
  'OutputModelPackageArn',
] as const satisfies ReadonlyArray<keyof DescribedTrainingJob>;

/** Nested read-only members of `ResourceConfig` ("isn't accepted in CreateTrainingJob requests"). */
export const RESOURCE_CONFIG_OUTPUT_ONLY_KEYS = ['SelectedInstanceType', 'SelectedInstanceCount'] as const;

/** Tags SageMaker Pipelines sets: they mark a pipeline step (fix the pipeline) and are not copied. */
export const PIPELINE_TAG_KEYS = ['sagemaker:pipeline-execution-arn', 'sagemaker:pipeline-step-name'] as const;

export interface CloneVpcConfig {
  SecurityGroupIds: string[];
  Subnets: string[];
}

export interface CloneTag {
  Key: string;
  Value: string;
}

type ResourceConfigOf<D extends DescribedTrainingJob> = Omit<
  NonNullable<D['ResourceConfig']>,
  (typeof RESOURCE_CONFIG_OUTPUT_ONLY_KEYS)[number]
>;

/**
 * The `CreateTrainingJob` request of a clone. Generic over the description so that, built from the
 * SDK's `DescribeTrainingJobResponse`, it is assignable to the SDK's `CreateTrainingJobRequest`
 * (checked at compile time in test/integration/clone-roundtrip.test.ts).
 */
export type CloneRequest<D extends DescribedTrainingJob = DescribedTrainingJob> = Pick<
  D,
  Exclude<CloneCopyKey, 'RoleArn' | 'OutputDataConfig' | 'ResourceConfig' | 'CheckpointConfig'>
> & {
  TrainingJobName: string;
  RoleArn: NonNullable<D['RoleArn']>;
  OutputDataConfig: NonNullable<D['OutputDataConfig']>;
  ResourceConfig?: ResourceConfigOf<D>;
  CheckpointConfig?: NonNullable<D['CheckpointConfig']>;
  VpcConfig?: CloneVpcConfig;
  Tags?: CloneTag[];
};

/** What the clone's network is: a new `VpcConfig`, the original's (`keep`), or none (`remove`). */
export type CloneVpcChoice = CloneVpcConfig | 'keep' | 'remove';

export interface CloneOptions {
  newName: string;
  vpcConfig: CloneVpcChoice;
  /**
   * New `CheckpointConfig.S3Uri`, so the clone does not resume from the original's checkpoints;
   * empty → `cloneCheckpointUri(original, newName)`.
   */
  checkpointPrefix: string;
  /** Launcher flags a clone may turn on (network-isolation / inter-container-encryption fixes). */
  enable?: { EnableNetworkIsolation?: true; EnableInterContainerTrafficEncryption?: true };
}

/** Why a description cannot be cloned, or `undefined` when it can. */
export function cloneBlocker(description: DescribedTrainingJob): string | undefined {
  if (!description.RoleArn) return 'the DescribeTrainingJob output has no RoleArn';
  if (description.OutputDataConfig === undefined) return 'the DescribeTrainingJob output has no OutputDataConfig';
  return undefined;
}

/**
 * Builds the clone's `CreateTrainingJob` request. Only the copy list is read, so output-only and
 * unknown members can never leak into the request.
 * @throws when `cloneBlocker(description)` names a reason.
 * @example buildClonePayload(description, { newName: cloneName('train-42', now), vpcConfig, checkpointPrefix })
 */
export function buildClonePayload<D extends DescribedTrainingJob>(description: D, options: CloneOptions): CloneRequest<D> {
  const blocker = cloneBlocker(description);
  if (blocker) throw new Error(`cannot clone ${description.TrainingJobName ?? 'the job'}: ${blocker}`);
  // The name first, so the reviewed JSON reads like the request.
  const copied: Record<string, unknown> = { TrainingJobName: options.newName };
  for (const key of CLONE_COPY_KEYS) {
    if (description[key] !== undefined && description[key] !== null) copied[key] = description[key];
  }
  const payload = copied as CloneRequest<D>;
  if (description.ResourceConfig) payload.ResourceConfig = withoutSelected(description.ResourceConfig) as ResourceConfigOf<D>;
  if (description.CheckpointConfig) {
    // Never the original's prefix: the clone would resume from the original's checkpoints.
    const original = description.CheckpointConfig.S3Uri;
    const S3Uri = options.checkpointPrefix || (original ? cloneCheckpointUri(original, options.newName) : undefined);
    payload.CheckpointConfig = { ...description.CheckpointConfig, S3Uri } as NonNullable<D['CheckpointConfig']>;
  }
  if (options.vpcConfig === 'keep' && description.VpcConfig) {
    payload.VpcConfig = {
      SecurityGroupIds: [...(description.VpcConfig.SecurityGroupIds ?? [])],
      Subnets: [...(description.VpcConfig.Subnets ?? [])],
    };
  } else if (typeof options.vpcConfig === 'object') {
    payload.VpcConfig = { SecurityGroupIds: [...options.vpcConfig.SecurityGroupIds], Subnets: [...options.vpcConfig.Subnets] };
  }
  if (options.enable?.EnableNetworkIsolation) payload.EnableNetworkIsolation = true as D['EnableNetworkIsolation'];
  if (options.enable?.EnableInterContainerTrafficEncryption) {
    payload.EnableInterContainerTrafficEncryption = true as D['EnableInterContainerTrafficEncryption'];
  }
  const tags = cloneTags(description.Tags);
  if (tags.length > 0) payload.Tags = tags;
  return payload;
}

function withoutSelected(config: DescribedResourceConfig): DescribedResourceConfig {
  const { SelectedInstanceType: _type, SelectedInstanceCount: _count, ...rest } = config;
  return rest;
}

/** User tags to copy: not `aws:*` (reserved) and not the pipeline provenance tags. */
export function cloneTags(tags: DescribedTrainingJob['Tags']): CloneTag[] {
  const result: CloneTag[] = [];
  for (const tag of tags ?? []) {
    if (tag.Key === undefined || tag.Value === undefined) continue;
    if (tag.Key.startsWith('aws:') || (PIPELINE_TAG_KEYS as readonly string[]).includes(tag.Key)) continue;
    result.push({ Key: tag.Key, Value: tag.Value });
  }
  return result;
}

/** The payload as shown to people: every `Environment` / `HyperParameters` value is `"<redacted>"`. */
export function redactClonePayload<P extends object>(payload: P): P {
  const { Environment, HyperParameters } = payload as { Environment?: unknown; HyperParameters?: unknown };
  return { ...payload, ...redactedMap('Environment', Environment), ...redactedMap('HyperParameters', HyperParameters) };
}

export const REDACTED = '<redacted>';

function redactedMap(key: string, map: unknown): Record<string, Record<string, string>> {
  if (map === undefined || map === null || typeof map !== 'object') return {};
  return { [key]: Object.fromEntries(Object.keys(map).map((k) => [k, REDACTED])) };
}

const NAME_MAX = 63;
const PREVIOUS_SUFFIX = /-(?:vpc|rerun|fix)-\d{12}$/;

/**
 * A new job name for a clone: `<trimmed original>-<tag>-<yyyymmddhhmm>` (UTC), at most 63
 * characters and matching `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`. A previous clone suffix is replaced
 * rather than stacked; if that would reproduce the original (a clone of a clone in the same
 * minute), seconds are added.
 * @example cloneName('train-42', new Date('2026-11-29T10:00:00Z')) // → 'train-42-vpc-202611291000'
 */
export function cloneName(original: string, now: Date, tag: 'vpc' | 'rerun' | 'fix' = 'vpc'): string {
  const iso = now.toISOString();
  const minutes = iso.slice(0, 16).replace(/[-T:]/g, '');
  const candidate = withSuffix(original, `-${tag}-${minutes}`);
  if (candidate !== original) return candidate;
  return withSuffix(original, `-${tag}-${minutes}${iso.slice(17, 19)}`);
}

function withSuffix(original: string, suffix: string): string {
  const sanitized = original
    .replace(PREVIOUS_SUFFIX, '')
    .replace(/[^a-zA-Z0-9-]/g, '-')
    .replace(/^-+/, '');
  const base = sanitized.slice(0, NAME_MAX - suffix.length).replace(/-+$/, '') || 'job';
  return base + suffix;
}

/** The clone's checkpoint prefix: a sub-prefix named after the clone, ending in `/`. */
export function cloneCheckpointUri(originalS3Uri: string, newName: string): string {
  return `${originalS3Uri.replace(/\/+$/, '')}/${newName}/`;
}
