/**
 * Builds realistic `DescribeTrainingJob` records from a short spec: timestamps and secondary-status
 * transitions that agree with the status, model artifacts, billable time (less than training time
 * for spot), warm-pool status, and the images, roles and buckets a real account would show.
 * @module
 */
import type {
  ChannelRecord,
  InstanceGroupRecord,
  JobTag,
  SecondaryStatusTransitionRecord,
  TrainingJobRecord,
  TrainingJobStatus,
} from './training-job-types.js';
import { DEFAULT_ACCOUNT_ID } from './world.js';

export interface TrainingJobSpec {
  name: string;
  region: string;
  accountId?: string;
  status: Exclude<TrainingJobStatus, 'Deleting' | 'Stopping'>;
  createdAt: Date;
  /** Seconds of training (elapsed so far for an InProgress job). */
  trainingSeconds: number;
  instanceType?: string;
  instanceCount?: number;
  /** Heterogeneous cluster: replaces InstanceType/InstanceCount. */
  instanceGroups?: InstanceGroupRecord[];
  volumeSizeInGB?: number;
  keepAlivePeriodInSeconds?: number;
  vpcConfig?: { subnets: string[]; securityGroupIds: string[] };
  networkIsolation?: boolean;
  interContainerEncryption?: boolean;
  spot?: { maxWaitSeconds: number; checkpointS3Uri: string; savedPercent: number };
  /** A container image URI, or `algorithmName` for a marketplace/custom algorithm. */
  image?: string;
  algorithmName?: string;
  hyperParameters?: Record<string, string>;
  environment?: Record<string, string>;
  tuningJobArn?: string;
  tags?: Record<string, string>;
  failureReason?: string;
  project?: string;
  channels?: string[];
  maxRuntimeSeconds?: number;
  finalMetrics?: Record<string, number>;
  experiment?: string;
}

const STARTUP_SECONDS = 150;
const DOWNLOAD_SECONDS = 45;
const UPLOAD_SECONDS = 25;

const plus = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

function defaultImage(region: string): string {
  return `763104351884.dkr.ecr.${region}.amazonaws.com/pytorch-training:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker`;
}

export function trainingJobArn(region: string, accountId: string, name: string): string {
  // SageMaker lower-cases the name part of its ARNs.
  return `arn:aws:sagemaker:${region}:${accountId}:training-job/${name.toLowerCase()}`;
}

function transitions(spec: TrainingJobSpec, start: Date, trainEnd: Date): SecondaryStatusTransitionRecord[] {
  const created = spec.createdAt;
  const downloaded = plus(start, DOWNLOAD_SECONDS);
  const list: SecondaryStatusTransitionRecord[] = [
    { Status: 'Starting', StartTime: created, EndTime: start, StatusMessage: 'Preparing the instances for training' },
    { Status: 'Downloading', StartTime: start, EndTime: downloaded, StatusMessage: 'Downloading input data' },
  ];
  const training: SecondaryStatusTransitionRecord = {
    Status: 'Training',
    StartTime: downloaded,
    StatusMessage: 'Training image download completed. Training in progress.',
  };
  if (spec.status === 'InProgress') return [...list, training];
  list.push({ ...training, EndTime: trainEnd });
  const end = plus(trainEnd, UPLOAD_SECONDS);
  if (spec.status === 'Completed') {
    list.push({ Status: 'Uploading', StartTime: trainEnd, EndTime: end, StatusMessage: 'Uploading generated training model' });
    list.push({ Status: 'Completed', StartTime: end, EndTime: end, StatusMessage: 'Training job completed' });
  } else if (spec.status === 'Failed') {
    list.push({ Status: 'Failed', StartTime: end, EndTime: end, StatusMessage: 'Training job failed' });
  } else {
    list.push({ Status: 'Stopping', StartTime: trainEnd, EndTime: end, StatusMessage: 'Stopping the training job' });
    list.push({ Status: 'Stopped', StartTime: end, EndTime: end, StatusMessage: 'Training job stopped' });
  }
  return list;
}

function channels(spec: TrainingJobSpec, accountId: string): ChannelRecord[] {
  const project = spec.project ?? spec.name;
  return (spec.channels ?? ['train', 'validation']).map((name) => ({
    ChannelName: name,
    DataSource: {
      S3DataSource: {
        S3DataType: 'S3Prefix',
        S3Uri: `s3://ml-data-${accountId}-${spec.region}/${project}/${name}/`,
        S3DataDistributionType: name === 'train' ? 'ShardedByS3Key' : 'FullyReplicated',
      },
    },
    ContentType: 'application/x-parquet',
    CompressionType: 'None',
    RecordWrapperType: 'None',
    InputMode: 'File',
  }));
}

export interface JobTimeline {
  start: Date;
  trainEnd: Date;
  /** Absent while the job runs. */
  end?: Date;
  lastModified: Date;
  secondaryStatus: string;
}

/** The timestamps a job's status implies; shared with virtual fleets so summaries match records. */
export function jobTimeline(spec: Pick<TrainingJobSpec, 'createdAt' | 'trainingSeconds' | 'status'>): JobTimeline {
  const start = plus(spec.createdAt, STARTUP_SECONDS);
  const trainEnd = plus(start, DOWNLOAD_SECONDS + spec.trainingSeconds);
  if (spec.status === 'InProgress') return { start, trainEnd, lastModified: trainEnd, secondaryStatus: 'Training' };
  const end = plus(trainEnd, UPLOAD_SECONDS);
  return { start, trainEnd, end, lastModified: plus(end, 1), secondaryStatus: spec.status };
}

/** Upper bound of LastModifiedTime − CreationTime for a job that trained `trainingSeconds` at most. */
export function maxJobLagMs(trainingSeconds: number): number {
  return (STARTUP_SECONDS + DOWNLOAD_SECONDS + trainingSeconds + UPLOAD_SECONDS + 1) * 1000;
}

export function buildTrainingJob(spec: TrainingJobSpec): TrainingJobRecord {
  const accountId = spec.accountId ?? DEFAULT_ACCOUNT_ID;
  const bucket = `s3://sagemaker-${spec.region}-${accountId}`;
  const { start, trainEnd, end, lastModified } = jobTimeline(spec);
  const finished = end !== undefined;
  const trainingTime = end ? Math.round((end.getTime() - start.getTime()) / 1000) : undefined;
  const billable = trainingTime === undefined ? undefined : spec.spot ? Math.round(trainingTime * (1 - spec.spot.savedPercent / 100)) : trainingTime;
  const secondary = transitions(spec, start, trainEnd);
  const last = secondary.at(-1);
  const tags: JobTag[] = Object.entries(spec.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

  return {
    TrainingJobName: spec.name,
    TrainingJobArn: trainingJobArn(spec.region, accountId, spec.name),
    ...(spec.tuningJobArn ? { TuningJobArn: spec.tuningJobArn } : {}),
    ModelArtifacts: { S3ModelArtifacts: `${bucket}/${spec.name}/output/model.tar.gz` },
    TrainingJobStatus: spec.status,
    SecondaryStatus: last?.Status ?? 'Starting',
    ...(spec.status === 'Failed' ? { FailureReason: spec.failureReason ?? 'AlgorithmError: ExecuteUserScriptError: exit code 1' } : {}),
    ...(spec.hyperParameters ? { HyperParameters: { ...spec.hyperParameters } } : {}),
    AlgorithmSpecification: spec.algorithmName
      ? { TrainingInputMode: 'File', AlgorithmName: spec.algorithmName, EnableSageMakerMetricsTimeSeries: true }
      : {
          TrainingInputMode: 'File',
          TrainingImage: spec.image ?? defaultImage(spec.region),
          MetricDefinitions: [{ Name: 'validation:loss', Regex: 'val_loss=([0-9\\.]+)' }],
          EnableSageMakerMetricsTimeSeries: true,
        },
    RoleArn: `arn:aws:iam::${accountId}:role/service-role/AmazonSageMaker-ExecutionRole-20240115T093000`,
    InputDataConfig: channels(spec, accountId),
    OutputDataConfig: { S3OutputPath: `${bucket}/`, KmsKeyId: '', CompressionType: 'GZIP' },
    ResourceConfig: {
      ...(spec.instanceGroups
        ? { InstanceGroups: spec.instanceGroups.map((g) => ({ ...g })) }
        : { InstanceType: spec.instanceType ?? 'ml.m5.xlarge', InstanceCount: spec.instanceCount ?? 1 }),
      VolumeSizeInGB: spec.volumeSizeInGB ?? 50,
      ...(spec.keepAlivePeriodInSeconds !== undefined ? { KeepAlivePeriodInSeconds: spec.keepAlivePeriodInSeconds } : {}),
    },
    ...(spec.keepAlivePeriodInSeconds && finished
      ? { WarmPoolStatus: { Status: 'Terminated' as const, ResourceRetainedBillableTimeInSeconds: spec.keepAlivePeriodInSeconds } }
      : {}),
    ...(spec.vpcConfig ? { VpcConfig: { SecurityGroupIds: [...spec.vpcConfig.securityGroupIds], Subnets: [...spec.vpcConfig.subnets] } } : {}),
    StoppingCondition: {
      MaxRuntimeInSeconds: spec.maxRuntimeSeconds ?? 86_400,
      ...(spec.spot ? { MaxWaitTimeInSeconds: spec.spot.maxWaitSeconds } : {}),
    },
    CreationTime: spec.createdAt,
    TrainingStartTime: start,
    ...(end ? { TrainingEndTime: end } : {}),
    LastModifiedTime: lastModified,
    SecondaryStatusTransitions: secondary,
    ...(spec.status === 'Completed' && end
      ? {
          FinalMetricDataList: Object.entries(spec.finalMetrics ?? { 'validation:loss': 0.2134 }).map(([MetricName, Value]) => ({
            MetricName,
            Value,
            Timestamp: trainEnd,
          })),
        }
      : {}),
    EnableNetworkIsolation: spec.networkIsolation ?? false,
    EnableInterContainerTrafficEncryption: spec.interContainerEncryption ?? false,
    EnableManagedSpotTraining: spec.spot !== undefined,
    ...(spec.spot ? { CheckpointConfig: { S3Uri: spec.spot.checkpointS3Uri, LocalPath: '/opt/ml/checkpoints' } } : {}),
    ...(trainingTime !== undefined ? { TrainingTimeInSeconds: trainingTime } : {}),
    ...(billable !== undefined ? { BillableTimeInSeconds: billable } : {}),
    ...(spec.experiment ? { ExperimentConfig: { ExperimentName: spec.experiment, RunName: spec.name } } : {}),
    ProfilerConfig: { S3OutputPath: `${bucket}/`, DisableProfiler: false },
    ...(spec.environment ? { Environment: { ...spec.environment } } : {}),
    RetryStrategy: { MaximumRetryAttempts: 1 },
    Tags: tags,
  };
}
