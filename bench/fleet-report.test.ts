import { describe, expect, it } from 'vitest';
import { checkTargets, formatRatios, formatTable, project, ratiosFor, type SizeReport } from './fleet-report.js';
import type { Approach, RunResult } from './fleet-run.js';

function run(approach: Approach, size: number, overrides: Partial<RunResult> = {}): RunResult {
  const sagemaker = approach.startsWith('peer') ? { ListTrainingJobs: 20, DescribeTrainingJob: 2000, ListTags: 2000 } : { Search: Math.ceil(size / 100) };
  const calls = Object.fromEntries(Object.entries({ ...sagemaker, DescribeSubnets: 10 }).map(([op, n]) => [op, { calls: n, throttled: 0, faulted: 0 }]));
  const sagemakerCalls = Object.values(sagemaker).reduce((a, b) => a + b, 0);
  return {
    approach, size, judged: size, sampled: false, wallMs: 1000, cpuMs: 500, calls, sagemakerCalls, ec2Calls: 10, throttled: 0,
    baselineRss: 100e6, memory: { rss: 200e6, heapUsed: 50e6, heapTotal: 80e6, external: 1e6, samples: 10 },
    summary: { jobs: size, pass: size, fail: 0, unknown: 0 }, complete: true, rejectedNames: 0, ...overrides,
  };
}

describe('project', () => {
  it('keeps a full run as measured', () => {
    expect(project(run('ours', 10_000))).toMatchObject({ basis: 'measured', fromJobs: 10_000, sagemakerCalls: 100, wallMs: 1000 });
  });

  it('extrapolates a sample linearly from its measured rate, every operation included', () => {
    const sample = run('peer-complete', 100_000, { judged: 2000, sampled: true, sagemakerCalls: 4020, wallMs: 400_000, throttled: 7 });
    expect(project(sample)).toMatchObject({
      basis: 'extrapolated',
      fromJobs: 2000,
      size: 100_000,
      wallMs: 20_000_000,
      sagemakerCalls: 201_000,
      ec2Calls: 500,
      throttled: 350,
      callsByOperation: { ListTrainingJobs: 1000, DescribeTrainingJob: 100_000, ListTags: 100_000, DescribeSubnets: 500 },
    });
  });
});

describe('ratios and targets', () => {
  const tenK: SizeReport = {
    size: 10_000,
    runs: { ours: run('ours', 10_000, { wallMs: 20_000 }), 'peer-complete': run('peer-complete', 10_000, { sagemakerCalls: 20_100, wallMs: 2_010_000 }) },
    vsExpected: {},
    peerVsOurs: {},
  };
  const hundredK: SizeReport = {
    size: 100_000,
    runs: { ours: run('ours', 100_000, { wallMs: 200_000, ec2Calls: 13, memory: { rss: 290e6, heapUsed: 1, heapTotal: 1, external: 1, samples: 1 } }) },
    vsExpected: {},
    peerVsOurs: {},
  };

  it('divides the peer by ours', () => {
    expect(ratiosFor(tenK)).toEqual([{ size: 10_000, ours: 'ours', peer: 'peer-complete', basis: 'measured', sagemakerCalls: 201, allCalls: 20_110 / 110, wall: 100.5 }]);
    expect(formatRatios([tenK])).toMatch(/peer-complete \/ ours\s+SageMaker calls\s+201×\s+all calls\s+183×\s+wall\s+101×$/);
  });

  it('judges the targets, and says which could not be judged', () => {
    const checks = checkTargets([tenK, hundredK]);
    expect(checks.map((c) => [c.met, c.detail])).toEqual([
      [true, '201× (measured)'],
      [true, '101× (measured)'],
      [false, '10,000: 10, 100,000: 13'],
      [true, '277 MB / 191 MB = 1.45×'],
    ]);
    expect(checkTargets([hundredK]).map((c) => c.met)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('prints a row per run and an extrapolated row under a sample', () => {
    const sampled: SizeReport = { size: 100_000, runs: { peer: run('peer', 100_000, { judged: 2000, sampled: true }) }, vsExpected: {}, peerVsOurs: {} };
    const table = formatTable([tenK, sampled]);
    expect(table.split('\n')).toHaveLength(5);
    expect(table).toContain('2,000 (sample)');
    expect(table).toMatch(/→ extrapolated\s+100,000\s+201,000/);
  });
});
