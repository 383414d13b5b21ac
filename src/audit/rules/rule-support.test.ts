import { describe, expect, it } from 'vitest';
import { buildJob, buildNetwork, buildSubnet, notFound, patchNetwork } from '../testing/builders.js';
import { vpcConfigured } from './vpc-configured/rule.js';
import { count, joinReasons, listNames, makeFinding, vpcConfigProblem, vpcIdsOf } from './rule-support.js';

describe('vpcConfigProblem', () => {
  it.each`
    vpcConfig                                               | expected
    ${{ subnets: ['subnet-1'], securityGroupIds: ['sg-1'] }} | ${undefined}
    ${undefined}                                            | ${'missing'}
    ${{ subnets: [], securityGroupIds: ['sg-1'] }}          | ${'no-subnets'}
    ${{ subnets: ['subnet-1'], securityGroupIds: [] }}      | ${'no-security-groups'}
  `('$vpcConfig → $expected', ({ vpcConfig, expected }) => {
    expect(vpcConfigProblem(buildJob({ vpcConfig }))).toBe(expected);
  });
});

describe('listNames', () => {
  it.each`
    names                                | expected
    ${[]}                                | ${''}
    ${['a']}                             | ${'a'}
    ${['a', 'b']}                        | ${'a and b'}
    ${['a', 'b', 'c']}                   | ${'a, b and c'}
    ${['a', 'b', 'c', 'd', 'e']}         | ${'a, b, c and 2 more'}
  `('$names → $expected', ({ names, expected }) => {
    expect(listNames(names)).toBe(expected);
  });
});

describe('count and joinReasons', () => {
  it('pluralises', () => {
    expect([count(1, 'subnet'), count(2, 'subnet'), count(3, 'free IP address', 'free IP addresses')]).toEqual([
      '1 subnet',
      '2 subnets',
      '3 free IP addresses',
    ]);
  });

  it('caps the reasons shown', () => {
    expect(joinReasons(['a', 'b', 'c', 'd'])).toBe('a; b; 2 more could not be judged either');
    expect(joinReasons(['a'])).toBe('a');
  });
});

describe('makeFinding', () => {
  it('uses the rule severity, de-duplicates resources and notes, and omits empty notes', () => {
    expect(makeFinding(vpcConfigured, 'pass', 'ok', { resources: ['a', 'a', 'b'], notes: [] })).toEqual({
      rule: 'vpc-configured',
      status: 'pass',
      severity: 'high',
      message: 'ok',
      resources: ['a', 'b'],
    });
    expect(makeFinding(vpcConfigured, 'warn', 'x', { notes: ['n', 'n'], severity: 'info' })).toMatchObject({
      severity: 'info',
      notes: ['n'],
    });
  });
});

describe('vpcIdsOf', () => {
  it('derives the VPC from readable subnets only', () => {
    const network = patchNetwork(buildNetwork({ subnets: [buildSubnet('subnet-1'), buildSubnet('subnet-2', { vpcId: 'vpc-2' })] }), {
      subnets: { 'subnet-3': notFound('ec2:DescribeSubnets', 'subnet-3') },
    });
    const job = buildJob({ vpcConfig: { subnets: ['subnet-3', 'subnet-1', 'subnet-2', 'subnet-1'], securityGroupIds: ['sg-1'] } });

    expect(vpcIdsOf(job, network)).toEqual(['vpc-1', 'vpc-2']);
  });
});
