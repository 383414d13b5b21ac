/**
 * Synthetic fleets for tests and benchmarks (up to 500,000 jobs): a realistic pool of VPCs, subnets
 * and security groups whose items carry their classification, and *virtual* jobs produced from
 * (seed, index) on demand — memory stays O(pool), not O(jobs). Each job's expected verdict is known
 * by construction, so a test can compare the product's answer job by job.
 * @module
 */
import type { Verdict } from '../../audit/model.js';
import { buildTrainingJob, jobTimeline, maxJobLagMs, trainingJobArn, type TrainingJobSpec } from './job-builder.js';
import { createRng, mixSeed, seedOf } from './rng.js';
import type { JobStore, JobSummary, TrainingJobRecord } from './training-job-types.js';
import { seedFleetPool, type FleetPool } from './fleet-pool.js';
import { createWorld, type SandboxWorld } from './world.js';

export interface FleetOptions {
  jobs: number;
  seed: number | string;
  /** Pool sizes (defaults 20 subnets, 10 security groups, 4 VPCs). */
  subnets?: number;
  securityGroups?: number;
  vpcs?: number;
  region?: string;
  /** Jobs are spread over `spanDays` before `now` (default 365 days before the current time). */
  now?: Date;
  spanDays?: number;
}

export interface Fleet {
  world: SandboxWorld;
  region: string;
  size: number;
  pool: FleetPool;
  jobName(index: number): string;
  /** The verdict DESIGN.md §2 gives this job, from the classification of the pool items it uses. */
  expectedVerdict(index: number): Verdict;
  /** Walks every job once (O(jobs) time, O(1) memory). */
  expectedCounts(): Record<Verdict, number>;
}

interface JobPlan {
  name: string;
  spec: Omit<TrainingJobSpec, 'region' | 'name'>;
  subnets: number[];
  securityGroups: number[];
  vpc?: number;
}

const FAMILIES = ['churn-xgb', 'fraud-lgbm', 'nlp-finetune', 'vision-resnet', 'forecast-deepar', 'recsys-two-tower', 'llm-sft', 'asr-conformer'];
const MAX_TRAINING_SECONDS = 12 * 3600;
const INDEX_DIGITS = 7;
const PLAN_CACHE_SIZE = 4096;
/** The newest job was created this long before `now`, so even it has had time to start. */
const NEWEST_AGE_MS = 15 * 60_000;

export function generateFleet(options: FleetOptions): Fleet {
  const region = options.region ?? 'us-east-1';
  const size = options.jobs;
  if (!Number.isInteger(size) || size < 0 || size >= 10 ** INDEX_DIGITS) throw new RangeError(`jobs must be an integer in 0..${10 ** INDEX_DIGITS - 1}`);
  const seed = seedOf(options.seed);
  const world = createWorld();
  const pool = seedFleetPool(world, region, {
    seed,
    vpcs: options.vpcs ?? 4,
    subnets: options.subnets ?? 20,
    securityGroups: options.securityGroups ?? 10,
  });
  const now = Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60_000 - 60_000;
  const stepMs = ((options.spanDays ?? 365) * 86_400_000) / Math.max(1, size);
  // Most jobs use only compliant pool items; the rest draw from the whole VPC (the known mix).
  const compliantSubnets = pool.subnetsByVpc.map((list) => list.filter((s) => pool.subnets[s]?.kind === 'private'));
  const compliantGroups = pool.securityGroupsByVpc.map((list) => list.filter((g) => pool.securityGroups[g]?.kind === 'restricted'));
  // A page reads a job's summary, then its record: a small cache keeps that to one derivation (O(1) memory).
  const cache = new Map<number, JobPlan>();

  function plan(index: number): JobPlan {
    const hit = cache.get(index);
    if (hit) return hit;
    const computed = derive(index);
    cache.set(index, computed);
    if (cache.size > PLAN_CACHE_SIZE) cache.delete(cache.keys().next().value as number);
    return computed;
  }

  function derive(index: number): JobPlan {
    const rng = createRng(mixSeed(seed, index));
    const family = FAMILIES[rng.int(FAMILIES.length)] ?? 'job';
    // Creation falls strictly with the index (newest first), with jitter inside each step.
    const createdAt = new Date(Math.floor(now - NEWEST_AGE_MS - (index + 0.9 * rng.next()) * stepMs));
    const ageSeconds = (now - createdAt.getTime()) / 1000;
    // Recent jobs may still run; every job's last update (start-up, download, training, upload) is in the past.
    const running = ageSeconds < 48 * 3600 && rng.chance(0.5);
    const fits = Math.floor(ageSeconds - 300);
    const trainingSeconds = running ? fits : Math.min(fits, 300 + rng.int(MAX_TRAINING_SECONDS - 300));
    const roll = rng.next();
    const status = running ? 'InProgress' : roll < 0.85 ? 'Completed' : roll < 0.95 ? 'Failed' : 'Stopped';
    const multi = rng.chance(0.1);
    const base = {
      createdAt, status, trainingSeconds: Math.min(trainingSeconds, MAX_TRAINING_SECONDS),
      instanceType: multi ? 'ml.p4d.24xlarge' : 'ml.m5.2xlarge', instanceCount: multi ? 2 + rng.int(7) : 1,
      networkIsolation: rng.chance(0.7), interContainerEncryption: multi && rng.chance(0.5),
      project: family, tags: { team: family.split('-')[0] ?? 'ml', 'cost-center': `cc-${1000 + rng.int(9)}` },
      environment: { LOG_LEVEL: 'info' },
    } satisfies JobPlan['spec'];
    const name = `${family}-${String(index).padStart(INDEX_DIGITS, '0')}`;
    if (rng.chance(0.05)) return { name, spec: base, subnets: [], securityGroups: [] };

    const vpc = rng.int(pool.vpcs.length);
    const vpcSubnets = (rng.chance(0.9) ? compliantSubnets : pool.subnetsByVpc)[vpc] ?? [];
    const vpcGroups = (rng.chance(0.92) ? compliantGroups : pool.securityGroupsByVpc)[vpc] ?? [];
    const subnets = pickDistinct(rng, vpcSubnets, rng.chance(0.7) ? 1 : 2);
    if (rng.chance(0.01)) subnets[0] = pool.deletedSubnetByVpc[vpc] ?? subnets[0] ?? 0;
    const securityGroups = pickDistinct(rng, vpcGroups, rng.chance(0.8) ? 1 : 2);
    return {
      name, vpc, subnets, securityGroups,
      spec: {
        ...base,
        vpcConfig: {
          subnets: subnets.map((s) => pool.subnets[s]?.id ?? ''),
          securityGroupIds: securityGroups.map((g) => pool.securityGroups[g]?.id ?? ''),
        },
      },
    };
  }

  function expectedVerdict(index: number): Verdict {
    const p = plan(index);
    if (p.vpc === undefined) return 'fail';
    const subnetKinds = p.subnets.map((s) => pool.subnets[s]?.kind);
    const groupKinds = p.securityGroups.map((g) => pool.securityGroups[g]?.kind);
    if (subnetKinds.includes('public') || groupKinds.includes('open')) return 'fail';
    if (subnetKinds.includes('deleted')) return 'unknown';
    return 'pass';
  }

  const store: JobStore = {
    size,
    summary(index): JobSummary {
      check(index, size);
      const p = plan(index);
      const timeline = jobTimeline(p.spec);
      return {
        name: p.name,
        arn: trainingJobArn(region, world.accountId, p.name),
        status: p.spec.status,
        secondaryStatus: timeline.secondaryStatus,
        creationTime: p.spec.createdAt.getTime(),
        lastModifiedTime: timeline.lastModified.getTime(),
        ...(timeline.end ? { trainingEndTime: timeline.end.getTime() } : {}),
      };
    },
    get(index): TrainingJobRecord {
      check(index, size);
      const p = plan(index);
      return buildTrainingJob({ ...p.spec, name: p.name, region, accountId: world.accountId });
    },
    indexOf(name) {
      const match = /-(\d+)$/.exec(name);
      const index = match ? Number(match[1]) : NaN;
      return Number.isInteger(index) && index < size && plan(index).name === name ? index : undefined;
    },
    maxLagMs: maxJobLagMs(MAX_TRAINING_SECONDS),
    virtual: true,
  };
  world.setJobStore(region, store);
  world.markBaseline();

  return {
    world,
    region,
    size,
    pool,
    jobName: (index) => plan(index).name,
    expectedVerdict,
    expectedCounts() {
      const counts: Record<Verdict, number> = { pass: 0, fail: 0, unknown: 0 };
      for (let i = 0; i < size; i++) counts[expectedVerdict(i)]++;
      return counts;
    },
  };
}

function check(index: number, size: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`job index ${index} out of range 0..${size - 1}`);
}

function pickDistinct(rng: ReturnType<typeof createRng>, items: readonly number[], count: number): number[] {
  const pool = [...items];
  const picked: number[] = [];
  while (picked.length < count && pool.length > 0) {
    const [item] = pool.splice(rng.int(pool.length), 1);
    if (item !== undefined) picked.push(item);
  }
  return picked;
}
