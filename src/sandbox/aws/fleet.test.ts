// Virtual fleets: deterministic, newest first, verdicts known by construction, memory O(pool).
import { ListTrainingJobsCommand, SageMakerClient, SearchCommand } from '@aws-sdk/client-sagemaker';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../audit/model.js';
import { sandboxClientConfig } from './client-config.js';
import { generateFleet, type Fleet } from './fleet.js';
import { startSandboxAws } from './server.js';
import { summarizeJob } from './training-job-types.js';

const NOW = new Date('2026-11-29T10:00:00Z');
const REGION = 'us-east-1';

/** An independent reading of the world: the three control rules, simplified to the pool's shapes. */
function verdictFromWorld(fleet: Fleet, index: number): Verdict {
  const job = fleet.world.jobs(REGION).get(index);
  const net = fleet.world.network(REGION);
  if (!job.VpcConfig) return 'fail';
  let unknown = false;
  for (const subnetId of job.VpcConfig.Subnets) {
    const subnet = net.subnets.get(subnetId);
    if (!subnet) {
      unknown = true;
      continue;
    }
    const tables = [...net.routeTables.values()].filter((t) => t.vpcId === subnet.vpcId);
    const table = tables.find((t) => t.associations.some((a) => a.subnetId === subnetId)) ?? tables.find((t) => t.associations.some((a) => a.main));
    if (table?.routes.some((r) => r.state === 'active' && r.target.startsWith('igw-') && r.destinationCidrBlock === '0.0.0.0/0')) return 'fail';
  }
  for (const groupId of job.VpcConfig.SecurityGroupIds) {
    const open = net.securityGroups.get(groupId)?.ingress.some((p) => [...(p.ipRanges ?? []), ...(p.ipv6Ranges ?? [])].some((r) => r.cidr === '0.0.0.0/0' || r.cidr === '::/0'));
    if (open) return 'fail';
  }
  return unknown ? 'unknown' : 'pass';
}

describe('generateFleet', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateFleet({ jobs: 1_000, seed: 'alpha', now: NOW });
    const b = generateFleet({ jobs: 1_000, seed: 'alpha', now: NOW });
    const c = generateFleet({ jobs: 1_000, seed: 'beta', now: NOW });
    for (const i of [0, 1, 499, 999]) expect(a.world.jobs(REGION).get(i)).toEqual(b.world.jobs(REGION).get(i));
    const names = (f: Fleet) => Array.from({ length: 50 }, (_, i) => f.jobName(i));
    expect(names(c)).not.toEqual(names(a));
    expect(c.pool.subnets.map((s) => s.id)).not.toEqual(a.pool.subnets.map((s) => s.id));
  });

  it('builds a pool of the requested size with every classification', () => {
    const fleet = generateFleet({ jobs: 10, seed: 1, vpcs: 3, subnets: 15, securityGroups: 9 });
    const net = fleet.world.network(REGION);
    expect(fleet.pool.vpcs).toHaveLength(3);
    expect(fleet.pool.subnets.filter((s) => s.kind !== 'deleted')).toHaveLength(15);
    expect(new Set(fleet.pool.subnets.map((s) => s.kind))).toEqual(new Set(['private', 'public', 'deleted']));
    expect(new Set(fleet.pool.securityGroups.map((g) => g.kind))).toEqual(new Set(['restricted', 'open']));
    expect(fleet.pool.subnets.filter((s) => s.kind === 'deleted').every((s) => !net.subnets.has(s.id))).toBe(true);
    expect(net.securityGroups.size).toBe(9);
  });

  it.each([
    ['too few subnets', { subnets: 2, vpcs: 4 }],
    ['too few security groups', { securityGroups: 3, vpcs: 4 }],
    ['a negative job count', { jobs: -1 }],
  ])('rejects %s', (_case, options) => {
    expect(() => generateFleet({ jobs: 10, seed: 1, ...options })).toThrow(RangeError);
  });

  it('serves jobs newest first, with summaries that agree with the records', () => {
    const fleet = generateFleet({ jobs: 3_000, seed: 9, now: NOW, spanDays: 30 });
    const store = fleet.world.jobs(REGION);
    let previous = Infinity;
    for (let i = 0; i < store.size; i += 7) {
      const record = store.get(i);
      const summary = store.summary(i);
      expect(summary).toEqual(summarizeJob(record));
      expect(summary.creationTime).toBeLessThan(previous);
      expect(summary.lastModifiedTime - summary.creationTime).toBeLessThanOrEqual(store.maxLagMs);
      expect(summary.lastModifiedTime).toBeLessThanOrEqual(NOW.getTime());
      expect(store.indexOf(record.TrainingJobName)).toBe(i);
      previous = summary.creationTime;
    }
    expect(store.indexOf('churn-xgb-9999999')).toBeUndefined();
    expect(store.indexOf('not-a-fleet-job')).toBeUndefined();
    expect(() => fleet.world.putJob(REGION, store.get(0))).toThrow(/virtual fleet/);
  });

  it('knows each verdict by construction, matching the network it built, in a mostly compliant mix', () => {
    const fleet = generateFleet({ jobs: 4_000, seed: 'mix', now: NOW });
    for (let i = 0; i < fleet.size; i++) expect([i, fleet.expectedVerdict(i)]).toEqual([i, verdictFromWorld(fleet, i)]);
    const counts = fleet.expectedCounts();
    expect(counts.pass + counts.fail + counts.unknown).toBe(4_000);
    expect(counts.pass / 4_000).toBeGreaterThan(0.8);
    expect(counts.fail).toBeGreaterThan(100);
    expect(counts.unknown).toBeGreaterThan(5);
  });
});

describe('a 100,000-job fleet behind the sandbox', () => {
  it('pages through Search and reaches its oldest jobs with modest heap growth', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;

    const fleet = generateFleet({ jobs: 100_000, seed: 'bench', now: NOW });
    const aws = await startSandboxAws({ world: fleet.world });
    const sm = new SageMakerClient(sandboxClientConfig(aws.url, REGION));
    try {
      let token: string | undefined;
      const seen = new Set<string>();
      for (let page = 0; page < 25; page++) {
        const out = await sm.send(new SearchCommand({ Resource: 'TrainingJob', MaxResults: 100, NextToken: token }));
        expect(out.TotalHits).toEqual({ Value: 100_000, Relation: 'EqualTo' });
        for (const r of out.Results ?? []) seen.add(r.TrainingJob?.TrainingJobName ?? '');
        token = out.NextToken;
      }
      expect(seen.size).toBe(2_500);

      const oldest = fleet.world.jobs(REGION).summary(99_999);
      const deep = await sm.send(new SearchCommand({
        Resource: 'TrainingJob', SortBy: 'CreationTime', SortOrder: 'Ascending', MaxResults: 3,
        SearchExpression: { Filters: [{ Name: 'CreationTime', Operator: 'LessThanOrEqualTo', Value: new Date(oldest.creationTime + 60_000).toISOString() }] },
      }));
      expect(deep.Results?.[0]?.TrainingJob?.TrainingJobName).toBe(fleet.jobName(99_999));
      const listed = await sm.send(new ListTrainingJobsCommand({ MaxResults: 1 }));
      expect(listed.TrainingJobSummaries?.[0]?.TrainingJobName).toBe(fleet.jobName(99_999));
    } finally {
      sm.destroy();
      await aws.close();
    }
    gc();
    const grownMb = (process.memoryUsage().heapUsed - before) / 1e6;
    // Materialised, 100,000 records would take hundreds of MB; the pool and a plan cache take a few.
    expect(grownMb).toBeLessThan(40);
  });
});
