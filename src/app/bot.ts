/**
 * Composition root for the bot (`npm start`): config → logger → AWS clients → audit service →
 * Slack app. Missing or invalid settings stop the process with one message listing every problem.
 * @module
 */
import { createAwsClients, checkCredentials } from '../aws/index.js';
import { loadBotConfig, type BotConfig, type Env } from '../config/load-config.js';
import { createLogger, secretsFromEnv, type Logger } from '../logging/logger.js';
import { createSlackBot, type SlackBot } from '../slack/app.js';
import { createAuditService, type AuditService } from './audit-service.js';
import { createClientCache } from './container.js';

export interface RunningBot {
  config: BotConfig;
  bot: SlackBot;
  service: AuditService;
  port: number;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  env?: Env;
  logger?: Logger;
  /** AWS endpoint and credentials for the sandbox/demo; production uses the SDK's own resolution. */
  aws?: { endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } };
  /** Test and demo tuning. */
  slack?: { progressIntervalMs?: number; fleetCooldownMs?: number; clientRetries?: number; port?: number; host?: string };
  now?: () => Date;
}

export async function startBot({ env = process.env, logger, aws, slack, now }: StartBotOptions = {}): Promise<RunningBot> {
  const config = loadBotConfig({ env });
  const log = logger ?? createLogger({ level: config.logLevel, secrets: secretsFromEnv(env) });
  const clientsFor = createClientCache((region) =>
    createAwsClients({ region, sagemakerMaxRps: config.sagemakerMaxRps, endpoint: aws?.endpoint, credentials: aws?.credentials }),
  );
  const firstRegion = config.regions[0] as string;
  const credentials = await checkCredentials(clientsFor(firstRegion));
  if (!credentials.ok) {
    throw new Error(`No usable AWS credentials: ${credentials.message}. Configure the standard AWS credential chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an instance or task role) — or run \`npm run demo\` for the sandbox.`);
  }
  const service = createAuditService({ regions: config.regions, clientsFor, remediationNetwork: config.remediationNetwork, logger: log, now });
  const bot = createSlackBot({
    mode: config.mode,
    botToken: config.slack.botToken,
    signingSecret: config.slack.signingSecret,
    appToken: config.slack.appToken,
    apiUrl: config.slack.apiUrl,
    port: slack?.port ?? config.port,
    host: slack?.host,
    access: config.access,
    regions: config.regions,
    service,
    logger: log,
    now,
    progressIntervalMs: slack?.progressIntervalMs,
    fleetCooldownMs: slack?.fleetCooldownMs,
    clientRetries: slack?.clientRetries,
  });
  const { port } = await bot.start();
  return {
    config,
    bot,
    service,
    port,
    async stop() {
      await bot.stop();
    },
  };
}
