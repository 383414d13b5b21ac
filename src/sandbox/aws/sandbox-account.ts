/**
 * The whole sandbox account in one call, for the demo, `--sandbox` and end-to-end tests: the seeded
 * world behind a running endpoint, with the regions that hold jobs.
 * @module
 */
import { createSandboxWorld } from './scenarios.js';
import { startSandboxAws, type SandboxAws, type SandboxAwsOptions } from './server.js';
import type { SandboxWorld } from './world.js';

export interface SandboxAccount {
  url: string;
  /** Regions with seeded jobs, the default region first. */
  regions: string[];
  world: SandboxWorld;
  aws: SandboxAws;
  close(): Promise<void>;
}

/**
 * @example
 * const sandbox = await startSandboxAccount();
 * process.env.AWS_ENDPOINT_URL_SAGEMAKER = sandbox.url;
 */
export async function startSandboxAccount(options: Partial<SandboxAwsOptions> = {}): Promise<SandboxAccount> {
  const world = options.world ?? createSandboxWorld();
  const aws = await startSandboxAws({ ...options, world });
  const regions = world.regions().filter((region) => world.jobs(region).size > 0);
  return { url: aws.url, regions, world, aws, close: () => aws.close() };
}
