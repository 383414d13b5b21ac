import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createAwsClients } from './clients.js';
import { PACING_MIDDLEWARE_NAME } from './pacer.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

/**
 * Replaces the network with a terminal middleware after signing: each attempt is recorded (ms) and
 * answered by `respond` (return an output or throw an SDK-shaped error).
 */
function stubTransport(client: SageMakerClient | EC2Client, respond: (attempt: number) => object): number[] {
  const attempts: number[] = [];
  const transport =
    <Args, Result>(_next: (args: Args) => Promise<Result>) =>
    async (_args: Args): Promise<Result> => {
      attempts.push(performance.now());
      const output = respond(attempts.length);
      return { output: { $metadata: {}, ...output }, response: {} } as Result;
    };
  const options = { step: 'finalizeRequest', priority: 'low', name: 'testTransport' } as const;
  if (client instanceof SageMakerClient) client.middlewareStack.add(transport, options);
  else client.middlewareStack.add(transport, options);
  return attempts;
}

function serverError(): Error {
  return Object.assign(new Error('We encountered an internal error.'), {
    name: 'InternalFailure',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
  });
}

describe('createAwsClients', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('configures both clients with the region, adaptive retries and default attempts', async () => {
    const clients = createAwsClients({ region: 'eu-west-1', credentials });

    expect(clients.region).toBe('eu-west-1');
    for (const client of [clients.sagemaker, clients.ec2]) {
      expect(await client.config.region()).toBe('eu-west-1');
      expect(await client.config.maxAttempts()).toBe(6);
      expect(client.config.retryMode).toBe('adaptive');
      // Endpoint resolution is left to the SDK so AWS_ENDPOINT_URL_* keeps working.
      expect(client.config.endpoint).toBeUndefined();
    }
  });

  it('uses an explicit endpoint only when one is given (the embedded sandbox)', async () => {
    const clients = createAwsClients({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', credentials });

    for (const client of [clients.sagemaker, clients.ec2]) {
      const endpoint = await client.config.endpoint?.();
      expect(endpoint).toMatchObject({ hostname: '127.0.0.1', port: 4566, protocol: 'http:' });
    }
  });

  it('honours maxAttempts', async () => {
    const clients = createAwsClients({ region: 'us-east-1', maxAttempts: 2, credentials });

    expect(await clients.sagemaker.config.maxAttempts()).toBe(2);
    expect(await clients.ec2.config.maxAttempts()).toBe(2);
  });

  it('paces SageMaker after the retry middleware and before signing, and leaves EC2 alone', () => {
    const clients = createAwsClients({ region: 'us-east-1', credentials });

    const stack = clients.sagemaker.middlewareStack.identify();
    const at = (prefix: string) => stack.findIndex((entry) => entry.startsWith(prefix));

    expect(at(PACING_MIDDLEWARE_NAME)).toBeGreaterThan(at('retryMiddleware'));
    expect(at(PACING_MIDDLEWARE_NAME)).toBeLessThan(at('httpSigningMiddleware'));
    expect(clients.ec2.middlewareStack.identify().some((entry) => entry.startsWith(PACING_MIDDLEWARE_NAME))).toBe(false);
  });

  it('paces concurrent SageMaker requests: N requests take at least (N - burst) / rps', async () => {
    const clients = createAwsClients({ region: 'us-east-1', sagemakerMaxRps: 20, credentials });
    const attempts = stubTransport(clients.sagemaker, () => ({ TrainingJobName: 'job' }));
    const started = performance.now();

    await Promise.all(Array.from({ length: 6 }, () => clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'job' }))));

    expect(attempts).toHaveLength(6);
    // burst 1 at 20/s: 5 waits of 50 ms = 250 ms; unpaced this takes ~1 ms. 10 % slack: timers and
    // the pacer's clock (Date.now) round differently from performance.now.
    expect(performance.now() - started).toBeGreaterThanOrEqual(225);
  });

  it('paces every retry attempt, not only the first', async () => {
    // Zero jitter: the SDK's own backoff adds nothing, so any spacing comes from the pacer.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const clients = createAwsClients({ region: 'us-east-1', sagemakerMaxRps: 10, credentials });
    const attempts = stubTransport(clients.sagemaker, (attempt) => {
      if (attempt < 3) throw serverError();
      return { TrainingJobName: 'job' };
    });

    const output = await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: 'job' }));

    expect(output.$metadata.attempts).toBe(3);
    expect(attempts).toHaveLength(3);
    const gaps = attempts.slice(1).map((time, i) => time - (attempts[i] ?? 0));
    // 10/s → 100 ms apart (unpaced: ~0 ms); 10 % slack for clock rounding, seen at 94.6 ms under load.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(90);
  });

  it('does not pace EC2', async () => {
    const clients = createAwsClients({ region: 'us-east-1', sagemakerMaxRps: 1, credentials });
    const started = performance.now();
    const attempts = stubTransport(clients.ec2, () => ({}));

    await Promise.all(Array.from({ length: 5 }, () => clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-1'] }))));

    expect(attempts).toHaveLength(5);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
