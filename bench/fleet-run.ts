/**
 * One measured run: one approach over one fleet size, in its own process (fleet-child.ts), so a
 * run's memory peak is its own. Starts the fake, audits, and returns calls by operation (from the
 * fake's counters), wall and CPU time, throttled responses, memory peaks, and writes the run's
 * `job → verdict` bytes to a file for the parent to compare.
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createAuditService } from '../src/app/audit-service.js';
import type { AuditSummary } from '../src/audit/model.js';
import { createAwsClients } from '../src/aws/index.js';
import { loadAwsConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/logging/logger.js';
import type { OperationCounters } from '../src/sandbox/aws/index.js';
import { approvedNetworkFor, startBenchWorld, type FakeSettings, type FleetSettings } from './bench-world.js';
import { startMemorySampler, type MemoryPeaks } from './memory-sampler.js';
import { createPeerClients } from './peer/peer-clients.js';
import { runPeerAudit } from './peer/peer-audit.js';
import { createVerdictMap } from './verdict-map.js';

export type Approach = 'ours' | 'ours-matched' | 'peer' | 'peer-complete';

export function isPeer(approach: Approach): boolean {
  return approach === 'peer' || approach === 'peer-complete';
}

export interface RunSpec {
  approach: Approach;
  fleet: FleetSettings;
  fake: FakeSettings;
  /** Ours: the client-side SageMaker pace; absent → the product default (SAGEMAKER_MAX_RPS). */
  maxRps?: number;
  /** Peer: audit only the newest N jobs (a sample, for sizes too slow to run in full). */
  sample?: number;
  /** Ours: jobs per EC2 batch (the audit service's `windowSize`); absent → its default. */
  windowSize?: number;
  /** Ours: configure REMEDIATION_NETWORK, so non-passing jobs get a vetted proposal as in production. */
  approvedNetwork: boolean;
  verdictFile: string;
}

export interface RunResult {
  approach: Approach;
  size: number;
  /** Jobs judged in this run (the sample size for a sampled peer run). */
  judged: number;
  sampled: boolean;
  wallMs: number;
  cpuMs: number;
  calls: Record<string, OperationCounters>;
  sagemakerCalls: number;
  ec2Calls: number;
  throttled: number;
  /** Memory before the audit (fake and fleet started) and the peaks during it, bytes. */
  baselineRss: number;
  memory: MemoryPeaks;
  /**
   * Heap in use after a full GC, before and after the audit (when the child runs with
   * `--expose-gc`): what the run kept, as opposed to peaks that depend on when V8 collects.
   */
  retainedHeap?: { before: number; after: number };
  summary: AuditSummary;
  /** Ours: the SageMaker pace used, requests per second. */
  pacing?: number;
  complete: boolean;
  /** Ours: bytes of `--json` job lines produced (serialised, then dropped). */
  jsonBytes?: number;
  /** Peer: jobs it could not fully read, final failures by operation and code, calls sent again. */
  lost?: number;
  failures?: Record<string, number>;
  resends?: number;
  errors?: number;
  rejectedNames: number;
}

const SAGEMAKER_OPERATIONS = new Set(['Search', 'ListTrainingJobs', 'DescribeTrainingJob', 'ListTags']);

export async function runOne(spec: RunSpec): Promise<RunResult> {
  const world = await startBenchWorld(spec.fleet, spec.fake);
  const size = spec.fleet.jobs;
  const verdicts = createVerdictMap(size);
  const summary: AuditSummary = { jobs: 0, pass: 0, fail: 0, unknown: 0 };
  const count = (verdict: keyof Omit<AuditSummary, 'jobs'>) => {
    summary.jobs += 1;
    summary[verdict] += 1;
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const baselineRss = process.memoryUsage().rss;
  world.aws.resetCounters();
  const sampler = startMemorySampler();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let extra: Partial<RunResult>;
  try {
    extra = isPeer(spec.approach) ? await runPeer(spec, world, verdicts, count) : await runOurs(spec, world, verdicts, count);
  } finally {
    await world.close();
  }
  const wallMs = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  const memory = sampler.stop();
  gc?.();
  const retainedHeap = gc ? { before: heapBefore, after: process.memoryUsage().heapUsed } : undefined;
  const calls = world.aws.counters();
  await writeFile(spec.verdictFile, verdicts.bytes);
  let sagemakerCalls = 0;
  let ec2Calls = 0;
  let throttled = 0;
  for (const [operation, c] of Object.entries(calls)) {
    if (SAGEMAKER_OPERATIONS.has(operation)) sagemakerCalls += c.calls;
    else ec2Calls += c.calls;
    throttled += c.throttled;
  }
  return {
    approach: spec.approach,
    size,
    judged: summary.jobs,
    sampled: isPeer(spec.approach) && spec.sample !== undefined && spec.sample < size,
    wallMs,
    cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    calls,
    sagemakerCalls,
    ec2Calls,
    throttled,
    baselineRss,
    memory,
    ...(retainedHeap ? { retainedHeap } : {}),
    summary,
    complete: true,
    rejectedNames: verdicts.rejected,
    ...extra,
  };
}

type Count = (verdict: 'pass' | 'fail' | 'unknown') => void;
type World = Awaited<ReturnType<typeof startBenchWorld>>;

async function runOurs(spec: RunSpec, world: World, verdicts: ReturnType<typeof createVerdictMap>, count: Count): Promise<Partial<RunResult>> {
  const pacing = spec.maxRps ?? loadAwsConfig({ env: {} }).sagemakerMaxRps;
  const clients = createAwsClients({
    region: world.region,
    endpoint: world.aws.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    sagemakerMaxRps: pacing,
  });
  const service = createAuditService({
    regions: [world.region],
    clientsFor: () => clients,
    logger: createLogger({ level: 'silent' }),
    ...(spec.approvedNetwork ? { remediationNetwork: approvedNetworkFor(world.fleet) } : {}),
    ...(spec.windowSize === undefined ? {} : { windowSize: spec.windowSize }),
  });
  let jsonBytes = 0;
  const outcome = await service.auditFleet(
    {},
    {
      onJob: (report) => {
        // What `check --all --json` does with each job (json-stream.ts), minus the write.
        jsonBytes += JSON.stringify(report).length;
        verdicts.set(report.name, report.verdict);
        count(report.verdict);
      },
    },
  );
  clients.sagemaker.destroy();
  clients.ec2.destroy();
  return { pacing, complete: outcome.complete, jsonBytes, errors: outcome.errors.length };
}

async function runPeer(spec: RunSpec, world: World, verdicts: ReturnType<typeof createVerdictMap>, count: Count): Promise<Partial<RunResult>> {
  const clients = createPeerClients({ region: world.region, endpoint: world.aws.url });
  const outcome = await runPeerAudit({
    clients,
    untilComplete: spec.approach === 'peer-complete',
    ...(spec.sample === undefined ? {} : { maxJobs: spec.sample }),
    onVerdict: (name, verdict, lost) => {
      verdicts.set(name, verdict, lost);
      count(verdict);
    },
  });
  clients.sagemaker.destroy();
  clients.ec2.destroy();
  return { complete: outcome.listingComplete, lost: outcome.lost, failures: outcome.failures, resends: outcome.resends };
}
