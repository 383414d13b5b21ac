/**
 * End to end over real HTTP: a tiny server on 127.0.0.1 speaks awsJson1_1 (SageMaker) and ec2Query
 * (EC2), and `AWS_ENDPOINT_URL_SAGEMAKER` / `AWS_ENDPOINT_URL_EC2` point the SDK at it. This proves
 * `createAwsClients` leaves endpoint resolution to the SDK and the collectors work unchanged.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JobInput } from '../audit/model.js';
import { createAwsClients } from './clients.js';
import { createNetworkCollector } from './collectors/network.js';
import { describeTrainingJob, streamTrainingJobs } from './collectors/training-jobs.js';

const ENV_KEYS = [
  'AWS_ENDPOINT_URL_SAGEMAKER',
  'AWS_ENDPOINT_URL_EC2',
  'AWS_ENDPOINT_URL',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
] as const;

const account = '111122223333';
const jobArn = `arn:aws:sagemaker:us-east-1:${account}:training-job/job-a`;
const jobJson = {
  TrainingJobName: 'job-a',
  TrainingJobArn: jobArn,
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  CreationTime: 1700000000.123,
  AlgorithmSpecification: { TrainingImage: 'img', TrainingInputMode: 'File' },
  RoleArn: `arn:aws:iam::${account}:role/sm`,
  OutputDataConfig: { S3OutputPath: 's3://bucket/out' },
  ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2, VolumeSizeInGB: 10 },
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  ModelArtifacts: { S3ModelArtifacts: 's3://bucket/out/model.tar.gz' },
  VpcConfig: { SecurityGroupIds: ['sg-0123456789abcdef0'], Subnets: ['subnet-0123456789abcdef0'] },
};

const xmlns = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const ec2Bodies: Record<string, (form: URLSearchParams) => string> = {
  DescribeSubnets: () =>
    `<subnetSet><item><subnetId>subnet-0123456789abcdef0</subnetId><vpcId>vpc-0a1b2c3d</vpcId><ownerId>${account}</ownerId><cidrBlock>10.0.1.0/24</cidrBlock><availableIpAddressCount>250</availableIpAddressCount><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch><state>available</state></item></subnetSet>`,
  DescribeRouteTables: (form) =>
    form.get('Filter.1.Name') === 'association.subnet-id'
      ? '<routeTableSet/>'
      : `<routeTableSet><item><routeTableId>rtb-main</routeTableId><vpcId>vpc-0a1b2c3d</vpcId><routeSet><item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId><state>active</state></item><item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><natGatewayId>nat-1</natGatewayId><state>active</state></item></routeSet><associationSet><item><routeTableAssociationId>rtbassoc-0</routeTableAssociationId><routeTableId>rtb-main</routeTableId><main>true</main><associationState><state>associated</state></associationState></item></associationSet></item></routeTableSet>`,
  DescribeSecurityGroups: () =>
    `<securityGroupInfo><item><ownerId>${account}</ownerId><groupId>sg-0123456789abcdef0</groupId><groupName>training</groupName><groupDescription>training</groupDescription><vpcId>vpc-0a1b2c3d</vpcId><ipPermissions><item><ipProtocol>-1</ipProtocol><groups><item><groupId>sg-0123456789abcdef0</groupId><userId>${account}</userId></item></groups><ipRanges/><ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress/></item></securityGroupInfo>`,
  DescribeVpcEndpoints: () =>
    '<vpcEndpointSet><item><vpcEndpointId>vpce-s3</vpcEndpointId><vpcEndpointType>Gateway</vpcEndpointType><vpcId>vpc-0a1b2c3d</vpcId><serviceName>com.amazonaws.us-east-1.s3</serviceName><state>available</state><routeTableIdSet><item>rtb-main</item></routeTableIdSet></item></vpcEndpointSet>',
  DescribeNatGateways: () =>
    '<natGatewaySet><item><natGatewayId>nat-1</natGatewayId><vpcId>vpc-0a1b2c3d</vpcId><subnetId>subnet-pub</subnetId><state>available</state><connectivityType>public</connectivityType></item></natGatewaySet>',
};

interface Seen {
  target: string | undefined;
  authorization: string | undefined;
  body: string;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' }).end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse, seen: Seen[]): Promise<void> {
  const body = await text(req);
  const target = req.headers['x-amz-target'];
  seen.push({ target: typeof target === 'string' ? target : undefined, authorization: req.headers.authorization, body });
  if (target === 'SageMaker.DescribeTrainingJob') {
    const { TrainingJobName } = JSON.parse(body) as { TrainingJobName: string };
    if (TrainingJobName === 'slow') return; // never answers: the request timeout must fire
    if (TrainingJobName !== 'job-a') return sendJson(res, 400, { __type: 'ValidationException', message: 'Requested resource not found.' });
    return sendJson(res, 200, jobJson);
  }
  if (target === 'SageMaker.Search') return sendJson(res, 200, { Results: [{ TrainingJob: { ...jobJson, Tags: [{ Key: 'team', Value: 'ml' }] } }] });
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? '';
  const build = ec2Bodies[action];
  if (build === undefined) return void res.writeHead(400).end(`<Response><Errors><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></Errors><RequestID>r</RequestID></Response>`);
  res.writeHead(200, { 'content-type': 'text/xml' }).end(`<${action}Response xmlns="${xmlns}"><requestId>req-1</requestId>${build(form)}</${action}Response>`);
}

describe('createAwsClients over HTTP with AWS_ENDPOINT_URL_*', () => {
  const saved = new Map<string, string | undefined>();
  const seen: Seen[] = [];
  let server: Server;

  beforeAll(async () => {
    server = createServer((req, res) => void handle(req, res, seen));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (const key of ENV_KEYS) saved.set(key, process.env[key]);
    for (const key of ENV_KEYS) delete process.env[key];
    process.env.AWS_ENDPOINT_URL_SAGEMAKER = `http://127.0.0.1:${port}`;
    process.env.AWS_ENDPOINT_URL_EC2 = `http://127.0.0.1:${port}`;
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'dummy-secret';
  });

  afterAll(async () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('describes a job through the SageMaker endpoint override, signed with the env credentials', async () => {
    const clients = createAwsClients({ region: 'us-east-1' });

    const result = await describeTrainingJob(clients, 'job-a');

    expect(result).toMatchObject({
      ok: true,
      job: { name: 'job-a', account, instanceCount: 2, creationTime: '2023-11-14T22:13:20.123Z', vpcConfig: { subnets: ['subnet-0123456789abcdef0'] } },
    });
    const request = seen.find((entry) => entry.target === 'SageMaker.DescribeTrainingJob');
    expect(JSON.parse(request?.body ?? '{}')).toEqual({ TrainingJobName: 'job-a' });
    expect(request?.authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/sagemaker\/aws4_request/);
  });

  it('maps the wire not-found shape to not_found', async () => {
    const result = await describeTrainingJob(createAwsClients({ region: 'us-east-1', maxAttempts: 1 }), 'missing');

    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', operation: 'sagemaker:DescribeTrainingJob', resource: 'missing' } });
  });

  it('streams Search records', async () => {
    const pages: JobInput[][] = [];
    for await (const page of streamTrainingJobs(createAwsClients({ region: 'us-east-1' }), {})) pages.push(page);

    expect(pages).toHaveLength(1);
    expect(pages[0]?.[0]).toMatchObject({ ok: true, job: { name: 'job-a', tags: [{ key: 'team', value: 'ml' }] } });
  });

  it('loads the network through the EC2 endpoint override', async () => {
    const network = createNetworkCollector(createAwsClients({ region: 'us-east-1' }));

    await network.load({ subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] });

    const snapshot = network.snapshot();
    expect(snapshot.subnets['subnet-0123456789abcdef0']).toMatchObject({ ok: true, value: { vpcId: 'vpc-0a1b2c3d', availableIpAddressCount: 250 } });
    expect(snapshot.explicitRouteTableBySubnet['subnet-0123456789abcdef0']).toEqual({ ok: true, value: null });
    expect(snapshot.mainRouteTableByVpc['vpc-0a1b2c3d']).toEqual({ ok: true, value: 'rtb-main' });
    expect(snapshot.routeTables['rtb-main']?.routes.map((route) => route.target)).toEqual(['local', 'nat-1']);
    expect(snapshot.securityGroups['sg-0123456789abcdef0']).toMatchObject({
      ok: true,
      value: { name: 'training', ingress: [{ protocol: '-1', groupPairs: [{ groupId: 'sg-0123456789abcdef0', userId: account }] }] },
    });
    expect(snapshot.vpcEndpointsByVpc['vpc-0a1b2c3d']).toMatchObject({ ok: true, value: [{ id: 'vpce-s3', routeTableIds: ['rtb-main'] }] });
    expect(snapshot.natGatewaysByVpc['vpc-0a1b2c3d']).toMatchObject({ ok: true, value: [{ id: 'nat-1', connectivityType: 'public' }] });
    const subnetsCall = seen.map((entry) => new URLSearchParams(entry.body)).find((form) => form.get('Action') === 'DescribeSubnets');
    expect(subnetsCall?.get('SubnetId.1')).toBe('subnet-0123456789abcdef0');
    expect(subnetsCall?.has('MaxResults')).toBe(false);
    const natCall = seen.map((entry) => new URLSearchParams(entry.body)).find((form) => form.get('Action') === 'DescribeNatGateways');
    expect(natCall?.get('Filter.1.Name')).toBe('vpc-id');
  });

  it('gives up after requestTimeoutMs and reports a timeout', async () => {
    const clients = createAwsClients({ region: 'us-east-1', maxAttempts: 1, requestTimeoutMs: 300 });
    const started = performance.now();

    const result = await describeTrainingJob(clients, 'slow');

    expect(result).toMatchObject({ ok: false, error: { code: 'timeout', operation: 'sagemaker:DescribeTrainingJob' } });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
