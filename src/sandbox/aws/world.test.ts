// "Change the world": EC2 rule arithmetic, routes, associations, jobs and baselines.
import { describe, expect, it } from 'vitest';
import { buildTrainingJob } from './job-builder.js';
import { SANDBOX_IDS } from './scenario-network.js';
import { createSandboxWorld } from './scenarios.js';
import { addPermission, removePermission } from './sg-rules.js';
import type { SandboxPermission } from './world-types.js';

const ssh = (cidr: string, description?: string): SandboxPermission => ({
  ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidr, ...(description ? { description } : {}) }],
});

describe('security-group rule arithmetic', () => {
  it.each([
    ['merges a new source into the same (protocol, ports) rule', [ssh('10.0.0.0/8')], ssh('192.168.0.0/16'), [{ ...ssh('10.0.0.0/8'), ipRanges: [{ cidr: '10.0.0.0/8' }, { cidr: '192.168.0.0/16' }] }]],
    ['ignores a duplicate source', [ssh('10.0.0.0/8')], ssh('10.0.0.0/8', 'again'), [ssh('10.0.0.0/8')]],
    ['adds another port as its own rule', [ssh('10.0.0.0/8')], { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidr: '10.0.0.0/8' }] }, [ssh('10.0.0.0/8'), { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [{ cidr: '10.0.0.0/8' }] }]],
    ['ignores ports on all-traffic rules', [{ ipProtocol: '-1', ipRanges: [{ cidr: '10.0.0.0/8' }] }], { ipProtocol: '-1', fromPort: 0, toPort: 65535, ipv6Ranges: [{ cidr: 'fd00::/8' }] }, [{ ipProtocol: '-1', ipRanges: [{ cidr: '10.0.0.0/8' }], ipv6Ranges: [{ cidr: 'fd00::/8' }] }]],
  ] satisfies Array<[string, SandboxPermission[], SandboxPermission, SandboxPermission[]]>)('authorize %s', (_case, existing, permission, expected) => {
    expect(addPermission(existing, permission)).toEqual(expected);
  });

  it.each([
    ['removes one source and keeps the rest', [{ ...ssh('10.0.0.0/8'), ipRanges: [{ cidr: '10.0.0.0/8' }, { cidr: '0.0.0.0/0' }] }], ssh('0.0.0.0/0'), [ssh('10.0.0.0/8')]],
    ['drops a rule left without sources', [ssh('0.0.0.0/0'), { ipProtocol: '-1', groups: [{ groupId: 'sg-1', userId: '1' }] }], ssh('0.0.0.0/0'), [{ ipProtocol: '-1', groups: [{ groupId: 'sg-1', userId: '1' }] }]],
    ['answers undefined when nothing matches', [ssh('10.0.0.0/8')], ssh('0.0.0.0/0'), undefined],
    ['needs the same ports', [ssh('0.0.0.0/0')], { ipProtocol: 'tcp', fromPort: 23, toPort: 23, ipRanges: [{ cidr: '0.0.0.0/0' }] }, undefined],
  ] satisfies Array<[string, SandboxPermission[], SandboxPermission, SandboxPermission[] | undefined]>)('revoke %s', (_case, existing, permission, expected) => {
    expect(removePermission(existing, permission)).toEqual(expected);
  });
});

describe('SandboxWorld mutations', () => {
  const r = 'us-east-1';
  const { routeTables: rt, subnets: sn, securityGroups: sg } = SANDBOX_IDS;

  it('replaces a route by destination and removes it', () => {
    const world = createSandboxWorld();
    world.setRoute(r, rt.privateA, { destinationCidrBlock: '0.0.0.0/0', target: SANDBOX_IDS.gateways.tgw, state: 'active', origin: 'CreateRoute' });
    const defaults = () => world.network(r).routeTables.get(rt.privateA)?.routes.filter((x) => x.destinationCidrBlock === '0.0.0.0/0');
    expect(defaults()?.map((x) => x.target)).toEqual([SANDBOX_IDS.gateways.tgw]);
    world.removeRoute(r, rt.privateA, '0.0.0.0/0');
    expect(defaults()).toEqual([]);
    expect(() => world.removeRoute(r, rt.privateA, '0.0.0.0/0')).toThrow(/no route/);
  });

  it('moves a subnet between tables on associateRouteTable', () => {
    const world = createSandboxWorld();
    world.associateRouteTable(r, rt.public, sn.privateA);
    const holders = [...world.network(r).routeTables.values()].filter((t) => t.associations.some((a) => a.subnetId === sn.privateA));
    expect(holders.map((t) => t.routeTableId)).toEqual([rt.public]);
  });

  it('deletes security groups, rejects unknown ids, and replaces jobs by name', () => {
    const world = createSandboxWorld();
    world.deleteSecurityGroup(r, sg.training);
    expect(world.network(r).securityGroups.has(sg.training)).toBe(false);
    expect(() => world.deleteSecurityGroup(r, sg.training)).toThrow(/no security group/);
    expect(() => world.revokeIngress(r, 'sg-0123456789abcdef0', ssh('0.0.0.0/0'))).toThrow(/no security group/);
    const before = world.jobs(r).size;
    const job = buildTrainingJob({ name: 'churn-xgb-private', region: r, status: 'Failed', createdAt: new Date('2026-01-01T00:00:00Z'), trainingSeconds: 60 });
    world.putJob(r, job);
    expect(world.jobs(r).size).toBe(before);
    expect(world.jobs(r).get(world.jobs(r).indexOf('churn-xgb-private') ?? -1).TrainingJobStatus).toBe('Failed');
    expect(world.deleteJob(r, 'churn-xgb-private')).toBe(true);
    expect(world.deleteJob(r, 'churn-xgb-private')).toBe(false);
    world.reset();
    expect(world.jobs(r).size).toBe(before);
    expect(world.network(r).securityGroups.has(sg.training)).toBe(true);
  });
});
