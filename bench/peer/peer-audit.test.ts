import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/audit/model.js';
import { generateFleet, startSandboxAws, type SandboxAws } from '../../src/sandbox/aws/index.js';
import { createPeerClients } from './peer-clients.js';
import { runPeerAudit } from './peer-audit.js';

let aws: SandboxAws | undefined;
afterEach(async () => {
  await aws?.close();
  aws = undefined;
});

async function peerRun(jobs: number, options: { faults?: Parameters<SandboxAws['setFaults']>[0]; untilComplete?: boolean; workers?: number; maxJobs?: number } = {}) {
  const fleet = generateFleet({ jobs, seed: 'peer-test', now: new Date('2026-11-29T10:00:00Z') });
  aws = await startSandboxAws({ world: fleet.world, ...(options.faults ? { faults: options.faults } : {}) });
  const verdicts = new Map<string, { verdict: Verdict; lost: boolean }>();
  const outcome = await runPeerAudit({
    clients: createPeerClients({ region: fleet.region, endpoint: aws.url }),
    onVerdict: (name, verdict, lost) => verdicts.set(name, { verdict, lost }),
    ...(options.untilComplete ? { untilComplete: true } : {}),
    ...(options.workers ? { workers: options.workers } : {}),
    ...(options.maxJobs ? { maxJobs: options.maxJobs } : {}),
  });
  return { fleet, verdicts, outcome, counters: aws.counters() };
}

describe('runPeerAudit', () => {
  it('reaches the fleet’s known verdicts with List + Describe + ListTags per job and per-job EC2 reads', async () => {
    const { fleet, verdicts, outcome, counters } = await peerRun(120);
    expect(outcome).toMatchObject({ listed: 120, judged: 120, lost: 0, listingComplete: true });
    for (let i = 0; i < 120; i++) expect(verdicts.get(fleet.jobName(i))?.verdict, fleet.jobName(i)).toBe(fleet.expectedVerdict(i));
    expect(counters.ListTrainingJobs?.calls).toBe(2);
    expect(counters.DescribeTrainingJob?.calls).toBe(120);
    expect(counters.ListTags?.calls).toBe(120);
    // No cross-job cache: about one call of each kind per job with a VPC (the 5 % without make none).
    expect(counters.DescribeSecurityGroups?.calls).toBeGreaterThan(100);
    // Route tables follow the subnets' VPC: a job whose only subnet was deleted has none to read.
    expect(counters.DescribeRouteTables?.calls).toBeGreaterThan(100);
    expect(counters.DescribeRouteTables?.calls).toBeLessThanOrEqual(counters.DescribeSecurityGroups?.calls ?? 0);
  });

  it('audits only the newest maxJobs jobs (a sample)', async () => {
    const { fleet, verdicts, counters } = await peerRun(300, { maxJobs: 150 });
    expect([...verdicts.keys()].sort()).toEqual(Array.from({ length: 150 }, (_, i) => fleet.jobName(i)).sort());
    expect(counters.ListTrainingJobs?.calls).toBe(2);
  });

  it('gives a job up after 3 throttled attempts, as configured — unless told to send again until complete', async () => {
    const faults = { DescribeTrainingJob: { code: 'ThrottlingException', count: 3 } };
    const faithful = await peerRun(3, { faults, workers: 1 });
    expect(faithful.outcome).toMatchObject({ judged: 3, lost: 1, failures: { 'sagemaker:DescribeTrainingJob throttled': 1 }, resends: 0 });
    expect([...faithful.verdicts.values()].filter((v) => v.lost)).toEqual([{ verdict: 'unknown', lost: true }]);
    await aws?.close();

    const patient = await peerRun(3, { faults, workers: 1, untilComplete: true });
    expect(patient.outcome).toMatchObject({ judged: 3, lost: 0, failures: {}, resends: 1 });
    expect(patient.counters.DescribeTrainingJob).toMatchObject({ calls: 6, faulted: 3 });
  });
});
