/**
 * The AWS adapter's public surface: the only module outside `src/aws/` code should import to
 * reach SageMaker and EC2 (DESIGN.md §4).
 * @module
 */
export { checkCredentials } from './check-credentials.js';
export type { CredentialCheck } from './check-credentials.js';
export { createAwsClients } from './clients.js';
export type { AwsClientOptions, AwsClients } from './clients.js';
export { notFoundError, toCollectorError } from './errors.js';
export { createTokenBucket } from './pacer.js';
export type { TokenBucket, TokenBucketOptions } from './pacer.js';
export { allPermissions } from './permissions.js';
export { createNetworkCollector, requiredPermissions as networkPermissions } from './collectors/network.js';
export type { NetworkCollector, NetworkCollectorOptions, NetworkRequest } from './collectors/network.js';
export {
  SEARCH_FALLBACK_NOTICE,
  describeTrainingJob,
  mapTrainingJob,
  requiredPermissions as trainingJobPermissions,
  streamTrainingJobs,
} from './collectors/training-jobs.js';
export type {
  DescribeTrainingJobResult,
  DescribedTrainingJob,
  StreamTrainingJobsHooks,
  TrainingJobRecord,
  TrainingJobScope,
} from './collectors/training-jobs.js';
