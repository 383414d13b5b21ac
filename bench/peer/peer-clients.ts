/**
 * The peer baseline's SDK clients, configured as Prowler configures boto3: the SDK's `standard`
 * retry mode with 3 attempts in all, no client-side pacing. Only the endpoint and dummy credentials
 * differ, to reach the in-process sandbox.
 * @module
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

export interface PeerClients {
  region: string;
  sagemaker: SageMakerClient;
  ec2: EC2Client;
}

export interface PeerClientOptions {
  region: string;
  endpoint: string;
  /** Attempts per request, first included (boto3 `standard` default: 3). */
  maxAttempts?: number;
}

export function createPeerClients({ region, endpoint, maxAttempts = 3 }: PeerClientOptions): PeerClients {
  const common = {
    region,
    endpoint,
    maxAttempts,
    retryMode: 'standard',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  };
  return { region, sagemaker: new SageMakerClient(common), ec2: new EC2Client(common) };
}
