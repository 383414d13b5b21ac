import { describe, expect, it } from 'vitest';

import { awsInvocations } from './testing/aws-cli.js';
import { contextFor, finding } from './testing/builders.js';
import { instanceGroups, spotWithCheckpoints } from './testing/described-jobs.js';
import { buildMultiNodeTraffic, peerPermissions } from './vpc-multi-node-traffic.js';

const pair = [{ GroupId: 'sg-0a', Description: 'sagemaker-training-peers' }];

describe('peerPermissions', () => {
  it.each`
    missing                                 | expected
    ${['all-traffic']}                      | ${[{ IpProtocol: '-1', UserIdGroupPairs: pair }]}
    ${['udp-500', 'esp']}                   | ${[{ IpProtocol: 'udp', FromPort: 500, ToPort: 500, UserIdGroupPairs: pair }, { IpProtocol: '50', UserIdGroupPairs: pair }]}
    ${['all-traffic', 'udp-500', 'esp']}    | ${[{ IpProtocol: '-1', UserIdGroupPairs: pair }, { IpProtocol: 'udp', FromPort: 500, ToPort: 500, UserIdGroupPairs: pair }, { IpProtocol: '50', UserIdGroupPairs: pair }]}
  `('$missing', ({ missing, expected }) => {
    expect(peerPermissions('sg-0a', missing)).toEqual(expected);
  });
});

describe('vpc-multi-node-traffic remediation', () => {
  it('authorizes the self-reference on the first attached group; backout revokes exactly the same permissions', () => {
    const evidence = { rule: 'vpc-multi-node-traffic' as const, securityGroupIds: ['sg-0aa11bb22cc33dd44', 'sg-0b'], encryption: true, missing: ['all-traffic', 'udp-500', 'esp'] };
    const { steps, backout } = buildMultiNodeTraffic(contextFor(instanceGroups, finding('vpc-multi-node-traffic', 'warn', evidence)));
    const [add] = awsInvocations(steps[0]?.code ?? '');
    const [revoke] = awsInvocations(backout[0]?.code ?? '');
    expect(add?.key).toBe('ec2 authorize-security-group-ingress');
    expect(revoke?.key).toBe('ec2 revoke-security-group-ingress');
    expect(add?.options.get('--group-id')).toEqual(['sg-0aa11bb22cc33dd44']);
    expect(JSON.parse(add?.options.get('--ip-permissions')?.[0] ?? '')).toEqual(peerPermissions('sg-0aa11bb22cc33dd44', evidence.missing));
    expect(revoke?.options.get('--ip-permissions')).toEqual(add?.options.get('--ip-permissions'));
  });

  it.each`
    name                           | description            | protocols
    ${'encryption on, no evidence'}  | ${instanceGroups}      | ${['-1', 'udp', '50']}
    ${'encryption off, no evidence'} | ${spotWithCheckpoints} | ${['-1']}
  `('$name: all traffic, plus UDP 500 and ESP only with encryption', ({ description, protocols }) => {
    const { steps } = buildMultiNodeTraffic(contextFor(description, finding('vpc-multi-node-traffic', 'warn')));
    const [add] = awsInvocations(steps[0]?.code ?? '');
    const permissions = JSON.parse(add?.options.get('--ip-permissions')?.[0] ?? '[]') as Array<{ IpProtocol: string }>;
    expect(permissions.map((p) => p.IpProtocol)).toEqual(protocols);
  });
});
