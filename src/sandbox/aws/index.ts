/**
 * The sandbox AWS account: a protocol-faithful SageMaker + EC2 fake on 127.0.0.1 for the demo,
 * tests and benchmarks (never started in production), its seeded scenarios and synthetic fleets.
 * @module
 */
export { startSandboxAws, type SandboxAws, type SandboxAwsOptions } from './server.js';
export { createWorld, DEFAULT_ACCOUNT_ID, managedPrefixListId, type SandboxWorld } from './world.js';
export {
  createSandboxWorld,
  fixOpenSsh,
  openSsh,
  OPEN_SSH_RULE,
  SANDBOX_SCENARIOS,
  type SandboxScenario,
  type ScenarioExpectation,
} from './scenarios.js';
export { SANDBOX_IDS, PARTNER_ACCOUNT, SHARED_VPC_OWNER } from './scenario-network.js';
export { generateFleet, type Fleet, type FleetOptions } from './fleet.js';
export type { FleetPool, FleetSecurityGroup, FleetSubnet } from './fleet-pool.js';
export { buildTrainingJob, trainingJobArn, type TrainingJobSpec } from './job-builder.js';
export { createArrayJobStore, type JobStore, type JobSummary, type TrainingJobRecord } from './training-job-types.js';
export type { BucketConfig, FaultConfig, FaultSpec, OperationCounters, ThrottleConfig } from './knobs.js';
export type {
  RegionNetwork,
  SandboxNatGateway,
  SandboxPermission,
  SandboxRoute,
  SandboxRouteTable,
  SandboxSecurityGroup,
  SandboxSubnet,
  SandboxVpc,
  SandboxVpcEndpoint,
} from './world-types.js';
export { SAGEMAKER_OPERATIONS } from './sagemaker-api.js';
export { EC2_OPERATIONS } from './ec2-api.js';
export { SANDBOX_CREDENTIALS, sandboxClientConfig } from './client-config.js';
export { startSandboxAccount, type SandboxAccount } from './sandbox-account.js';
