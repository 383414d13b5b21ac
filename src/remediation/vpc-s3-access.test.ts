import { describe, expect, it } from 'vitest';

import { awsInvocations } from './testing/aws-cli.js';
import { contextFor, finding } from './testing/builders.js';
import { warmPool } from './testing/described-jobs.js';
import { buildS3Access } from './vpc-s3-access.js';

const withoutPath = [
  { subnetId: 'subnet-0private000000003', routeTableId: 'rtb-0b' },
  { subnetId: 'subnet-0private000000004', routeTableId: 'rtb-0a' },
  { subnetId: 'subnet-0private000000005', routeTableId: 'rtb-0b' },
];

function remediation(existingGatewayEndpointId?: string) {
  const evidence = { rule: 'vpc-s3-access' as const, vpcId: 'vpc-0abc', subnetsWithoutPath: withoutPath, ...(existingGatewayEndpointId ? { existingGatewayEndpointId } : {}) };
  return buildS3Access(contextFor(warmPool, finding('vpc-s3-access', 'warn', evidence)));
}

describe('vpc-s3-access remediation', () => {
  it('warns about aws:SourceIp bucket policies for every workload on the route tables, before any change', () => {
    const [warning, list] = remediation().steps;
    expect(warning?.kind).toBe('text');
    expect(warning?.code).toContain('every workload on rtb-0a, rtb-0b');
    expect(warning?.code).toContain('aws:SourceIp stop matching');
    expect(awsInvocations(list?.code ?? '')[0]?.options.get('--route-table-ids')).toEqual(['rtb-0a', 'rtb-0b']);
  });

  it('adds the route tables to an existing S3 gateway endpoint; backout removes exactly those', () => {
    const { steps, backout } = remediation('vpce-0s3gateway');
    const [add] = awsInvocations(steps.at(-1)?.code ?? '');
    const [remove] = awsInvocations(backout[0]?.code ?? '');
    expect(add?.key).toBe('ec2 modify-vpc-endpoint');
    expect(add?.options.get('--vpc-endpoint-id')).toEqual(['vpce-0s3gateway']);
    expect(add?.options.get('--add-route-table-ids')).toEqual(['rtb-0a', 'rtb-0b']);
    expect(remove?.key).toBe('ec2 modify-vpc-endpoint');
    expect(remove?.options.get('--remove-route-table-ids')).toEqual(add?.options.get('--add-route-table-ids'));
    expect(backout).toHaveLength(1);
  });

  it('otherwise creates a Gateway endpoint for S3 in the region and prints its id; backout deletes that endpoint', () => {
    const { steps, backout } = remediation();
    const [create] = awsInvocations(steps.at(-1)?.code ?? '');
    expect(create?.key).toBe('ec2 create-vpc-endpoint');
    expect(Object.fromEntries(create?.options ?? [])).toEqual({
      '--vpc-id': ['vpc-0abc'],
      '--vpc-endpoint-type': ['Gateway'],
      '--service-name': ['com.amazonaws.us-east-1.s3'],
      '--route-table-ids': ['rtb-0a', 'rtb-0b'],
      '--region': ['us-east-1'],
      '--query': ['VpcEndpoint.VpcEndpointId'],
      '--output': ['text'],
    });
    const [remove] = awsInvocations(backout[0]?.code ?? '');
    expect(remove?.key).toBe('ec2 delete-vpc-endpoints');
    expect(remove?.options.get('--vpc-endpoint-ids')).toEqual(['<vpc-endpoint-id-printed-by-the-create-step>']);
  });

  it('without evidence, asks for the route table ids rather than inventing them', () => {
    const { steps } = buildS3Access(contextFor(warmPool, finding('vpc-s3-access', 'warn'), { vpcId: 'vpc-0abc' }));
    expect(awsInvocations(steps[0]?.code ?? '')[0]?.options.get('--route-table-ids')).toEqual(['<route-table-id>']);
  });
});
