/**
 * Composition root for the CLI (the bot has its own in `./bot.ts`): config → logger →
 * AWS clients (one per region) → audit service. `--sandbox` starts the embedded sandbox account
 * and points the clients at it; it is loaded lazily so production never loads the fakes.
 * @module
 */
import { createAwsClients, type AwsClients } from '../aws/index.js';
import { loadAwsConfig, type AwsConfig, type Env } from '../config/load-config.js';
import { createLogger, secretsFromEnv, type Logger } from '../logging/logger.js';
import { createAuditService, type AuditService } from './audit-service.js';

export interface CliContext {
  config: AwsConfig;
  service: AuditService;
  logger: Logger;
  /** Regions to use when a command names none. */
  regions: string[];
  close(): Promise<void>;
}

export interface CliContextOptions {
  env?: Env;
  sandbox?: boolean;
  maxRps?: number;
  logger?: Logger;
}

/** Where AWS calls go: the SDK's own resolution (env, profiles) or an explicit sandbox endpoint. */
interface AwsTarget {
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  regions: string[];
  close(): Promise<void>;
}

export function createClientCache(make: (region: string) => AwsClients): (region: string) => AwsClients {
  const cache = new Map<string, AwsClients>();
  return (region) => {
    let clients = cache.get(region);
    if (!clients) {
      clients = make(region);
      cache.set(region, clients);
    }
    return clients;
  };
}

async function startSandboxTarget(): Promise<AwsTarget> {
  const { SANDBOX_CREDENTIALS, startSandboxAccount } = await import('../sandbox/account.js');
  const sandbox = await startSandboxAccount();
  return {
    endpoint: sandbox.url,
    credentials: SANDBOX_CREDENTIALS,
    regions: sandbox.regions,
    close: () => sandbox.close(),
  };
}

export async function createCliContext({ env = process.env, sandbox = false, maxRps, logger }: CliContextOptions = {}): Promise<CliContext> {
  const config = loadAwsConfig({ env });
  const log = logger ?? createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, secrets: secretsFromEnv(env) });
  const target: AwsTarget = sandbox ? await startSandboxTarget() : { regions: config.regions, close: async () => {} };
  const { regions } = target;
  const clientsFor = createClientCache((region) =>
    createAwsClients({
      region,
      sagemakerMaxRps: maxRps ?? config.sagemakerMaxRps,
      endpoint: target.endpoint,
      credentials: target.credentials,
    }),
  );
  const service = createAuditService({ regions, clientsFor, remediationNetwork: config.remediationNetwork, logger: log });
  return { config, service, logger: log, regions, close: () => target.close() };
}
