/**
 * Remediation for `vpc-s3-access`: give the subnets' route tables an S3 gateway endpoint — add
 * them to the VPC's existing endpoint, or create one. Backout removes exactly those route tables,
 * or deletes the endpoint created.
 * @module
 */
import type { Remediation, Snippet } from '../audit/model.js';
import { evidenceFor, type RemediationContext } from './context.js';
import { PLACEHOLDER, awsCommand, snippet, textSnippet } from './snippet.js';

export function buildS3Access(ctx: RemediationContext): Remediation {
  const region = ctx.job.region;
  const evidence = evidenceFor(ctx.finding, 'vpc-s3-access');
  const vpcId = evidence?.vpcId ?? ctx.vpcId ?? PLACEHOLDER.vpc;
  const tables = [...new Set((evidence?.subnetsWithoutPath ?? []).map((s) => s.routeTableId))].sort();
  const subnets = (evidence?.subnetsWithoutPath ?? []).map((s) => `${s.subnetId} (${s.routeTableId})`);
  if (tables.length === 0) {
    // No evidence (an older report, or a finding built elsewhere): the route tables are unknown.
    const create = createEndpointCommand(vpcId, region, ['<route-table-id>']);
    return {
      steps: [snippet('aws-cli', "Create an S3 gateway endpoint for the subnets' route tables (fill in their ids)", create, ['ec2:CreateVpcEndpoint'])],
      backout: [deleteEndpoint(region)],
    };
  }

  const steps: Snippet[] = [
    textSnippet('Before you change routing: who else uses these route tables', [
      `Subnets without an S3 path: ${subnets.join(', ')}.`,
      `The change applies to every workload on ${tables.join(', ')}, not only this job. S3 traffic from them will use the endpoint:`,
      'bucket policies keyed on aws:SourceIp stop matching for that traffic (requests arrive from private addresses), so such a bucket may start denying it. Use aws:SourceVpce or aws:SourceVpc conditions instead.',
      `A gateway endpoint reaches buckets in ${region} only.`,
    ]),
    snippet(
      'aws-cli',
      'List the subnets associated with these route tables (Main = True also serves every subnet without its own table)',
      awsCommand('ec2', 'describe-route-tables', [
        ['--route-table-ids', ...tables],
        ['--region', region],
        ['--query', 'RouteTables[].Associations[].[RouteTableId,SubnetId,Main]'],
        ['--output', 'table'],
      ]),
      ['ec2:DescribeRouteTables'],
    ),
  ];
  const existing = evidence?.existingGatewayEndpointId;
  if (existing) {
    steps.push(
      snippet(
        'aws-cli',
        `Add the route tables to the existing S3 gateway endpoint ${existing}`,
        awsCommand('ec2', 'modify-vpc-endpoint', [
          ['--vpc-endpoint-id', existing],
          ['--add-route-table-ids', ...tables],
          ['--region', region],
        ]),
        ['ec2:ModifyVpcEndpoint'],
      ),
    );
    const backout = snippet(
      'aws-cli',
      `Remove the same route tables from ${existing}`,
      awsCommand('ec2', 'modify-vpc-endpoint', [
        ['--vpc-endpoint-id', existing],
        ['--remove-route-table-ids', ...tables],
        ['--region', region],
      ]),
      ['ec2:ModifyVpcEndpoint'],
    );
    return { steps, backout: [backout] };
  }

  steps.push(
    snippet(
      'aws-cli',
      `Create an S3 gateway endpoint in ${vpcId} for the route tables (prints the endpoint id: keep it for the backout)`,
      createEndpointCommand(vpcId, region, tables),
      ['ec2:CreateVpcEndpoint'],
    ),
  );
  return { steps, backout: [deleteEndpoint(region)] };
}

/** `create-vpc-endpoint` for an S3 gateway endpoint; prints the new id for the backout. */
function createEndpointCommand(vpcId: string, region: string, routeTableIds: string[]): string {
  return awsCommand('ec2', 'create-vpc-endpoint', [
    ['--vpc-id', vpcId],
    ['--vpc-endpoint-type', 'Gateway'],
    ['--service-name', `com.amazonaws.${region}.s3`],
    ['--route-table-ids', ...routeTableIds],
    ['--region', region],
    ['--query', 'VpcEndpoint.VpcEndpointId'],
    ['--output', 'text'],
  ]);
}

function deleteEndpoint(region: string): Snippet {
  return snippet(
    'aws-cli',
    'Delete the S3 gateway endpoint the create step printed',
    awsCommand('ec2', 'delete-vpc-endpoints', [
      ['--vpc-endpoint-ids', PLACEHOLDER.vpcEndpoint],
      ['--region', region],
    ]),
    ['ec2:DeleteVpcEndpoints'],
  );
}
