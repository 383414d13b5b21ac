/**
 * The world every fleet benchmark run audits: a generated fleet over a realistic network pool,
 * served by the sandbox AWS fake in the same process with latency and token-bucket throttling.
 * The settings travel to each child process as plain JSON, so every run audits the same fleet.
 * @module
 */
import type { ApprovedNetwork } from '../src/config/schema.js';
import type { FlagSpec, FlagValue } from './args.js';
import { generateFleet, startSandboxAws, type Fleet, type SandboxAws } from '../src/sandbox/aws/index.js';

export interface FleetSettings {
  jobs: number;
  seed: string;
  vpcs: number;
  subnets: number;
  securityGroups: number;
  /** ISO time the fleet is generated against, the same in every process. */
  now: string;
}

export interface FakeSettings {
  latencyMs: number;
  sagemaker: { rps: number; burst: number };
  ec2: { rps: number; burst: number };
}

/** Flags every benchmark shares: the AWS fake's latency and token buckets (defaults: the issue's). */
export const FAKE_FLAGS: Record<string, FlagSpec> = {
  'latency-ms': { kind: 'number', help: 'AWS fake latency per request' },
  'sagemaker-rps': { kind: 'number', help: 'AWS fake SageMaker token bucket: requests/s' },
  'sagemaker-burst': { kind: 'int', help: 'AWS fake SageMaker token bucket: burst' },
  'ec2-rps': { kind: 'number', help: 'AWS fake EC2 token bucket: requests/s' },
  'ec2-burst': { kind: 'int', help: 'AWS fake EC2 token bucket: burst' },
};

export const FAKE_DEFAULTS: Record<string, FlagValue> = {
  'latency-ms': 20,
  'sagemaker-rps': 10,
  'sagemaker-burst': 20,
  'ec2-rps': 20,
  'ec2-burst': 100,
};

/** The fake's knobs from the flags every benchmark shares (`--latency-ms`, `--sagemaker-rps`, ...). */
export function fakeSettingsFrom(flags: Record<string, unknown>): FakeSettings {
  return {
    latencyMs: flags['latency-ms'] as number,
    sagemaker: { rps: flags['sagemaker-rps'] as number, burst: flags['sagemaker-burst'] as number },
    ec2: { rps: flags['ec2-rps'] as number, burst: flags['ec2-burst'] as number },
  };
}

export interface BenchWorld {
  fleet: Fleet;
  aws: SandboxAws;
  region: string;
  close(): Promise<void>;
}

export function benchFleet(settings: FleetSettings): Fleet {
  return generateFleet({
    jobs: settings.jobs,
    seed: settings.seed,
    vpcs: settings.vpcs,
    subnets: settings.subnets,
    securityGroups: settings.securityGroups,
    now: new Date(settings.now),
  });
}

export async function startBenchWorld(fleetSettings: FleetSettings, fake: FakeSettings): Promise<BenchWorld> {
  const fleet = benchFleet(fleetSettings);
  const aws = await startSandboxAws({
    world: fleet.world,
    latencyMs: fake.latencyMs,
    throttle: { sagemaker: fake.sagemaker, ec2: fake.ec2 },
    seed: fleetSettings.seed,
  });
  return { fleet, aws, region: fleet.region, close: () => aws.close() };
}

/**
 * A `REMEDIATION_NETWORK` entry as a platform team would set it: two private subnets and a
 * restricted security group of the first VPC. With it, every non-passing job also has a proposed
 * network vetted (proposal.ts), which is part of what a real fleet audit costs.
 */
export function approvedNetworkFor(fleet: Fleet): Record<string, ApprovedNetwork> {
  const vpc = fleet.pool.vpcs[0];
  const subnets = fleet.pool.subnets.filter((s) => s.vpcId === vpc && s.kind === 'private').slice(0, 2).map((s) => s.id);
  const groups = fleet.pool.securityGroups.filter((g) => g.vpcId === vpc && g.kind === 'restricted').slice(0, 1).map((g) => g.id);
  return { [`${fleet.world.accountId}/${fleet.region}`]: { subnets, securityGroups: groups } };
}
