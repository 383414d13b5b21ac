/**
 * Realistic `DescribeTrainingJob` outputs (as `aws sagemaker describe-training-job --output json`
 * prints them, plus `Tags` from `list-tags`) for clone tests: single instance, instance groups,
 * spot with checkpoints, a managed warm pool, a tuning-job child, a custom algorithm ARN, secrets in
 * Environment/HyperParameters, and a pipeline step. Test data only.
 * @module
 */
import type { DescribedTrainingJob } from '../clone-training-job.js';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20260101T000000`;
const arn = (name: string): string => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${name}`;
const PYTORCH_IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker';

/** Values that must never appear in any snippet (they sit in Environment / HyperParameters). */
export const SECRET_VALUES = [
  'wandb_live_9f8e7d6c5b4a3f2e1d0c',
  "postgres://trainer:S3cr3t'$(pw)`x`@db.internal:5432/ml",
  'hf_AbCdEfGhIjKlMnOpQrStUvWx',
] as const;

const outputs = (name: string) => ({
  ModelArtifacts: { S3ModelArtifacts: `s3://ml-artifacts-${ACCOUNT}/output/${name}/output/model.tar.gz` },
  CreationTime: '2026-11-20T09:00:00.000000+00:00',
  TrainingStartTime: '2026-11-20T09:03:12.000000+00:00',
  TrainingEndTime: '2026-11-20T10:33:12.000000+00:00',
  LastModifiedTime: '2026-11-20T10:34:00.000000+00:00',
  SecondaryStatusTransitions: [
    { Status: 'Starting', StartTime: '2026-11-20T09:00:00.000000+00:00', EndTime: '2026-11-20T09:03:12.000000+00:00', StatusMessage: 'Preparing the instances for training' },
    { Status: 'Completed', StartTime: '2026-11-20T10:33:12.000000+00:00', EndTime: '2026-11-20T10:34:00.000000+00:00', StatusMessage: 'Training job completed' },
  ],
  FinalMetricDataList: [{ MetricName: 'train:loss', Value: 0.1873, Timestamp: '2026-11-20T10:33:00.000000+00:00' }],
  ProfilingStatus: 'Disabled',
});

export const singleInstance: DescribedTrainingJob = {
  TrainingJobName: 'churn-pytorch-2026-11-20-09-00-00-123',
  TrainingJobArn: arn('churn-pytorch-2026-11-20-09-00-00-123'),
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  HyperParameters: { epochs: '20', 'learning-rate': '0.001', sagemaker_program: '"train.py"', sagemaker_region: '"us-east-1"' },
  AlgorithmSpecification: { TrainingImage: PYTORCH_IMAGE, TrainingInputMode: 'File', EnableSageMakerMetricsTimeSeries: true },
  RoleArn: ROLE,
  InputDataConfig: [
    {
      ChannelName: 'training',
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://ml-data-${ACCOUNT}/churn/train/`, S3DataDistributionType: 'FullyReplicated' } },
      CompressionType: 'None',
      RecordWrapperType: 'None',
    },
  ],
  OutputDataConfig: { KmsKeyId: '', S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/output/`, CompressionType: 'GZIP' },
  ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 100 },
  StoppingCondition: { MaxRuntimeInSeconds: 86400 },
  EnableNetworkIsolation: false,
  EnableInterContainerTrafficEncryption: false,
  EnableManagedSpotTraining: false,
  TrainingTimeInSeconds: 5400,
  BillableTimeInSeconds: 5400,
  DebugHookConfig: { S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/output/`, CollectionConfigurations: [] },
  ProfilerConfig: { S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/output/`, DisableProfiler: true },
  ...outputs('churn-pytorch-2026-11-20-09-00-00-123'),
  Tags: [
    { Key: 'team', Value: 'growth-ml' },
    { Key: 'cost-center', Value: 'cc-4711' },
    { Key: 'aws:cloudformation:stack-name', Value: 'ml-platform' },
  ],
};

export const instanceGroups: DescribedTrainingJob = {
  TrainingJobName: 'llm-pretrain-hetero-0042',
  TrainingJobArn: arn('llm-pretrain-hetero-0042'),
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  HyperParameters: { 'model-size': '"7b"' },
  AlgorithmSpecification: { TrainingImage: PYTORCH_IMAGE, TrainingInputMode: 'FastFile' },
  RoleArn: ROLE,
  InputDataConfig: [
    {
      ChannelName: 'train',
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://ml-data-${ACCOUNT}/corpus/`, S3DataDistributionType: 'ShardedByS3Key', InstanceGroupNames: ['data'] } },
    },
  ],
  OutputDataConfig: { S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/llm/` },
  ResourceConfig: {
    VolumeSizeInGB: 500,
    InstanceGroups: [
      { InstanceType: 'ml.p4d.24xlarge', InstanceCount: 2, InstanceGroupName: 'gpu' },
      { InstanceType: 'ml.c5.18xlarge', InstanceCount: 1, InstanceGroupName: 'data' },
    ],
  },
  VpcConfig: { SecurityGroupIds: ['sg-0aa11bb22cc33dd44'], Subnets: ['subnet-0public1a2b3c4d5e', 'subnet-0public6f7a8b9c0d'] },
  StoppingCondition: { MaxRuntimeInSeconds: 432000 },
  EnableNetworkIsolation: false,
  EnableInterContainerTrafficEncryption: true,
  EnableManagedSpotTraining: false,
  TrainingTimeInSeconds: 7200,
  BillableTimeInSeconds: 7200,
  ...outputs('llm-pretrain-hetero-0042'),
  Tags: [{ Key: 'project', Value: 'llm' }],
};

export const spotWithCheckpoints: DescribedTrainingJob = {
  TrainingJobName: 'bert-finetune-spot',
  TrainingJobArn: arn('bert-finetune-spot'),
  TrainingJobStatus: 'InProgress',
  SecondaryStatus: 'Training',
  HyperParameters: { epochs: '3', sagemaker_program: '"finetune.py"' },
  AlgorithmSpecification: { TrainingImage: PYTORCH_IMAGE, TrainingInputMode: 'File' },
  RoleArn: ROLE,
  InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://ml-data-${ACCOUNT}/bert/` } } }],
  OutputDataConfig: { S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/bert/` },
  ResourceConfig: { InstanceType: 'ml.p3.8xlarge', InstanceCount: 2, VolumeSizeInGB: 200 },
  VpcConfig: { SecurityGroupIds: ['sg-0bert0000000000001'], Subnets: ['subnet-0public0000000001', 'subnet-0private000000002'] },
  StoppingCondition: { MaxRuntimeInSeconds: 86400, MaxWaitTimeInSeconds: 172800 },
  EnableNetworkIsolation: false,
  EnableInterContainerTrafficEncryption: false,
  EnableManagedSpotTraining: true,
  CheckpointConfig: { S3Uri: `s3://ml-checkpoints-${ACCOUNT}/bert-finetune-spot`, LocalPath: '/opt/ml/checkpoints' },
  RetryStrategy: { MaximumRetryAttempts: 3 },
  CreationTime: '2026-11-29T08:00:00.000000+00:00',
  TrainingStartTime: '2026-11-29T08:05:00.000000+00:00',
  LastModifiedTime: '2026-11-29T09:00:00.000000+00:00',
  SecondaryStatusTransitions: [{ Status: 'Training', StartTime: '2026-11-29T08:05:00.000000+00:00', StatusMessage: 'Training image download completed. Training in progress.' }],
  ProfilingStatus: 'Disabled',
  Tags: [],
};

export const warmPool: DescribedTrainingJob = {
  TrainingJobName: 'xgb-iterate-warm-7',
  TrainingJobArn: arn('xgb-iterate-warm-7'),
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  HyperParameters: { num_round: '200', objective: 'binary:logistic' },
  AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' },
  RoleArn: ROLE,
  InputDataConfig: [{ ChannelName: 'train', ContentType: 'text/csv', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://ml-data-${ACCOUNT}/xgb/` } } }],
  OutputDataConfig: { S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/xgb/` },
  ResourceConfig: {
    InstanceType: 'ml.m5.4xlarge',
    InstanceCount: 1,
    VolumeSizeInGB: 30,
    KeepAlivePeriodInSeconds: 1800,
    SelectedInstanceType: 'ml.m5.4xlarge',
    SelectedInstanceCount: 1,
  },
  WarmPoolStatus: { Status: 'Available', ResourceRetainedBillableTimeInSeconds: 600 },
  VpcConfig: { SecurityGroupIds: ['sg-0xgb00000000000001'], Subnets: ['subnet-0private000000003'] },
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  EnableNetworkIsolation: false,
  EnableInterContainerTrafficEncryption: false,
  EnableManagedSpotTraining: false,
  TrainingTimeInSeconds: 640,
  BillableTimeInSeconds: 640,
  ...outputs('xgb-iterate-warm-7'),
  Tags: [{ Key: 'team', Value: 'risk' }],
};

export const tuningChild: DescribedTrainingJob = {
  TrainingJobName: 'xgb-hpo-251129-1000-012-5f3e2a1b',
  TrainingJobArn: arn('xgb-hpo-251129-1000-012-5f3e2a1b'),
  TuningJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:hyper-parameter-tuning-job/xgb-hpo-251129-1000`,
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  HyperParameters: { _tuning_objective_metric: 'validation:auc', eta: '0.2137', max_depth: '7', num_round: '100' },
  AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' },
  RoleArn: ROLE,
  InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://ml-data-${ACCOUNT}/xgb/` } } }],
  OutputDataConfig: { S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/hpo/` },
  ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  EnableNetworkIsolation: false,
  EnableInterContainerTrafficEncryption: false,
  EnableManagedSpotTraining: false,
  TrainingTimeInSeconds: 300,
  BillableTimeInSeconds: 300,
  ...outputs('xgb-hpo-251129-1000-012-5f3e2a1b'),
  Tags: [{ Key: 'sagemaker:tuning-job', Value: 'xgb-hpo-251129-1000' }],
};

export const customAlgorithm: DescribedTrainingJob = {
  TrainingJobName: 'fraud-gbm-algo-20261128',
  TrainingJobArn: arn('fraud-gbm-algo-20261128'),
  TrainingJobStatus: 'Failed',
  SecondaryStatus: 'Failed',
  FailureReason: 'AlgorithmError: ExecuteUserScriptError',
  HyperParameters: { trees: '500' },
  AlgorithmSpecification: {
    AlgorithmName: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:algorithm/fraud-gbm`,
    TrainingInputMode: 'File',
    MetricDefinitions: [{ Name: 'validation:f1', Regex: 'f1=([0-9\\.]+)' }],
  },
  RoleArn: ROLE,
  InputDataConfig: [{ ChannelName: 'training', ContentType: 'text/csv', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://ml-data-${ACCOUNT}/fraud/` } } }],
  OutputDataConfig: { S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/fraud/`, KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
  ResourceConfig: { InstanceType: 'ml.c5.2xlarge', InstanceCount: 1, VolumeSizeInGB: 50 },
  StoppingCondition: { MaxRuntimeInSeconds: 7200 },
  EnableNetworkIsolation: true,
  EnableInterContainerTrafficEncryption: false,
  EnableManagedSpotTraining: false,
  TrainingTimeInSeconds: 95,
  BillableTimeInSeconds: 95,
  ...outputs('fraud-gbm-algo-20261128'),
  Tags: [],
};

export const withSecrets: DescribedTrainingJob = {
  TrainingJobName: 'recsys-train-with-secrets',
  TrainingJobArn: arn('recsys-train-with-secrets'),
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  HyperParameters: { hf_token: SECRET_VALUES[2], epochs: '5' },
  Environment: { WANDB_API_KEY: SECRET_VALUES[0], DATABASE_URL: SECRET_VALUES[1], LOG_LEVEL: 'info' },
  AlgorithmSpecification: { TrainingImage: PYTORCH_IMAGE, TrainingInputMode: 'File', ContainerEntrypoint: ['python3', 'train.py'] },
  RoleArn: ROLE,
  InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://ml-data-${ACCOUNT}/recsys/` } } }],
  OutputDataConfig: { S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/recsys/` },
  ResourceConfig: { InstanceType: 'ml.g5.12xlarge', InstanceCount: 4, VolumeSizeInGB: 200 },
  StoppingCondition: { MaxRuntimeInSeconds: 43200 },
  EnableNetworkIsolation: false,
  EnableInterContainerTrafficEncryption: false,
  EnableManagedSpotTraining: false,
  TensorBoardOutputConfig: { LocalPath: '/opt/ml/output/tensorboard', S3OutputPath: `s3://ml-artifacts-${ACCOUNT}/tb/` },
  ExperimentConfig: { ExperimentName: 'recsys', TrialName: 'recsys-trial-9', TrialComponentDisplayName: 'train' },
  InfraCheckConfig: { EnableInfraCheck: true },
  RemoteDebugConfig: { EnableRemoteDebug: false },
  TrainingTimeInSeconds: 3600,
  BillableTimeInSeconds: 3600,
  ...outputs('recsys-train-with-secrets'),
  Tags: [{ Key: 'team', Value: 'recsys' }],
};

export const pipelineStep: DescribedTrainingJob = {
  ...singleInstance,
  TrainingJobName: 'pipelines-a1b2c3d4e5f6-TrainModel-XyZ123AbC',
  TrainingJobArn: arn('pipelines-a1b2c3d4e5f6-TrainModel-XyZ123AbC'),
  Tags: [
    { Key: 'sagemaker:pipeline-execution-arn', Value: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:pipeline/churn/execution/a1b2c3d4e5f6` },
    { Key: 'sagemaker:pipeline-step-name', Value: 'TrainModel' },
    { Key: 'team', Value: 'growth-ml' },
  ],
};

/** Every fixture by name, for table tests. */
export const DESCRIBED_JOBS = {
  'single instance': singleInstance,
  'instance groups': instanceGroups,
  'spot with checkpoints': spotWithCheckpoints,
  'managed warm pool': warmPool,
  'tuning-job child': tuningChild,
  'custom algorithm ARN': customAlgorithm,
  'secrets in Environment/HyperParameters': withSecrets,
  'pipeline step': pipelineStep,
} satisfies Record<string, DescribedTrainingJob>;
