/**
 * End-to-end against the protocol-faithful AWS fake: a 2,000-job fleet judged exactly as built, at
 * about one Search call per 100 jobs. Fault injection lives in test/reliability/aws-faults.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateFleet, startSandboxAws, type SandboxAws } from '../../src/sandbox/aws/index.js';
import { expectedVerdicts, fleetVerdicts } from '../helpers/sandbox-service.js';

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

describe('a fleet of 2,000 jobs', () => {
  it('audits every job with the verdict the fleet was built to have, in ⌈N/100⌉ Search calls and O(pool) EC2 calls', async () => {
    server.resetCounters();
    const { map, complete } = await fleetVerdicts(server.url, ['us-east-1']);
    expect(complete).toBe(true);
    expect(map.size).toBe(2_000);
    expect(map).toEqual(expectedVerdicts(fleet));
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
