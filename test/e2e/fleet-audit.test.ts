/**
 * End-to-end against the protocol-faithful AWS fake: a 2,000-job fleet judged exactly as built, at
 * about one Search call per 100 jobs. Fault injection lives in test/reliability/aws-faults.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobReport, Verdict } from '../../src/audit/model.js';
import { generateFleet, startSandboxAws, type SandboxAws } from '../../src/sandbox/aws/index.js';
import { sandboxService } from '../helpers/sandbox-service.js';

const fleet = generateFleet({ jobs: 2_000, seed: 'e2e-fleet' });
let server: SandboxAws;

beforeAll(async () => {
  server = await startSandboxAws({ world: fleet.world, seed: 7 });
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  server.setFaults({});
  server.setThrottle({});
});

async function verdicts(maxAttempts = 6): Promise<{ map: Map<string, Verdict>; complete: boolean }> {
  const map = new Map<string, Verdict>();
  const outcome = await sandboxService(server.url, ['us-east-1'], { maxAttempts }).auditFleet({}, { onJob: (r: JobReport) => void map.set(r.name, r.verdict) });
  return { map, complete: outcome.complete };
}

function expected(): Map<string, Verdict> {
  const map = new Map<string, Verdict>();
  for (let i = 0; i < fleet.size; i++) map.set(fleet.jobName(i), fleet.expectedVerdict(i));
  return map;
}

describe('a fleet of 2,000 jobs', () => {
  it('audits every job with the verdict the fleet was built to have, in ⌈N/100⌉ Search calls and O(pool) EC2 calls', async () => {
    server.resetCounters();
    const { map, complete } = await verdicts();
    expect(complete).toBe(true);
    expect(map.size).toBe(2_000);
    expect(map).toEqual(expected());
    const counters = server.counters();
    expect(counters.Search?.calls).toBe(20);
    expect(counters.DescribeTrainingJob?.calls ?? 0).toBe(0);
    const ec2Calls = ['DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups', 'DescribeVpcEndpoints', 'DescribeNatGateways'].reduce(
      (n, op) => n + (counters[op]?.calls ?? 0),
      0,
    );
    expect(ec2Calls).toBeLessThan(25);
  });
});
