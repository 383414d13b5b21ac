/**
 * Remediation for `vpc-multi-node-traffic`: SageMaker attaches every listed security group to
 * every instance, so one self-referencing all-traffic ingress rule on one of them lets the
 * instances reach each other (plus UDP 500 and ESP when inter-container encryption is on).
 * Backout revokes exactly the permissions added.
 * @module
 */
import type { Remediation } from '../audit/model.js';
import { evidenceFor, type RemediationContext } from './context.js';
import { PLACEHOLDER, awsCommand, compactJson, snippet, textSnippet } from './snippet.js';
import type { IpPermissionJson } from './vpc-security-groups-restricted.js';

const DESCRIPTION = 'sagemaker-training-peers';

/** The self-referencing permissions for what the rule found missing (`all-traffic`, `udp-500`, `esp`). */
export function peerPermissions(groupId: string, missing: readonly string[]): IpPermissionJson[] {
  const pair = [{ GroupId: groupId, Description: DESCRIPTION }];
  const permissions: IpPermissionJson[] = [];
  if (missing.includes('all-traffic')) permissions.push({ IpProtocol: '-1', UserIdGroupPairs: pair });
  if (missing.includes('udp-500')) permissions.push({ IpProtocol: 'udp', FromPort: 500, ToPort: 500, UserIdGroupPairs: pair });
  if (missing.includes('esp')) permissions.push({ IpProtocol: '50', UserIdGroupPairs: pair });
  return permissions;
}

export function buildMultiNodeTraffic(ctx: RemediationContext): Remediation {
  const { job } = ctx;
  const evidence = evidenceFor(ctx.finding, 'vpc-multi-node-traffic');
  const groupId = evidence?.securityGroupIds[0] ?? job.vpcConfig?.securityGroupIds[0] ?? PLACEHOLDER.securityGroup;
  const encryption = evidence?.encryption ?? job.enableInterContainerTrafficEncryption;
  const missing = evidence?.missing.length ? evidence.missing : ['all-traffic', ...(encryption ? ['udp-500', 'esp'] : [])];
  const permissions = compactJson(peerPermissions(groupId, missing));
  const what = missing.join(', ');

  const steps = [
    snippet(
      'aws-cli',
      `Allow the job's instances to reach each other through ${groupId} (${what})`,
      awsCommand('ec2', 'authorize-security-group-ingress', [
        ['--group-id', groupId],
        ['--ip-permissions', permissions],
        ['--region', job.region],
      ]),
      ['ec2:AuthorizeSecurityGroupIngress'],
    ),
    textSnippet('Egress between the instances', [
      `Peers also need egress to each other. A new group allows all egress; if ${groupId} restricts egress, add the same self-reference with authorize-security-group-egress.`,
      'Security group changes reach running instances within seconds, but a job already stuck waiting for its peers may need to be stopped and run again.',
    ]),
  ];
  const backout = [
    snippet(
      'aws-cli',
      `Revoke exactly the permissions added to ${groupId}`,
      awsCommand('ec2', 'revoke-security-group-ingress', [
        ['--group-id', groupId],
        ['--ip-permissions', permissions],
        ['--region', job.region],
      ]),
      ['ec2:RevokeSecurityGroupIngress'],
    ),
  ];
  return { steps, backout };
}
