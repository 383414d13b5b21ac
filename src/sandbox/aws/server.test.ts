// The HTTP endpoint's knobs through the real SDK: auth, regions, throttling, faults, latency, counters, close.
import { DescribeRouteTablesCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeTrainingJobCommand, SageMakerClient, SearchCommand } from '@aws-sdk/client-sagemaker';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxClientConfig } from './client-config.js';
import { createSandboxWorld } from './scenarios.js';
import { startSandboxAccount } from './sandbox-account.js';
import { startSandboxAws, type SandboxAws, type SandboxAwsOptions } from './server.js';

const world = createSandboxWorld({ now: new Date('2026-11-29T10:00:00Z') });
const started: SandboxAws[] = [];
const clients: Array<{ destroy(): void }> = [];

async function start(options: Partial<SandboxAwsOptions> = {}): Promise<{ aws: SandboxAws; sm: SageMakerClient; ec2: EC2Client }> {
  const aws = await startSandboxAws({ world, ...options });
  started.push(aws);
  const sm = new SageMakerClient(sandboxClientConfig(aws.url, 'us-east-1'));
  const ec2 = new EC2Client(sandboxClientConfig(aws.url, 'us-east-1'));
  clients.push(sm, ec2);
  return { aws, sm, ec2 };
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(started.splice(0).map((aws) => aws.close()));
});

const describeJob = (name = 'churn-xgb-private') => new DescribeTrainingJobCommand({ TrainingJobName: name });

describe('requests', () => {
  it('listens on 127.0.0.1 with a free port', async () => {
    const { aws } = await start();
    expect(aws.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(aws.port).toBeGreaterThan(0);
  });

  it('starts the whole seeded account in one call', async () => {
    const account = await startSandboxAccount({ latencyMs: 0 });
    started.push(account.aws);
    expect(account.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(account.url).toBe(account.aws.url);
    expect(account.world.jobs('us-east-1').indexOf('churn-xgb-private')).toBeDefined();
  });

  it('takes the region from the SigV4 credential scope', async () => {
    const { aws } = await start();
    const eu = new SageMakerClient(sandboxClientConfig(aws.url, 'eu-west-1'));
    clients.push(eu);
    const out = await eu.send(new SearchCommand({ Resource: 'TrainingJob' }));
    expect(out.Results?.map((r) => r.TrainingJob?.TrainingJobName)).toEqual(['eu-churn-xgb-private']);
    await expect(eu.send(describeJob())).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses unsigned requests with 403 MissingAuthenticationToken, in each protocol', async () => {
    const { aws, sm } = await start();
    const unsigned = { signer: { sign: async (request: unknown) => request } as never };
    const smUnsigned = new SageMakerClient({ ...sandboxClientConfig(aws.url), ...unsigned });
    const ec2Unsigned = new EC2Client({ ...sandboxClientConfig(aws.url), ...unsigned });
    clients.push(smUnsigned, ec2Unsigned);
    await expect(smUnsigned.send(describeJob())).rejects.toMatchObject({ name: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token', $metadata: { httpStatusCode: 403 } });
    await expect(ec2Unsigned.send(new DescribeSubnetsCommand({}))).rejects.toMatchObject({ name: 'MissingAuthenticationToken', $metadata: { httpStatusCode: 403 } });
    expect(aws.counters()).toEqual({});
    await expect(sm.send(describeJob())).resolves.toMatchObject({ TrainingJobName: 'churn-xgb-private' });
  });

  const signed = 'AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0';
  it.each([
    ['an EC2 action', { 'content-type': 'application/x-www-form-urlencoded' }, 'Action=RunInstances&Version=2016-11-15', '<Code>InvalidAction</Code>'],
    ['a SageMaker operation', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.CreateTrainingJob' }, '{}', '"__type":"UnknownOperationException"'],
    ['malformed JSON', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SageMaker.Search' }, '{"Resource":', '"__type":"SerializationException"'],
  ])('rejects %s it does not implement with 400', async (_case, headers, body, marker) => {
    const { aws } = await start();
    const response = await fetch(aws.url, { method: 'POST', headers: { ...headers, authorization: signed }, body });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(marker);
  });
});

describe('throttling', () => {
  it('answers ThrottlingException (400) once the SageMaker bucket is empty', async () => {
    const { aws, sm, ec2 } = await start({ throttle: { sagemaker: { rps: 0.001, burst: 2 } } });
    await sm.send(describeJob());
    await sm.send(describeJob());
    const error = await sm.send(describeJob()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    await expect(ec2.send(new DescribeSubnetsCommand({}))).resolves.toBeDefined();
    expect(aws.counters().DescribeTrainingJob).toEqual({ calls: 3, throttled: 1, faulted: 0 });
  });

  it('answers RequestLimitExceeded (503) for EC2 and refills at rps', async () => {
    const { aws, ec2 } = await start({ throttle: { ec2: { rps: 2, burst: 1 } } });
    await ec2.send(new DescribeSubnetsCommand({}));
    await expect(ec2.send(new DescribeSubnetsCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded', $metadata: { httpStatusCode: 503 } });
    await new Promise((resolve) => setTimeout(resolve, 550));
    await expect(ec2.send(new DescribeSubnetsCommand({}))).resolves.toBeDefined();
    aws.setThrottle(undefined);
    await Promise.all([1, 2, 3].map(() => ec2.send(new DescribeSubnetsCommand({}))));
    expect(aws.counters().DescribeSubnets?.throttled).toBe(1);
  });
});

describe('fault injection', () => {
  it('fails an operation with UnauthorizedOperation for `count` calls, then recovers', async () => {
    const { aws, ec2 } = await start({ faults: { DescribeRouteTables: { code: 'UnauthorizedOperation', count: 1 } } });
    const error = await ec2.send(new DescribeRouteTablesCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'UnauthorizedOperation', $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toContain('ec2:DescribeRouteTables');
    await expect(ec2.send(new DescribeRouteTablesCommand({}))).resolves.toBeDefined();
    await expect(ec2.send(new DescribeSubnetsCommand({}))).resolves.toBeDefined();
    expect(aws.counters().DescribeRouteTables).toEqual({ calls: 2, throttled: 0, faulted: 1 });
  });

  it.each([
    ['AccessDeniedException', { code: 'AccessDeniedException' }, 'AccessDeniedException', 400],
    ['a 500', { status: 500 }, 'InternalFailure', 500],
    ['a 503', { status: 503 }, 'ServiceUnavailable', 503],
  ])('injects %s into SageMaker', async (_case, spec, name, status) => {
    const { aws, sm } = await start();
    aws.setFaults({ Search: spec });
    await expect(sm.send(new SearchCommand({ Resource: 'TrainingJob' }))).rejects.toMatchObject({ name, $metadata: { httpStatusCode: status } });
    aws.setFaults(undefined);
    await expect(sm.send(new SearchCommand({ Resource: 'TrainingJob' }))).resolves.toBeDefined();
  });

  it('injects EC2 server errors', async () => {
    const { ec2 } = await start({ faults: { DescribeSubnets: { status: 500 } } });
    await expect(ec2.send(new DescribeSubnetsCommand({}))).rejects.toMatchObject({ name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
  });

  it('hits a seeded share of calls, identically for the same seed', async () => {
    async function outcomes(): Promise<boolean[]> {
      const { sm } = await start({ seed: 42, faults: { DescribeTrainingJob: { code: 'AccessDeniedException', rate: 0.5 } } });
      const results: boolean[] = [];
      for (let i = 0; i < 20; i++) results.push(await sm.send(describeJob()).then(() => true, () => false));
      return results;
    }
    const first = await outcomes();
    const second = await outcomes();
    expect(second).toEqual(first);
    expect(first.filter(Boolean).length).toBeGreaterThan(2);
    expect(first.filter((ok) => !ok).length).toBeGreaterThan(2);
  });

  it('hangs a call until the client gives up, and close() still returns promptly', async () => {
    const { aws, ec2 } = await start({ faults: { DescribeSubnets: { hang: true } } });
    const began = Date.now();
    await expect(ec2.send(new DescribeSubnetsCommand({}), { abortSignal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(Date.now() - began).toBeGreaterThanOrEqual(190);
    const pending = ec2.send(new DescribeSubnetsCommand({})).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = Date.now();
    await aws.close();
    started.splice(started.indexOf(aws), 1);
    expect(Date.now() - closing).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('latency and counters', () => {
  it('delays every answer by latencyMs (+ jitter), changeable at run time', async () => {
    const { aws, sm } = await start({ latencyMs: 300, jitterMs: 20 });
    let began = Date.now();
    await sm.send(describeJob());
    expect(Date.now() - began).toBeGreaterThanOrEqual(295);
    aws.setLatency({ latencyMs: 0, jitterMs: 0 });
    began = Date.now();
    await sm.send(describeJob());
    expect(Date.now() - began).toBeLessThan(250);
  });

  it('counts calls per operation and resets', async () => {
    const { aws, sm, ec2 } = await start();
    await sm.send(describeJob());
    await sm.send(describeJob('no-such-job')).catch(() => undefined);
    await ec2.send(new DescribeSubnetsCommand({}));
    expect(aws.counters()).toEqual({
      DescribeTrainingJob: { calls: 2, throttled: 0, faulted: 0 },
      DescribeSubnets: { calls: 1, throttled: 0, faulted: 0 },
    });
    aws.resetCounters();
    expect(aws.counters()).toEqual({});
  });
});
