/**
 * Remediation for `vpc-security-groups-restricted`: see who else uses the group, move training to
 * a dedicated security group (the safe default), then revoke open entries one at a time. Each
 * revoke's backout is the matching authorize with the identical permission, original description
 * included.
 * @module
 */
import type { OpenIngressRule, Remediation, Snippet } from '../audit/model.js';
import { evidenceFor, type RemediationContext } from './context.js';
import { launcherSnippets, vpcLauncherArgs } from './launcher.js';
import { PLACEHOLDER, awsCommand, compactJson, shellVar, snippet } from './snippet.js';

/** One `IpPermission` as EC2's `--ip-permissions` takes it. */
export interface IpPermissionJson {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: Array<{ CidrIp: string; Description?: string }>;
  Ipv6Ranges?: Array<{ CidrIpv6: string; Description?: string }>;
  UserIdGroupPairs?: Array<{ GroupId: string; Description?: string }>;
}

/** Exactly one open entry (protocol, ports, the single CIDR), carrying its description. */
function permissionFor(rule: OpenIngressRule): IpPermissionJson {
  const permission: IpPermissionJson = { IpProtocol: rule.protocol };
  if (rule.fromPort !== undefined) permission.FromPort = rule.fromPort;
  if (rule.toPort !== undefined) permission.ToPort = rule.toPort;
  const description = rule.description === undefined ? {} : { Description: rule.description };
  if (rule.family === 'ipv6') permission.Ipv6Ranges = [{ CidrIpv6: rule.cidr, ...description }];
  else permission.IpRanges = [{ CidrIp: rule.cidr, ...description }];
  return permission;
}

/**
 * The permission `revoke-security-group-ingress` removes. EC2 matches on protocol, ports and
 * source; the description is carried so revoke and authorize are the same JSON.
 */
export function revokePermissionFor(rule: OpenIngressRule): IpPermissionJson {
  return permissionFor(rule);
}

/** The permission that restores the entry, with its original description. */
export function authorizePermissionFor(rule: OpenIngressRule): IpPermissionJson {
  return permissionFor(rule);
}

function ports(rule: OpenIngressRule): string {
  if (rule.protocol === '-1') return 'all traffic';
  if (rule.fromPort === undefined) return rule.protocol;
  // For ICMP the "ports" are the type and code; -1 means any.
  if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6') {
    return `${rule.protocol} type ${rule.fromPort === -1 ? 'any' : rule.fromPort} code ${rule.toPort === undefined || rule.toPort === -1 ? 'any' : rule.toPort}`;
  }
  return rule.fromPort === rule.toPort ? `${rule.protocol} ${rule.fromPort}` : `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
}

const TRAINING_SG_NAME = 'sagemaker-training';
/** Shorthand `--ip-permissions` items (JSON cannot carry the `$SG_ID` set by the same script). */
const SELF_ALL_TRAFFIC = 'IpProtocol=-1,UserIdGroupPairs=[{GroupId=$SG_ID,Description=sagemaker-training-peers}]';
const HTTPS_OUT = 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0,Description=https-to-aws-services}]';

function dedicatedGroupScript(vpcId: string, region: string): string {
  const sg = shellVar('SG_ID');
  return [
    'SG_ID=$(' +
      awsCommand('ec2', 'create-security-group', [
        ['--group-name', TRAINING_SG_NAME],
        ['--description', 'SageMaker training: peers only inbound, HTTPS outbound'],
        ['--vpc-id', vpcId],
        ['--region', region],
        ['--query', 'GroupId'],
        ['--output', 'text'],
      ]) +
      ')',
    "# Inbound: only the job's own instances (all traffic, for distributed training).",
    awsCommand('ec2', 'authorize-security-group-ingress', [
      ['--group-id', sg],
      ['--ip-permissions', { expanded: SELF_ALL_TRAFFIC }],
      ['--region', region],
    ]),
    '# Outbound: the peers, and HTTPS to S3, ECR and CloudWatch (through endpoints or NAT).',
    awsCommand('ec2', 'authorize-security-group-egress', [
      ['--group-id', sg],
      ['--ip-permissions', { expanded: SELF_ALL_TRAFFIC }, HTTPS_OUT],
      ['--region', region],
    ]),
    '# Remove the default allow-all IPv4 egress. Add egress for FSx for Lustre (988, 1018-1023) or EFS (2049) if the job reads from them.',
    awsCommand('ec2', 'revoke-security-group-egress', [
      ['--group-id', sg],
      ['--ip-permissions', compactJson([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }])],
      ['--region', region],
    ]),
    'echo "$SG_ID"  # use it in the launcher',
  ].join('\n');
}

export function buildSecurityGroupsRestricted(ctx: RemediationContext): Remediation {
  const { job } = ctx;
  const region = job.region;
  const open = evidenceFor(ctx.finding, 'vpc-security-groups-restricted')?.openIngress ?? [];
  const groups = [...new Set(open.length ? open.map((r) => r.groupId) : (job.vpcConfig?.securityGroupIds ?? []))];
  const steps: Snippet[] = [];
  const backout: Snippet[] = [];

  for (const group of groups) {
    const code = awsCommand('ec2', 'describe-network-interfaces', [
      ['--filters', `Name=group-id,Values=${group}`],
      ['--region', region],
      ['--query', 'NetworkInterfaces[].[NetworkInterfaceId,InterfaceType,RequesterId,Description]'],
      ['--output', 'table'],
    ]);
    steps.push(snippet('aws-cli', `First see who else uses ${group}: revoking affects all of them`, code, ['ec2:DescribeNetworkInterfaces']));
  }

  const vpcId = ctx.vpcId ?? PLACEHOLDER.vpc;
  steps.push(
    snippet('aws-cli', `Safe default: a dedicated training security group in ${vpcId}`, dedicatedGroupScript(vpcId, region), [
      'ec2:CreateSecurityGroup',
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:AuthorizeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupEgress',
    ]),
  );
  const subnets = job.vpcConfig?.subnets.length ? job.vpcConfig.subnets : [PLACEHOLDER.privateSubnet];
  steps.push(...launcherSnippets(job, 'the dedicated training security group', vpcLauncherArgs({ Subnets: subnets, SecurityGroupIds: [PLACEHOLDER.trainingSecurityGroup] })));

  for (const rule of open) {
    const label = `${rule.cidr} ${ports(rule)} on ${rule.groupId}`;
    steps.push(
      snippet(
        'aws-cli',
        `Revoke one open entry: ${label}`,
        awsCommand('ec2', 'revoke-security-group-ingress', [
          ['--group-id', rule.groupId],
          ['--ip-permissions', compactJson([revokePermissionFor(rule)])],
          ['--region', region],
        ]),
        ['ec2:RevokeSecurityGroupIngress'],
      ),
    );
    backout.unshift(
      snippet(
        'aws-cli',
        `Restore the entry: ${label}`,
        awsCommand('ec2', 'authorize-security-group-ingress', [
          ['--group-id', rule.groupId],
          ['--ip-permissions', compactJson([authorizePermissionFor(rule)])],
          ['--region', region],
        ]),
        ['ec2:AuthorizeSecurityGroupIngress'],
      ),
    );
  }
  if (open.length === 0) {
    // No entry list in the evidence: show the groups so each public entry can be revoked by hand.
    steps.push(
      snippet(
        'aws-cli',
        'List the ingress rules, then revoke each public source entry one at a time',
        awsCommand('ec2', 'describe-security-groups', [
          ['--group-ids', ...(groups.length ? groups : [PLACEHOLDER.securityGroup])],
          ['--region', region],
          ['--query', 'SecurityGroups[].IpPermissions'],
        ]),
        ['ec2:DescribeSecurityGroups'],
      ),
    );
  }
  backout.push(
    snippet(
      'aws-cli',
      'Delete the dedicated training security group (after no launcher uses it)',
      awsCommand('ec2', 'delete-security-group', [
        ['--group-id', PLACEHOLDER.trainingSecurityGroup],
        ['--region', region],
      ]),
      ['ec2:DeleteSecurityGroup'],
    ),
  );
  return { steps, backout };
}
