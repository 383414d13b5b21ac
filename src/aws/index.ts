/**
 * The AWS adapter's public surface: the only module outside `src/aws/` code should import to
 * reach SageMaker and EC2 (DESIGN.md §4).
 * @module
 */
export { checkCredentials } from './check-credentials.js';
export type { CredentialCheck } from './check-credentials.js';
export { createAwsClients } from './clients.js';
export type { AwsClientOptions, AwsClients } from './clients.js';
export { createNetworkCollector } from './collectors/network.js';
export type { NetworkCollector, NetworkCollectorOptions, NetworkRequest } from './collectors/network.js';
export type { DescribedTrainingJob } from './collectors/map-training-job.js';
export { describeTrainingJob, streamTrainingJobs } from './collectors/training-jobs.js';
export type { DescribeTrainingJobResult, StreamTrainingJobsHooks, TrainingJobScope } from './collectors/training-jobs.js';
