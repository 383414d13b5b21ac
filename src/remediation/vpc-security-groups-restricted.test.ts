import { describe, expect, it } from 'vitest';

import type { OpenIngressRule } from '../audit/model.js';
import { awsInvocations } from './testing/aws-cli.js';
import { contextFor, finding } from './testing/builders.js';
import { instanceGroups } from './testing/described-jobs.js';
import { authorizePermissionFor, buildSecurityGroupsRestricted, revokePermissionFor } from './vpc-security-groups-restricted.js';

const SG = 'sg-0aa11bb22cc33dd44';
const ssh: OpenIngressRule = { groupId: SG, groupName: 'ml-default', protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '0.0.0.0/0', family: 'ipv4', description: "it's SSH $HOME `x`" };
const allV6: OpenIngressRule = { groupId: SG, protocol: '-1', cidr: '::/0', family: 'ipv6' };
const icmp: OpenIngressRule = { groupId: SG, protocol: 'icmp', fromPort: 8, toPort: -1, cidr: '11.0.0.0/8', family: 'ipv4', description: 'ping' };
const udpRange: OpenIngressRule = { groupId: 'sg-0other', protocol: 'udp', fromPort: 60000, toPort: 61000, cidr: '0.0.0.0/0', family: 'ipv4' };

describe('revokePermissionFor / authorizePermissionFor', () => {
  it.each`
    rule        | permission
    ${ssh}      | ${{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: "it's SSH $HOME `x`" }] }}
    ${allV6}    | ${{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }}
    ${icmp}     | ${{ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '11.0.0.0/8', Description: 'ping' }] }}
    ${udpRange} | ${{ IpProtocol: 'udp', FromPort: 60000, ToPort: 61000, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }}
  `('$rule.cidr $rule.protocol: exactly one entry', ({ rule, permission }) => {
    expect(revokePermissionFor(rule)).toEqual(permission);
  });

  it.each([ssh, allV6, icmp, udpRange])('authorize is the exact inverse of revoke: the same JSON (%#)', (rule) => {
    expect(JSON.stringify(authorizePermissionFor(rule))).toBe(JSON.stringify(revokePermissionFor(rule)));
  });
});

describe('vpc-security-groups-restricted remediation', () => {
  const f = finding('vpc-security-groups-restricted', 'fail', { rule: 'vpc-security-groups-restricted', openIngress: [ssh, allV6, udpRange] });

  it('labels ICMP entries by type and code', () => {
    const only = finding('vpc-security-groups-restricted', 'fail', { rule: 'vpc-security-groups-restricted', openIngress: [icmp] });
    expect(buildSecurityGroupsRestricted(contextFor(instanceGroups, only)).steps.at(-1)?.title).toBe(`Revoke one open entry: 11.0.0.0/8 icmp type 8 code any on ${SG}`);
  });
  const { steps, backout } = buildSecurityGroupsRestricted(contextFor(instanceGroups, f, { vpcId: 'vpc-0abc' }));

  it('first shows who else uses each group, then the dedicated group, then revokes one entry at a time', () => {
    expect(steps.map((s) => s.title)).toEqual([
      `First see who else uses ${SG}: revoking affects all of them`,
      'First see who else uses sg-0other: revoking affects all of them',
      'Safe default: a dedicated training security group in vpc-0abc',
      'Launch with the dedicated training security group (SageMaker Python SDK)',
      'Launch with the dedicated training security group (boto3)',
      `Revoke one open entry: 0.0.0.0/0 tcp 22 on ${SG}`,
      `Revoke one open entry: ::/0 all traffic on ${SG}`,
      'Revoke one open entry: 0.0.0.0/0 udp 60000-61000 on sg-0other',
    ]);
    expect(awsInvocations(steps[0]?.code ?? '')[0]?.options.get('--filters')).toEqual([`Name=group-id,Values=${SG}`]);
  });

  it('revokes with the exact --ip-permissions JSON, quoted safely', () => {
    const [call] = awsInvocations(steps[5]?.code ?? '');
    expect(call?.key).toBe('ec2 revoke-security-group-ingress');
    expect(call?.options.get('--group-id')).toEqual([SG]);
    expect(JSON.parse(call?.options.get('--ip-permissions')?.[0] ?? '')).toEqual([revokePermissionFor(ssh)]);
  });

  it('backs out each revoke with the matching authorize carrying the original description, last revoke first', () => {
    expect(backout.map((s) => s.title)).toEqual([
      'Restore the entry: 0.0.0.0/0 udp 60000-61000 on sg-0other',
      `Restore the entry: ::/0 all traffic on ${SG}`,
      `Restore the entry: 0.0.0.0/0 tcp 22 on ${SG}`,
      'Delete the dedicated training security group (after no launcher uses it)',
    ]);
    for (const [index, rule] of [udpRange, allV6, ssh].entries()) {
      const [call] = awsInvocations(backout[index]?.code ?? '');
      expect(call?.key).toBe('ec2 authorize-security-group-ingress');
      expect(JSON.parse(call?.options.get('--ip-permissions')?.[0] ?? '')).toEqual([authorizePermissionFor(rule)]);
    }
    expect(backout[2]?.code).toContain(`"Description":"it'\\''s SSH $HOME \`x\`"`);
  });

  it('the dedicated group gets a self-referencing all-traffic ingress and peers + HTTPS egress', () => {
    const script = steps[2]?.code ?? '';
    const calls = awsInvocations(script);
    expect(calls.map((c) => c.key)).toEqual([
      'ec2 create-security-group',
      'ec2 authorize-security-group-ingress',
      'ec2 authorize-security-group-egress',
      'ec2 revoke-security-group-egress',
    ]);
    expect(calls[0]?.options.get('--vpc-id')).toEqual(['vpc-0abc']);
    expect(calls[1]?.options.get('--ip-permissions')).toEqual(['IpProtocol=-1,UserIdGroupPairs=[{GroupId=$SG_ID,Description=sagemaker-training-peers}]']);
    expect(calls[1]?.options.get('--group-id')).toEqual(['$SG_ID']);
    expect(script).toContain('--group-id "$SG_ID"');
  });

  it('the launcher keeps the job subnets and names the new group as a placeholder', () => {
    expect(steps[3]?.code).toContain('subnets=["subnet-0public1a2b3c4d5e", "subnet-0public6f7a8b9c0d"],\n    security_group_ids=["<training-sg-id>"],');
  });

  it('without an entry list, lists the rules of the attached groups instead of guessing', () => {
    const bare = buildSecurityGroupsRestricted(contextFor(instanceGroups, finding('vpc-security-groups-restricted', 'fail')));
    const last = bare.steps.at(-1);
    expect(awsInvocations(last?.code ?? '')[0]?.options.get('--group-ids')).toEqual([SG]);
    expect(bare.backout.map((s) => s.title)).toEqual(['Delete the dedicated training security group (after no launcher uses it)']);
  });
});
