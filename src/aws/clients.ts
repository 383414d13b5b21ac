/**
 * One SageMaker and one EC2 client per (account, region): adaptive retries, timeouts, and a
 * client-side pace on SageMaker (DESIGN.md §5). The endpoint is never set here: the SDK's own
 * resolution honours `AWS_ENDPOINT_URL_SAGEMAKER` / `AWS_ENDPOINT_URL_EC2` (aws-reference §12),
 * which is how the product is exercised against the sandbox and local fakes.
 * @module
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerClientConfig } from '@aws-sdk/client-sagemaker';

import { addPacing, createTokenBucket } from './pacer.js';

export interface AwsClientOptions {
  region: string;
  /** Attempts per request, first one included. [6] */
  maxAttempts?: number;
  /** SageMaker requests per second, retries included (`SAGEMAKER_MAX_RPS`). [5] */
  sagemakerMaxRps?: number;
  /** Longest wait for a response once connected, ms. [15000] */
  requestTimeoutMs?: number;
  /** Longest wait for a connection, ms. [3000] */
  connectionTimeoutMs?: number;
  /** Explicit credentials; the standard provider chain otherwise. */
  credentials?: SageMakerClientConfig['credentials'];
  /**
   * Only for the embedded sandbox (an in-process server on a random port). Leave unset everywhere
   * else: the SDK then resolves the endpoint itself, honouring `AWS_ENDPOINT_URL_*`.
   */
  endpoint?: string;
}

export interface AwsClients {
  region: string;
  sagemaker: SageMakerClient;
  ec2: EC2Client;
}

/**
 * @example
 * const clients = createAwsClients({ region: 'eu-west-1', sagemakerMaxRps: 2 });
 */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const {
    region,
    maxAttempts = 6,
    sagemakerMaxRps = 5,
    requestTimeoutMs = 15_000,
    connectionTimeoutMs = 3_000,
    credentials,
    endpoint,
  } = options;
  const common = {
    region,
    maxAttempts,
    retryMode: 'adaptive',
    // Without throwOnRequestTimeout the handler only logs a warning and the call hangs on.
    requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: connectionTimeoutMs, throwOnRequestTimeout: true },
    ...(credentials === undefined ? {} : { credentials }),
    ...(endpoint === undefined ? {} : { endpoint }),
  };
  const sagemaker = new SageMakerClient(common);
  addPacing(sagemaker.middlewareStack, createTokenBucket({ ratePerSecond: sagemakerMaxRps }));
  const ec2 = new EC2Client(common);
  return { region, sagemaker, ec2 };
}
