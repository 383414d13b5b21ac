// The seeded sandbox account: every scenario retrievable through the SDK, coherent with its expectation.
import { DescribeTrainingJobCommand, SageMakerClient, SearchCommand } from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_RULE_IDS, RULE_IDS, type RuleId, type Status } from '../../audit/model.js';
import { sandboxClientConfig } from './client-config.js';
import { describeRecord, searchRecord } from './sagemaker-api.js';
import { SANDBOX_IDS, SHARED_VPC_OWNER } from './scenario-network.js';
import { OPEN_SSH_RULE, SANDBOX_SCENARIOS, createSandboxWorld, fixOpenSsh, openSsh } from './scenarios.js';
import { startSandboxAws, type SandboxAws } from './server.js';
import type { TrainingJobRecord } from './training-job-types.js';

const world = createSandboxWorld({ now: new Date('2026-11-29T10:00:00Z') });
let aws: SandboxAws;
const clients = new Map<string, SageMakerClient>();

beforeAll(async () => {
  aws = await startSandboxAws({ world });
  for (const region of ['us-east-1', 'eu-west-1']) clients.set(region, new SageMakerClient(sandboxClientConfig(aws.url, region)));
});
afterAll(async () => {
  for (const client of clients.values()) client.destroy();
  await aws.close();
});

function record(region: string, name: string): TrainingJobRecord {
  const store = world.jobs(region);
  return store.get(store.indexOf(name) ?? -1);
}

function instances(job: TrainingJobRecord): number {
  const groups = job.ResourceConfig.InstanceGroups;
  return groups ? groups.reduce((n, g) => n + g.InstanceCount, 0) : job.ResourceConfig.InstanceCount ?? 1;
}

describe.each(SANDBOX_SCENARIOS.map((s) => [s.job, s] as const))('%s', (_name, scenario) => {
  it('deserializes through DescribeTrainingJob and Search exactly as stored', async () => {
    const client = clients.get(scenario.region);
    const stored = record(scenario.region, scenario.job);
    const { $metadata: _m, ...described } = (await client?.send(new DescribeTrainingJobCommand({ TrainingJobName: scenario.job }))) ?? {};
    const found = await client?.send(new SearchCommand({ Resource: 'TrainingJob', SearchExpression: { Filters: [{ Name: 'TrainingJobName', Value: scenario.job }] } }));
    expect(described).toEqual(describeRecord(stored));
    expect(found?.Results).toEqual([{ TrainingJob: searchRecord(stored) }]);
  });

  it('has an expectation coherent with DESIGN.md §2 and with the job it describes', () => {
    const { verdict, rules } = scenario.expected;
    const job = record(scenario.region, scenario.job);
    const net = world.network(scenario.region);
    const controls = CONTROL_RULE_IDS.map((id) => rules[id]);
    expect(Object.keys(rules)).toEqual([...RULE_IDS]);
    expect(verdict).toBe(controls.includes('fail') ? 'fail' : controls.includes('unknown') ? 'unknown' : 'pass');
    expect(rules['vpc-configured']).toBe(job.VpcConfig ? 'pass' : 'fail');
    expect(rules['network-isolation']).toBe(job.EnableNetworkIsolation ? 'pass' : 'warn');
    const multi = instances(job) > 1;
    expect(rules['inter-container-encryption']).toBe(!multi ? 'skip' : job.EnableInterContainerTrafficEncryption ? 'pass' : 'warn');
    if (!multi || !job.VpcConfig) expect(rules['vpc-multi-node-traffic']).toBe('skip');
    const subnets = job.VpcConfig?.Subnets ?? [];
    const unreadableSubnet = subnets.some((id) => !net.subnets.has(id) || net.subnets.get(id)?.ownerId === SHARED_VPC_OWNER);
    if (job.VpcConfig) expect(rules['vpc-subnets-private'] === 'unknown').toBe(unreadableSubnet);
    const missingGroup = (job.VpcConfig?.SecurityGroupIds ?? []).some((id) => !net.securityGroups.has(id));
    if (job.VpcConfig) expect(rules['vpc-security-groups-restricted'] === 'unknown').toBe(missingGroup);
  });
});

describe('the seeded account', () => {
  it('covers every status each rule can reach from a seeded job', () => {
    const seen = new Set(SANDBOX_SCENARIOS.flatMap((s) => Object.entries(s.expected.rules).map(([rule, status]) => `${rule}:${status}`)));
    const reachable: Record<RuleId, Status[]> = {
      // vpc-configured is unknown only when the job cannot be described: a fault, not a seeded job.
      'vpc-configured': ['pass', 'fail'],
      'vpc-subnets-private': ['pass', 'fail', 'unknown', 'skip'],
      'vpc-security-groups-restricted': ['pass', 'fail', 'unknown', 'skip'],
      'vpc-s3-access': ['pass', 'warn', 'unknown', 'skip'],
      'vpc-multi-node-traffic': ['pass', 'warn', 'unknown', 'skip'],
      'network-isolation': ['pass', 'warn'],
      'inter-container-encryption': ['pass', 'warn', 'skip'],
    };
    const missing = Object.entries(reachable).flatMap(([rule, statuses]) => statuses.map((s) => `${rule}:${s}`)).filter((key) => !seen.has(key));
    expect(missing).toEqual([]);
    expect(new Set(SANDBOX_SCENARIOS.map((s) => s.expected.verdict))).toEqual(new Set(['pass', 'fail', 'unknown']));
  });

  it('has unique, valid job names and a job for every scenario, one of them in eu-west-1', () => {
    const names = SANDBOX_SCENARIOS.map((s) => s.job);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
    expect(world.jobs('us-east-1').size + world.jobs('eu-west-1').size).toBe(names.length);
    expect(SANDBOX_SCENARIOS.filter((s) => s.region === 'eu-west-1')).toHaveLength(1);
  });

  it.each([
    ['a secret-looking environment value', 'fraud-detect-no-vpc', (j: TrainingJobRecord) => j.Environment?.WANDB_API_KEY],
    ['pipeline provenance tags', 'fraud-detect-no-vpc', (j: TrainingJobRecord) => j.Tags.find((t) => t.Key === 'sagemaker:pipeline-execution-arn')?.Value],
    ['a custom algorithm ARN', 'speech-ipv6-egress', (j: TrainingJobRecord) => j.AlgorithmSpecification.AlgorithmName],
    ['a parent tuning job', 'xgb-tune-240412-007-4f1c2a9b', (j: TrainingJobRecord) => j.TuningJobArn],
    ['instance groups', 'llm-pretrain-hetero', (j: TrainingJobRecord) => j.ResourceConfig.InstanceGroups?.length],
    ['spot checkpoints', 'cv-detector-spot', (j: TrainingJobRecord) => j.CheckpointConfig?.S3Uri],
    ['a warm pool', 'churn-xgb-private', (j: TrainingJobRecord) => j.WarmPoolStatus?.Status],
  ])('includes %s', (_what, name, pick) => {
    expect(pick(record('us-east-1', name))).toBeTruthy();
  });

  it('bills spot jobs less than they trained and keeps transitions in time order', () => {
    const spot = record('us-east-1', 'cv-detector-spot');
    expect(spot.BillableTimeInSeconds).toBeLessThan(spot.TrainingTimeInSeconds ?? 0);
    for (const s of SANDBOX_SCENARIOS) {
      const job = record(s.region, s.job);
      const times = (job.SecondaryStatusTransitions ?? []).map((t) => t.StartTime.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(job.SecondaryStatus).toBe(job.SecondaryStatusTransitions?.at(-1)?.Status);
      expect(job.LastModifiedTime.getTime()).toBeGreaterThanOrEqual(job.CreationTime.getTime());
    }
  });
});

describe('fixOpenSsh / openSsh', () => {
  it('revokes exactly the open SSH rule and restores it with its description', () => {
    const id = SANDBOX_IDS.securityGroups.openSsh;
    const before = structuredClone(world.network('us-east-1').securityGroups.get(id));
    fixOpenSsh(world);
    const fixed = world.network('us-east-1').securityGroups.get(id);
    expect(fixed?.ingress).toEqual([{ ipProtocol: '-1', groups: [{ groupId: id, userId: world.accountId, description: 'training peers' }] }]);
    expect(() => fixOpenSsh(world)).toThrow(/InvalidPermission.NotFound/);
    openSsh(world);
    expect(world.network('us-east-1').securityGroups.get(id)).toEqual(before);
    expect(before?.ingress).toContainEqual(OPEN_SSH_RULE);
  });

  it('reset() returns a mutated world to the seeded state', () => {
    fixOpenSsh(world);
    world.deleteSubnet('us-east-1', SANDBOX_IDS.subnets.privateA);
    world.deleteJob('us-east-1', 'churn-xgb-private');
    world.reset();
    expect(world.network('us-east-1').securityGroups.get(SANDBOX_IDS.securityGroups.openSsh)?.ingress).toContainEqual(OPEN_SSH_RULE);
    expect(world.network('us-east-1').subnets.has(SANDBOX_IDS.subnets.privateA)).toBe(true);
    expect(world.jobs('us-east-1').indexOf('churn-xgb-private')).toBeDefined();
  });
});
