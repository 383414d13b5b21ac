/**
 * A training job as the sandbox stores it: the `DescribeTrainingJob` output shape (member names as in
 * the SageMaker model, timestamps as `Date`) plus the job's `Tags`, which Describe does not return but
 * `Search` and `ListTags` do. Only the members the sandbox fills are typed; the wire carries exactly
 * these, so a misspelt name is a member the SDK silently drops — and a scenario test catches it.
 *
 * The store interfaces let a region hold thousands of *virtual* jobs: `summary(i)` gives the cheap
 * fields queries filter and sort on, `get(i)` builds the full record on demand.
 * @module
 */

export type TrainingJobStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped' | 'Deleting';

export interface JobTag {
  Key: string;
  Value: string;
}

export interface S3DataSourceRecord {
  S3DataType: 'S3Prefix' | 'ManifestFile' | 'AugmentedManifestFile';
  S3Uri: string;
  S3DataDistributionType?: 'FullyReplicated' | 'ShardedByS3Key';
}

export interface ChannelRecord {
  ChannelName: string;
  DataSource: { S3DataSource: S3DataSourceRecord };
  ContentType?: string;
  CompressionType?: 'None' | 'Gzip';
  RecordWrapperType?: 'None' | 'RecordIO';
  InputMode?: 'Pipe' | 'File' | 'FastFile';
}

export interface InstanceGroupRecord {
  InstanceType: string;
  InstanceCount: number;
  InstanceGroupName: string;
}

export interface ResourceConfigRecord {
  InstanceType?: string;
  InstanceCount?: number;
  VolumeSizeInGB: number;
  VolumeKmsKeyId?: string;
  KeepAlivePeriodInSeconds?: number;
  InstanceGroups?: InstanceGroupRecord[];
}

export interface SecondaryStatusTransitionRecord {
  Status: string;
  StartTime: Date;
  EndTime?: Date;
  StatusMessage?: string;
}

export interface MetricDataRecord {
  MetricName: string;
  Value: number;
  Timestamp: Date;
}

export interface TrainingJobRecord {
  TrainingJobName: string;
  TrainingJobArn: string;
  TuningJobArn?: string;
  LabelingJobArn?: string;
  AutoMLJobArn?: string;
  ModelArtifacts: { S3ModelArtifacts: string };
  TrainingJobStatus: TrainingJobStatus;
  SecondaryStatus: string;
  FailureReason?: string;
  HyperParameters?: Record<string, string>;
  AlgorithmSpecification: {
    TrainingInputMode: 'Pipe' | 'File' | 'FastFile';
    TrainingImage?: string;
    AlgorithmName?: string;
    MetricDefinitions?: Array<{ Name: string; Regex: string }>;
    EnableSageMakerMetricsTimeSeries?: boolean;
  };
  RoleArn: string;
  InputDataConfig?: ChannelRecord[];
  OutputDataConfig: { S3OutputPath: string; KmsKeyId?: string; CompressionType?: 'GZIP' | 'NONE' };
  ResourceConfig: ResourceConfigRecord;
  WarmPoolStatus?: { Status: 'Available' | 'Terminated' | 'Reused' | 'InUse'; ResourceRetainedBillableTimeInSeconds?: number };
  VpcConfig?: { SecurityGroupIds: string[]; Subnets: string[] };
  StoppingCondition: { MaxRuntimeInSeconds?: number; MaxWaitTimeInSeconds?: number };
  CreationTime: Date;
  TrainingStartTime?: Date;
  TrainingEndTime?: Date;
  LastModifiedTime: Date;
  SecondaryStatusTransitions?: SecondaryStatusTransitionRecord[];
  FinalMetricDataList?: MetricDataRecord[];
  EnableNetworkIsolation: boolean;
  EnableInterContainerTrafficEncryption: boolean;
  EnableManagedSpotTraining: boolean;
  CheckpointConfig?: { S3Uri: string; LocalPath?: string };
  TrainingTimeInSeconds?: number;
  BillableTimeInSeconds?: number;
  ExperimentConfig?: { ExperimentName?: string; TrialName?: string; TrialComponentDisplayName?: string; RunName?: string };
  ProfilerConfig?: { S3OutputPath?: string; ProfilingIntervalInMilliseconds?: number; DisableProfiler?: boolean };
  ProfilingStatus?: 'Enabled' | 'Disabled';
  Environment?: Record<string, string>;
  RetryStrategy?: { MaximumRetryAttempts: number };
  /** Not part of Describe: returned by Search records and ListTags. */
  Tags: JobTag[];
}

/** The fields queries filter and sort on; cheap to produce for virtual jobs. Times are epoch ms. */
export interface JobSummary {
  name: string;
  arn: string;
  status: TrainingJobStatus;
  secondaryStatus: string;
  creationTime: number;
  lastModifiedTime: number;
  trainingEndTime?: number;
}

/**
 * The jobs of one region, newest first: `summary(i).creationTime` never increases with `i`. Virtual
 * stores (the fleet) produce records from a seed, so memory stays O(pool), not O(jobs).
 */
export interface JobStore {
  readonly size: number;
  summary(index: number): JobSummary;
  get(index: number): TrainingJobRecord;
  indexOf(name: string): number | undefined;
  /**
   * An upper bound on `lastModifiedTime - creationTime` over all jobs (ms). Lets a scan ordered by
   * LastModifiedTime stop early instead of reading every job.
   */
  readonly maxLagMs: number;
  /** True when records come from a generator and cannot be replaced one by one. */
  readonly virtual: boolean;
}

export function summarizeJob(job: TrainingJobRecord): JobSummary {
  return {
    name: job.TrainingJobName,
    arn: job.TrainingJobArn,
    status: job.TrainingJobStatus,
    secondaryStatus: job.SecondaryStatus,
    creationTime: job.CreationTime.getTime(),
    lastModifiedTime: job.LastModifiedTime.getTime(),
    ...(job.TrainingEndTime ? { trainingEndTime: job.TrainingEndTime.getTime() } : {}),
  };
}

/** A store over materialised records (the seeded scenarios, tests). Immutable: the world swaps stores. */
export function createArrayJobStore(records: readonly TrainingJobRecord[]): JobStore {
  const sorted = [...records].sort(
    (a, b) => b.CreationTime.getTime() - a.CreationTime.getTime() || a.TrainingJobName.localeCompare(b.TrainingJobName),
  );
  const summaries = sorted.map(summarizeJob);
  const byName = new Map(sorted.map((job, index) => [job.TrainingJobName, index]));
  const maxLagMs = summaries.reduce((max, s) => Math.max(max, s.lastModifiedTime - s.creationTime), 0);
  return {
    size: sorted.length,
    summary: (index) => at(summaries, index),
    get: (index) => at(sorted, index),
    indexOf: (name) => byName.get(name),
    maxLagMs,
    virtual: false,
  };
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`job index ${index} out of range 0..${items.length - 1}`);
  return item;
}
