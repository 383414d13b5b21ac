/**
 * `vpc-s3-access` (advisory, medium): every subnet of the job has a path to S3 — an S3 gateway
 * endpoint on its effective route table, a default route that may reach S3, or an S3 interface
 * endpoint in the VPC. Without one, the job cannot download its data or upload its model. For a
 * Completed job the finding is `info`: it did reach S3 when it ran.
 * Compliance: CIS Controls v8 3.4, 6.7, 6.8, 14.6; SOC 2; HIPAA; Profile Level 1.
 * @module
 */
import type { Finding, NetworkSnapshot, Rule, RuleContext, TrainingJobSnapshot } from '../../model.js';
import { existingS3GatewayEndpointId, s3PathForSubnet, type SubnetS3Path } from '../../network/s3-path.js';
import {
  COMPLIANCE,
  JOB_PERMISSIONS,
  REFERENCES,
  VPC_PROBLEM_TEXT,
  count,
  groupByDescription,
  joinReasons,
  listNames,
  makeFinding,
  unique,
  vpcIdsOf,
} from '../rule-support.js';

type Found = Extract<SubnetS3Path, { status: 'path' }>;
type Missing = Extract<SubnetS3Path, { status: 'none' }>;
type Unknown = Extract<SubnetS3Path, { status: 'unknown' }>;

export const vpcS3Access = {
  id: 'vpc-s3-access',
  title: 'Training job subnets have a path to Amazon S3',
  severity: 'medium',
  kind: 'advisory',
  rationale:
    'Inside a VPC a training job reaches S3 only through an S3 gateway endpoint, an S3 interface endpoint or a route ' +
    'out (NAT, transit gateway, firewall). Without one it cannot read its data or write its model. A gateway endpoint ' +
    'also keeps that traffic off the internet.',
  references: [REFERENCES.trainVpc, REFERENCES.describeRouteTables],
  compliance: [...COMPLIANCE],
  permissions: [
    ...JOB_PERMISSIONS,
    'ec2:DescribeSubnets',
    'ec2:DescribeRouteTables',
    'ec2:DescribeVpcEndpoints',
    'ec2:DescribeNatGateways',
  ],
  evaluate(job: TrainingJobSnapshot, network: NetworkSnapshot, _ctx: RuleContext): Finding {
    const subnetIds = unique(job.vpcConfig?.subnets ?? []);
    if (!job.vpcConfig) return makeFinding(vpcS3Access, 'skip', `skipped: ${VPC_PROBLEM_TEXT.missing}`);
    if (subnetIds.length === 0) return makeFinding(vpcS3Access, 'skip', `skipped: ${VPC_PROBLEM_TEXT['no-subnets']}`);

    const results = subnetIds.map((id) => s3PathForSubnet(id, network, job.region));
    const found = results.filter((r): r is Found => r.status === 'path');
    const missing = results.filter((r): r is Missing => r.status === 'none');
    const unknown = results.filter((r): r is Unknown => r.status === 'unknown');
    const vpcId = missing[0]?.vpcId ?? vpcIdsOf(job, network)[0];
    const gatewayId = vpcId === undefined ? undefined : existingS3GatewayEndpointId(vpcId, network, job.region);
    const evidence =
      vpcId === undefined
        ? undefined
        : {
            rule: 'vpc-s3-access' as const,
            vpcId,
            subnetsWithoutPath: missing.map((r) => ({ subnetId: r.subnetId, routeTableId: r.routeTableId })),
            ...(gatewayId ? { existingGatewayEndpointId: gatewayId } : {}),
          };

    // A Completed job did reach S3 when it ran: what is missing now is worth knowing, not urgent.
    const completed = job.status === 'Completed';
    const severity = completed ? 'info' : vpcS3Access.severity;
    if (missing.length > 0) {
      const [only] = missing;
      const message =
        missing.length === 1 && only
          ? `no S3 path found for ${only.subnetId}: ${only.description}`
          : `no S3 path found for ${missing.length} of ${count(subnetIds.length, 'subnet')}: ` +
            groupByDescription(missing)
              .map((group) => `for ${listNames(group.subnets)}, ${group.description}`)
              .join('; ');
      const notes = [
        ...(completed ? [`${job.name} completed, so it did reach S3 when it ran; the network is judged as of ${network.asOf}`] : []),
        ...(gatewayId ? [`${vpcId} already has the S3 gateway endpoint ${gatewayId}; add these route tables to it`] : []),
        ...unknown.map((r) => r.reason),
      ];
      return makeFinding(vpcS3Access, 'warn', message, {
        severity,
        resources: [...missing.flatMap((r) => [r.subnetId, r.routeTableId]), ...(gatewayId ? [gatewayId] : [])],
        notes,
        evidence,
      });
    }
    if (unknown.length > 0) {
      const lead = unknown.length === subnetIds.length ? '' : `${unknown.length} of ${count(subnetIds.length, 'subnet')} could not be judged: `;
      return makeFinding(vpcS3Access, 'unknown', lead + joinReasons(unknown.map((r) => r.reason)), {
        severity,
        resources: unknown.flatMap((r) => r.resources),
        evidence,
      });
    }
    return makeFinding(vpcS3Access, 'pass', describeFound(found), {
      resources: found.flatMap((r) => [r.subnetId, r.routeTableId]),
      evidence,
    });
  },
} satisfies Rule;

/** `subnet-1 and subnet-2 have an S3 path: S3 gateway endpoint vpce-s3 on route table rtb-1`, grouped by path. */
function describeFound(found: Found[]): string {
  const parts = groupByDescription(found);
  const [only] = parts;
  if (parts.length === 1 && only) {
    return `${listNames(only.subnets)} ${only.subnets.length === 1 ? 'has' : 'have'} an S3 path: ${only.description}`;
  }
  return `every subnet has an S3 path: ${parts.map((p) => `${listNames(p.subnets)} through ${p.description}`).join('; ')}`;
}
