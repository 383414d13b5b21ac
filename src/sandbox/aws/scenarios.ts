/**
 * The seeded sandbox account: realistic training jobs in us-east-1 (and one in eu-west-1), one per
 * rule outcome a reviewer needs to see, each with a one-line `scenario` and its expected outcome
 * as data (verdict + the status of all seven rules, per DESIGN.md §2), so tests and the demo can
 * compare what the product says with what the sandbox was built to show.
 * @module
 */
import type { RuleId, Status, Verdict } from '../../audit/model.js';
import { RULE_IDS } from '../../audit/model.js';
import { buildTrainingJob, type TrainingJobSpec } from './job-builder.js';
import { SANDBOX_IDS, seedSandboxNetwork } from './scenario-network.js';
import { createWorld, DEFAULT_ACCOUNT_ID, type SandboxWorld } from './world.js';
import type { SandboxPermission } from './world-types.js';

export interface ScenarioExpectation {
  verdict: Verdict;
  rules: Record<RuleId, Status>;
}

export interface SandboxScenario {
  job: string;
  region: string;
  /** One line a person understands. */
  scenario: string;
  expected: ScenarioExpectation;
}

type Statuses = [Status, Status, Status, Status, Status, Status, Status];

/** Statuses in registry order: configured, subnets-private, sgs-restricted, s3, multi-node, isolation, encryption. */
function expect(verdict: Verdict, statuses: Statuses): ScenarioExpectation {
  return { verdict, rules: Object.fromEntries(RULE_IDS.map((rule, i) => [rule, statuses[i]])) as Record<RuleId, Status> };
}

type JobDefinition = Omit<TrainingJobSpec, 'region' | 'createdAt' | 'name'> & { ageHours: number };

interface ScenarioDefinition extends SandboxScenario {
  spec: JobDefinition;
}

const { subnets: sn, securityGroups: sg } = SANDBOX_IDS;
const vpc = (subnets: string[], securityGroupIds: string[]) => ({ subnets, securityGroupIds });
const isolated = { networkIsolation: true };

const DEFINITIONS: ScenarioDefinition[] = [
  {
    job: 'churn-xgb-private', region: 'us-east-1',
    scenario: 'Compliant: private subnet via NAT, S3 gateway endpoint, peers-only security group, network isolation on.',
    expected: expect('pass', ['pass', 'pass', 'pass', 'pass', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 20, status: 'Completed', trainingSeconds: 2_700, vpcConfig: vpc([sn.privateA], [sg.training]), keepAlivePeriodInSeconds: 1_800, image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', hyperParameters: { objective: 'binary:logistic', num_round: '400', max_depth: '6' }, tags: { team: 'growth', project: 'churn' } },
  },
  {
    job: 'fraud-detect-no-vpc', region: 'us-east-1',
    scenario: 'No VpcConfig: launched by a pipeline without subnets or security groups (and with credentials in its environment).',
    expected: expect('fail', ['fail', 'skip', 'skip', 'skip', 'skip', 'warn', 'skip']),
    spec: {
      ageHours: 72, status: 'Completed', trainingSeconds: 5_400, instanceType: 'ml.g5.2xlarge',
      hyperParameters: { epochs: '20', learning_rate: '0.0003', sagemaker_program: 'train.py', feature_store_token: 'sbx-hp-9c1e4a7b2d8f6e3a' },
      environment: { WANDB_API_KEY: 'sbx-7f3c2a9e4b1d8f6a0c5e2b7d9a4f1c3e8b6d0a2f', DATABASE_URL: 'postgresql://trainer:Sandbox-Pa55word!@features.internal:5432/fraud', LOG_LEVEL: 'info' },
      tags: {
        team: 'risk',
        'sagemaker:pipeline-execution-arn': `arn:aws:sagemaker:us-east-1:${DEFAULT_ACCOUNT_ID}:pipeline/fraud-detect/execution/4k2j9x7q1m0p`,
        'sagemaker:pipeline-step-name': 'TrainModel',
      },
    },
  },
  {
    job: 'nlp-finetune-main-table', region: 'us-east-1',
    scenario: "Public subnet through the VPC's main route table (no explicit association; main table routes 0.0.0.0/0 to an internet gateway).",
    expected: expect('fail', ['pass', 'fail', 'pass', 'pass', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 120, status: 'Completed', trainingSeconds: 9_000, instanceType: 'ml.g5.12xlarge', vpcConfig: vpc([sn.publicMain], [sg.training]), environment: { HF_TOKEN: 'sbx-hf-5d1c9e7a3b2f8e6d4c0a', WANDB_PROJECT: 'nlp-finetune' }, tags: { team: 'nlp' } },
  },
  {
    job: 'vision-resnet-open-ssh', region: 'us-east-1',
    scenario: 'Otherwise compliant, but its security group allows SSH (tcp/22) from 0.0.0.0/0; fixOpenSsh() revokes it.',
    expected: expect('fail', ['pass', 'pass', 'fail', 'pass', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 48, status: 'Completed', trainingSeconds: 3_600, instanceType: 'ml.p3.2xlarge', vpcConfig: vpc([sn.privateA], [sg.openSsh]), tags: { team: 'vision' } },
  },
  {
    job: 'forecast-lstm-no-s3', region: 'us-east-1',
    scenario: 'Running in a private subnet with no S3 path: its only default route is a private NAT gateway and the S3 interface endpoint failed.',
    expected: expect('pass', ['pass', 'pass', 'pass', 'warn', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 3, status: 'InProgress', trainingSeconds: 4_200, vpcConfig: vpc([sn.noS3], [sg.training]), tags: { team: 'forecasting' } },
  },
  {
    job: 'llm-pretrain-hetero', region: 'us-east-1',
    scenario: 'Multi-node heterogeneous cluster (3 instances) whose security group opens only a few ports between peers, not all traffic.',
    expected: expect('pass', ['pass', 'pass', 'pass', 'pass', 'warn', 'pass', 'warn']),
    spec: {
      ...isolated, ageHours: 144, status: 'Completed', trainingSeconds: 36_000, vpcConfig: vpc([sn.privateA, sn.privateB], [sg.portsOnly]),
      instanceGroups: [
        { InstanceType: 'ml.p4d.24xlarge', InstanceCount: 2, InstanceGroupName: 'gpu-workers' },
        { InstanceType: 'ml.c5.4xlarge', InstanceCount: 1, InstanceGroupName: 'data-loader' },
      ],
      volumeSizeInGB: 500, tags: { team: 'foundation-models' },
    },
  },
  {
    job: 'ranking-deleted-subnet', region: 'us-east-1',
    scenario: 'Its subnet has been deleted since the job ran: the route table cannot be judged.',
    expected: expect('unknown', ['pass', 'unknown', 'pass', 'unknown', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 288, status: 'Stopped', trainingSeconds: 1_200, vpcConfig: vpc([sn.deleted], [sg.training]), tags: { team: 'search' } },
  },
  {
    job: 'shared-vpc-bert', region: 'us-east-1',
    scenario: 'Subnet shared from account 444455556666 through RAM: no route table is visible to this account.',
    expected: expect('unknown', ['pass', 'unknown', 'pass', 'unknown', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 96, status: 'Completed', trainingSeconds: 6_300, vpcConfig: vpc([sn.shared], [sg.shared]), tags: { team: 'nlp' } },
  },
  {
    job: 'speech-ipv6-egress', region: 'us-east-1',
    scenario: 'Dual-stack private subnet: ::/0 to an egress-only internet gateway and 0.0.0.0/0 to a NAT gateway; custom algorithm.',
    expected: expect('pass', ['pass', 'pass', 'pass', 'pass', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 192, status: 'Completed', trainingSeconds: 7_200, vpcConfig: vpc([sn.ipv6Egress], [sg.training]), algorithmName: `arn:aws:sagemaker:us-east-1:${DEFAULT_ACCOUNT_ID}:algorithm/speech-conformer-v3`, tags: { team: 'speech' } },
  },
  {
    job: 'ads-ctr-deleted-sg', region: 'us-east-1',
    scenario: 'Two-node job whose security group has been deleted since it ran: ingress and peer traffic cannot be judged.',
    expected: expect('unknown', ['pass', 'pass', 'unknown', 'pass', 'unknown', 'pass', 'warn']),
    spec: { ...isolated, ageHours: 216, status: 'Completed', trainingSeconds: 2_400, instanceCount: 2, vpcConfig: vpc([sn.privateB], [sg.deleted]), tags: { team: 'ads' } },
  },
  {
    job: 'recsys-split-default', region: 'us-east-1',
    scenario: 'Legacy table with split default routes 0.0.0.0/1 and 128.0.0.0/1 to an internet gateway: public without a /0 route.',
    expected: expect('fail', ['pass', 'fail', 'pass', 'warn', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 360, status: 'Failed', trainingSeconds: 900, vpcConfig: vpc([sn.splitDefault], [sg.training]), failureReason: 'ClientError: Data download failed: could not connect to the endpoint URL for S3', tags: { team: 'recsys' } },
  },
  {
    job: 'embeddings-blackhole-igw', region: 'us-east-1',
    scenario: 'Migrated subnet: a stale ::/0 route to a deleted internet gateway (blackhole) beside an active NAT default route.',
    expected: expect('pass', ['pass', 'pass', 'pass', 'pass', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 240, status: 'Completed', trainingSeconds: 4_800, vpcConfig: vpc([sn.blackhole], [sg.training]), tags: { team: 'search' } },
  },
  {
    job: 'xgb-tune-240412-007-4f1c2a9b', region: 'us-east-1',
    scenario: 'Child of a hyperparameter tuning job, in a dual-stack subnet whose ::/0 route goes to an internet gateway: fix the tuning job.',
    expected: expect('fail', ['pass', 'fail', 'pass', 'pass', 'skip', 'warn', 'skip']),
    spec: {
      ageHours: 26, status: 'Completed', trainingSeconds: 600, vpcConfig: vpc([sn.publicV6], [sg.training]),
      tuningJobArn: `arn:aws:sagemaker:us-east-1:${DEFAULT_ACCOUNT_ID}:hyper-parameter-tuning-job/xgb-tune-240412`,
      image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
      hyperParameters: { _tuning_objective_metric: 'validation:auc', eta: '0.1873', max_depth: '7', num_round: '250' },
      tags: { team: 'growth' },
    },
  },
  {
    job: 'genai-sft-public-live', region: 'us-east-1',
    scenario: 'Running now in a subnet explicitly associated with a public route table (0.0.0.0/0 and ::/0 to an internet gateway).',
    expected: expect('fail', ['pass', 'fail', 'pass', 'warn', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 2, status: 'InProgress', trainingSeconds: 3_000, instanceType: 'ml.g5.48xlarge', vpcConfig: vpc([sn.publicExplicit], [sg.training]), tags: { team: 'genai' } },
  },
  {
    job: 'cv-detector-spot', region: 'us-east-1',
    scenario: "Managed spot training with checkpoints to S3; also attaches the VPC's default security group (a trust note, not a failure).",
    expected: expect('pass', ['pass', 'pass', 'pass', 'pass', 'skip', 'pass', 'skip']),
    spec: {
      ...isolated, ageHours: 168, status: 'Completed', trainingSeconds: 10_800, instanceType: 'ml.g4dn.xlarge', vpcConfig: vpc([sn.privateB], [sg.training, sg.prodDefault]),
      spot: { maxWaitSeconds: 172_800, checkpointS3Uri: `s3://ml-checkpoints-${DEFAULT_ACCOUNT_ID}/cv-detector-spot/`, savedPercent: 68 }, maxRuntimeSeconds: 86_400,
      tags: { team: 'vision' },
    },
  },
  {
    job: 'dist-bert-encrypted', region: 'us-east-1',
    scenario: 'Four-node distributed job with inter-container encryption and a security group allowing all traffic between peers.',
    expected: expect('pass', ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']),
    spec: { ...isolated, ageHours: 264, status: 'Completed', trainingSeconds: 28_800, instanceType: 'ml.p3.16xlarge', instanceCount: 4, interContainerEncryption: true, vpcConfig: vpc([sn.privateA, sn.privateB], [sg.distributed]), experiment: 'bert-pretraining', tags: { team: 'nlp' } },
  },
  {
    job: 'eu-churn-xgb-private', region: 'eu-west-1',
    scenario: 'Compliant job in eu-west-1: private subnet via NAT with an S3 gateway endpoint.',
    expected: expect('pass', ['pass', 'pass', 'pass', 'pass', 'skip', 'pass', 'skip']),
    spec: { ...isolated, ageHours: 50, status: 'Completed', trainingSeconds: 2_100, vpcConfig: vpc([SANDBOX_IDS.subnets.euPrivate], [SANDBOX_IDS.securityGroups.eu]), image: '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1', tags: { team: 'growth-eu' } },
  },
];

/** Every seeded job with its scenario line and expected outcome (no records: those are per world). */
export const SANDBOX_SCENARIOS: readonly SandboxScenario[] = DEFINITIONS.map(({ spec: _spec, ...scenario }) => scenario);

/** The SSH rule the `vision-resnet-open-ssh` scenario is about, exactly as `revoke-security-group-ingress` needs it. */
export const OPEN_SSH_RULE: SandboxPermission = {
  ipProtocol: 'tcp', fromPort: 22, toPort: 22,
  ipRanges: [{ cidr: '0.0.0.0/0', description: 'temporary SSH for debugging (INC-4821)' }],
};

/** Revokes the open SSH rule: `vision-resnet-open-ssh` then passes every control rule. */
export function fixOpenSsh(world: SandboxWorld): void {
  world.revokeIngress('us-east-1', SANDBOX_IDS.securityGroups.openSsh, OPEN_SSH_RULE);
}

/** The inverse of `fixOpenSsh` (the backout, with the rule's original description). */
export function openSsh(world: SandboxWorld): void {
  world.authorizeIngress('us-east-1', SANDBOX_IDS.securityGroups.openSsh, OPEN_SSH_RULE);
}

/**
 * A fresh sandbox account (tests mutate it): the seeded network plus every scenario job, with
 * timestamps relative to `now` so "last 30 days" includes them all. `reset()` returns to this state.
 */
export function createSandboxWorld(options: { now?: Date } = {}): SandboxWorld {
  const now = options.now ?? new Date();
  const anchor = Math.floor(now.getTime() / 60_000) * 60_000;
  const world = createWorld();
  seedSandboxNetwork(world);
  for (const { job, region, spec } of DEFINITIONS) {
    const { ageHours, ...rest } = spec;
    world.putJob(region, buildTrainingJob({ ...rest, name: job, region, createdAt: new Date(anchor - ageHours * 3_600_000) }));
  }
  world.markBaseline();
  return world;
}
