import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { DescribeTrainingJobCommand, ListTagsCommand, SageMakerClient, SearchCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients } from '../aws/index.js';
import { createAuditService } from './audit-service.js';

const sagemaker = mockClient(SageMakerClient);
const ec2 = mockClient(EC2Client);
const logger = pino({ level: 'silent' });
const ACCOUNT = '123456789012';

const subnetId = (i: number) => `subnet-${(0x10000000 + i).toString(16)}`;
const groupId = (i: number) => `sg-${(0x20000000 + i).toString(16)}`;

/** A Search record as SageMaker returns it (the fields the collectors read). */
function record(i: number) {
  return {
    TrainingJob: {
      TrainingJobName: `job-${i}`,
      TrainingJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/job-${i}`,
      TrainingJobStatus: 'Completed' as const,
      CreationTime: new Date(Date.UTC(2026, 10, 1) - i * 60_000),
      ResourceConfig: { InstanceCount: 1, InstanceType: 'ml.m5.xlarge' as const, VolumeSizeInGB: 30 },
      EnableNetworkIsolation: true,
      VpcConfig: { Subnets: [subnetId(i % 20)], SecurityGroupIds: [groupId(i % 10)] },
      Tags: [],
    },
  };
}

function installFleet(total: number) {
  sagemaker.on(SearchCommand).callsFake((input: { NextToken?: string }) => {
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const end = Math.min(start + 100, total);
    const results = Array.from({ length: end - start }, (_, k) => record(start + k));
    return { Results: results, NextToken: end < total ? String(end) : undefined };
  });
  ec2.on(DescribeSubnetsCommand).callsFake(({ SubnetIds = [] }: { SubnetIds?: string[] }) => ({
    Subnets: SubnetIds.map((id, k) => ({ SubnetId: id, VpcId: 'vpc-0abc', OwnerId: ACCOUNT, CidrBlock: `10.0.${k}.0/24`, AvailableIpAddressCount: 200 })),
  }));
  ec2.on(DescribeRouteTablesCommand).callsFake(({ Filters = [] }: { Filters?: Array<{ Name: string; Values: string[] }> }) => {
    if (Filters.some((f) => f.Name === 'association.subnet-id')) return { RouteTables: [] };
    return {
      RouteTables: [
        {
          RouteTableId: 'rtb-main',
          VpcId: 'vpc-0abc',
          Associations: [{ Main: true, AssociationState: { State: 'associated' } }],
          Routes: [
            { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' },
            { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active' },
          ],
        },
      ],
    };
  });
  ec2.on(DescribeSecurityGroupsCommand).callsFake(({ GroupIds = [] }: { GroupIds?: string[] }) => ({
    SecurityGroups: GroupIds.map((id) => ({
      GroupId: id,
      GroupName: `training-${id}`,
      VpcId: 'vpc-0abc',
      OwnerId: ACCOUNT,
      IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: id }] }],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    })),
  }));
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
  ec2.on(DescribeNatGatewaysCommand).resolves({
    NatGateways: [{ NatGatewayId: 'nat-1', VpcId: 'vpc-0abc', State: 'available', ConnectivityType: 'public' }],
  });
}

function service() {
  const clients = createAwsClients({ region: 'us-east-1', maxAttempts: 1 });
  return createAuditService({ regions: ['us-east-1'], clientsFor: () => clients, logger, now: () => new Date('2026-11-29T10:00:00Z') });
}

beforeEach(() => {
  sagemaker.reset();
  ec2.reset();
});

describe('auditFleet', () => {
  it('audits 10,000 jobs sharing 20 subnets and 10 SGs with ~1 SageMaker call per 100 jobs and a handful of EC2 calls', async () => {
    installFleet(10_000);
    let seen = 0;
    const outcome = await service().auditFleet({}, { onJob: () => void (seen += 1) });

    expect(seen).toBe(10_000);
    expect(outcome.summary).toEqual({ jobs: 10_000, pass: 10_000, fail: 0, unknown: 0 });
    expect(outcome.complete).toBe(true);
    expect(sagemaker.calls().length).toBeLessThanOrEqual(105);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)).toHaveLength(0);
    expect(sagemaker.commandCalls(ListTagsCommand)).toHaveLength(0);
    expect(ec2.calls().length).toBeLessThan(15);
    expect(ec2.commandCalls(DescribeSubnetsCommand)).toHaveLength(1);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)).toHaveLength(1);
  });

  it('keeps EC2 calls independent of the number of jobs', async () => {
    installFleet(1_000);
    await service().auditFleet({});
    const small = ec2.calls().length;
    ec2.resetHistory();
    sagemaker.resetHistory();
    installFleet(5_000);
    await service().auditFleet({});
    expect(ec2.calls().length).toBe(small);
  });

  it('reads Search pages ahead while judging, and judges a page as soon as its ids are all known', async () => {
    installFleet(2_000);
    let searchCallsAtJob1000 = 0;
    const outcome = await service().auditFleet(
      {},
      {
        onJob: async (report) => {
          if (report.name !== 'job-1000') return;
          await new Promise((resolve) => setTimeout(resolve, 30));
          searchCallsAtJob1000 = sagemaker.commandCalls(SearchCommand).length;
        },
      },
    );
    // Job 1000 opens page 11: the first window (10 pages) brought every id, so page 11 is judged
    // alone, with 5 more pages read ahead — not after a second window of 10 pages.
    expect(searchCallsAtJob1000).toBe(16);
    expect(outcome.summary.jobs).toBe(2_000);
    expect(sagemaker.commandCalls(SearchCommand)).toHaveLength(20);
  });

  it('reports a listing that stops early as incomplete, keeping what it judged', async () => {
    installFleet(300);
    sagemaker
      .on(SearchCommand)
      .resolvesOnce({ Results: [record(0), record(1)], NextToken: '2' })
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }));
    const outcome = await service().auditFleet({});
    expect(outcome.complete).toBe(false);
    expect(outcome.summary.jobs).toBe(2);
    expect(outcome.errors).toEqual([expect.objectContaining({ code: 'throttled', operation: 'sagemaker:Search' })]);
  });
});

describe('checkJob', () => {
  it('refuses an invalid name before any AWS call', async () => {
    const outcome = await service().checkJob({ name: 'bad_name!' });
    expect(outcome).toMatchObject({ status: 'invalid' });
    expect(sagemaker.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('reads the network while ListTags is in flight: Describe, then tags and EC2 at once', async () => {
    installFleet(1);
    const { Tags: _tags, ...described } = record(0).TrainingJob;
    sagemaker.on(DescribeTrainingJobCommand).resolves(described);
    let tagsDone = false;
    sagemaker.on(ListTagsCommand).callsFake(
      () =>
        new Promise((resolve) =>
          setTimeout(() => {
            tagsDone = true;
            resolve({ Tags: [{ Key: 'team', Value: 'ml' }] });
          }, 20),
        ),
    );
    const ec2BeforeTags: boolean[] = [];
    ec2.on(DescribeSubnetsCommand).callsFake(({ SubnetIds = [] }: { SubnetIds?: string[] }) => {
      ec2BeforeTags.push(!tagsDone);
      return { Subnets: SubnetIds.map((id) => ({ SubnetId: id, VpcId: 'vpc-0abc', OwnerId: ACCOUNT, CidrBlock: '10.0.0.0/24' })) };
    });

    const outcome = await service().checkJob({ name: 'job-0' });

    expect(ec2BeforeTags).toEqual([true]);
    expect(outcome).toMatchObject({ status: 'ok', report: { verdict: 'pass' }, description: { Tags: [{ Key: 'team', Value: 'ml' }] } });
  });

  it('yields to the event loop before its first AWS call, so requests already waiting are answered first', async () => {
    installFleet(1);
    const { Tags: _tags, ...described } = record(0).TrainingJob;
    sagemaker.on(DescribeTrainingJobCommand).resolves(described);
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });

    const pending = service().checkJob({ name: 'job-0' });
    await Promise.resolve();
    expect(sagemaker.calls()).toHaveLength(0);

    await pending;
    expect(sagemaker.calls()).toHaveLength(2);
  });

  it('turns both not-found shapes into not_found', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(Object.assign(new Error('Requested resource not found.'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }));
    expect(await service().checkJob({ name: 'missing-job' })).toMatchObject({ status: 'not_found', region: 'us-east-1' });
  });

  it('reports access denied as unknown, naming the IAM action — never fail', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));
    const outcome = await service().checkJob({ name: 'train-42' });
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.report.verdict).toBe('unknown');
    expect(outcome.report.findings.every((f) => f.status === 'unknown')).toBe(true);
    expect(outcome.document.errors[0]).toMatchObject({ code: 'access_denied', operation: 'sagemaker:DescribeTrainingJob' });
    expect(outcome.report.findings[0]?.message).toContain('sagemaker:DescribeTrainingJob');
  });
});
