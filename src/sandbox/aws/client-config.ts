/**
 * The SDK client settings that point a real AWS SDK v3 client at the sandbox: its URL as
 * `endpoint`, dummy static credentials (the sandbox reads only the SigV4 scope's region) and no
 * retries unless asked, so tests see exactly the error the sandbox answered.
 * @module
 */
export interface SandboxClientConfig {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

export const SANDBOX_CREDENTIALS: SandboxClientConfig['credentials'] = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };

/**
 * @example
 * const sm = new SageMakerClient(sandboxClientConfig(aws.url, 'us-east-1'));
 */
export function sandboxClientConfig(url: string, region = 'us-east-1', maxAttempts = 1): SandboxClientConfig {
  return { region, endpoint: url, credentials: SANDBOX_CREDENTIALS, maxAttempts };
}
