import { describe, expect, it } from 'vitest';
import { evaluateJob } from '../audit/engine.js';
import type { NetworkSnapshot, TrainingJobSnapshot } from '../audit/model.js';
import {
  buildJob,
  buildNetwork,
  buildRoute,
  buildRouteTable,
  buildSecurityGroup,
  buildSubnet,
  compliantParts,
  fromCidr,
  NOW,
} from '../audit/testing/builders.js';
import { vetProposal, type ProposalCache } from './proposal.js';

/** The compliant network plus a public subnet (explicit table with an IGW default route) and an open SG. */
function network(): NetworkSnapshot {
  const parts = compliantParts();
  return buildNetwork({
    ...parts,
    subnets: [...parts.subnets, buildSubnet('subnet-9')],
    routeTables: [...parts.routeTables, buildRouteTable('rtb-public', { subnets: ['subnet-9'], routes: [buildRoute('0.0.0.0/0', 'igw-1')] })],
    securityGroups: [...parts.securityGroups, buildSecurityGroup('sg-open', { ingress: [fromCidr('0.0.0.0/0')] })],
  });
}

function vet(job: TrainingJobSnapshot, approved: { subnets: string[]; securityGroups: string[] } | undefined, net = network(), cache?: ProposalCache) {
  const report = evaluateJob({ ok: true, job }, net, { now: NOW });
  return vetProposal(job, report, approved, net, NOW, cache);
}

const publicJob = buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-9'], securityGroupIds: ['sg-1'] } });

describe('vetProposal', () => {
  it.each`
    case                                      | job                                                                                     | approved                                                   | offered  | privateSubnets
    ${'approved private network'}             | ${publicJob}                                                                            | ${{ subnets: ['subnet-2'], securityGroups: ['sg-1'] }}     | ${true}  | ${['subnet-1']}
    ${'approved network with a public subnet'} | ${publicJob}                                                                            | ${{ subnets: ['subnet-9'], securityGroups: ['sg-1'] }}     | ${false} | ${['subnet-1']}
    ${'approved network with an open SG'}     | ${publicJob}                                                                            | ${{ subnets: ['subnet-2'], securityGroups: ['sg-open'] }}  | ${false} | ${['subnet-1']}
    ${'no approved network'}                  | ${publicJob}                                                                            | ${undefined}                                               | ${false} | ${['subnet-1']}
    ${'own private subnets, open SG'}         | ${buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-9'], securityGroupIds: ['sg-open'] } })} | ${undefined}                                  | ${false} | ${[]}
    ${'multi-node job (advisory only)'}       | ${{ ...publicJob, instanceCount: 4 }}                                                   | ${{ subnets: ['subnet-2'], securityGroups: ['sg-1'] }}     | ${true}  | ${['subnet-1']}
  `('$case', ({ job, approved, offered, privateSubnets }) => {
    const vetted = vet(job, approved);
    expect(vetted.approvedNetwork !== undefined).toBe(offered);
    expect(vetted.privateSubnets).toEqual(privateSubnets);
  });

  it('gives the same answers with a cache, judging each proposed network once', () => {
    const cache: ProposalCache = new Map();
    const approved = { subnets: ['subnet-2'], securityGroups: ['sg-1'] };
    const first = vet(publicJob, approved, network(), cache);
    expect(first).toEqual(vet(publicJob, approved));
    expect(cache.size).toBe(2); // the approved network and the job's own private subnets

    // Facts do not change within a fleet run; a changed network here shows the cached verdicts are reused.
    const changed = network();
    changed.securityGroups['sg-1'] = { ok: true, value: buildSecurityGroup('sg-1', { ingress: [fromCidr('0.0.0.0/0')] }) };
    expect(vet(publicJob, approved, changed, cache)).toEqual(first);
    expect(vet(publicJob, approved, changed)).toEqual({ privateSubnets: [] });
    expect(cache.size).toBe(2);
  });

  it('keys the cache by account and region too', () => {
    const cache: ProposalCache = new Map();
    const approved = { subnets: ['subnet-2'], securityGroups: ['sg-1'] };
    vet(publicJob, approved, network(), cache);
    vet({ ...publicJob, region: 'eu-west-1' }, approved, network(), cache);
    vet({ ...publicJob, account: '999999999999' }, approved, network(), cache);
    expect(cache.size).toBe(6);
  });
});
