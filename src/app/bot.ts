/**
 * Composition root for the bot (`npm start`): config → logger → AWS clients → audit service →
 * state store (created and migrated in `DATA_DIR`) → digest schedules seeded on first start →
 * digest scheduler → Slack app (digests behind its `digests` hook) → start. Stopping is the
 * reverse: the scheduler hands back unfinished runs, then Slack stops, then the store closes.
 * Missing or invalid settings stop the process with one message listing every problem.
 * @module
 */
import { join } from 'node:path';
import { createAwsClients, checkCredentials } from '../aws/index.js';
import { loadBotConfig, type BotConfig, type Env } from '../config/load-config.js';
import { createLogger, secretsFromEnv, type Logger } from '../logging/logger.js';
import { createDigests, seedDigestSchedules, systemClock, type Clock, type Digests } from '../scheduling/index.js';
import { createSlackBot, type SlackBot } from '../slack/app.js';
import type { ChatClient } from '../slack/delivery.js';
import { sealedClient } from '../slack/outbox.js';
import { createSqliteStore, STORE_FILE, type Store } from '../store/index.js';
import { createAuditService, type AuditService } from './audit-service.js';
import { createClientCache } from './container.js';

export interface RunningBot {
  config: BotConfig;
  bot: SlackBot;
  service: AuditService;
  store: Store;
  digests: Digests;
  port: number;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  env?: Env;
  logger?: Logger;
  /**
   * AWS endpoint and credentials for the sandbox/demo (production uses the SDK's own resolution),
   * and retry/timeout/pacing overrides for tests that need faults to surface quickly.
   */
  aws?: {
    endpoint?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    maxAttempts?: number;
    requestTimeoutMs?: number;
    sagemakerMaxRps?: number;
  };
  /** Test and demo tuning. */
  slack?: { progressIntervalMs?: number; fleetCooldownMs?: number; clientRetries?: number; port?: number; host?: string };
  now?: () => Date;
  /** Digest tuning for tests: a fake clock, shorter leases, polls and backoff. */
  digests?: { clock?: Clock; leaseMs?: number; pollMs?: number; pacingMs?: number; retry?: { attempts?: number; baseDelayMs?: number } };
}

export async function startBot({ env = process.env, logger, aws, slack, now, digests: digestTuning }: StartBotOptions = {}): Promise<RunningBot> {
  const config = loadBotConfig({ env });
  const log = logger ?? createLogger({ level: config.logLevel, secrets: secretsFromEnv(env) });
  const clientsFor = createClientCache((region) =>
    createAwsClients({
      region,
      sagemakerMaxRps: aws?.sagemakerMaxRps ?? config.sagemakerMaxRps,
      endpoint: aws?.endpoint,
      credentials: aws?.credentials,
      ...(aws?.maxAttempts ? { maxAttempts: aws.maxAttempts } : {}),
      ...(aws?.requestTimeoutMs ? { requestTimeoutMs: aws.requestTimeoutMs } : {}),
    }),
  );
  const firstRegion = config.regions[0] as string;
  const credentials = await checkCredentials(clientsFor(firstRegion));
  if (!credentials.ok) {
    throw new Error(`No usable AWS credentials: ${credentials.message}. Configure the standard AWS credential chain (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, an instance or task role) — or run \`npm run demo\` for the sandbox.`);
  }
  const service = createAuditService({ regions: config.regions, clientsFor, remediationNetwork: config.remediationNetwork, logger: log, now });
  const clock = digestTuning?.clock ?? systemClock(now);
  const storePath = join(config.dataDir, STORE_FILE);
  let store: Store;
  try {
    store = createSqliteStore(storePath, { now: () => clock.now() });
    await seedDigestSchedules(store, config.digestSeeds, clock.now(), log);
  } catch (err) {
    throw new Error(`Cannot open the state store ${storePath}: ${err instanceof Error ? err.message : String(err)}. Set DATA_DIR to a writable directory on local disk (never a network filesystem).`, { cause: err });
  }
  const digests = createDigests({
    store,
    service,
    regions: config.regions,
    logger: log,
    clock,
    reportDir: config.reportDir,
    retentionDays: config.historyRetentionDays,
    leaseMs: digestTuning?.leaseMs,
    pollMs: digestTuning?.pollMs,
    pacingMs: digestTuning?.pacingMs,
    retry: digestTuning?.retry,
  });
  let bot: SlackBot;
  try {
    bot = createSlackBot({
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
      digests: digests.commands,
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  digests.attach({
    // Structural: the WebClient's methods take typed arguments where ChatClient takes records.
    client: sealedClient(bot.app.client as unknown as ChatClient, bot.deps.seal),
    onPosted: (report) =>
      bot.deps.memory.setLastSummary({ source: 'digest', scopeText: report.scopeText, generatedAt: report.generatedAt, summary: report.summary }),
  });
  let port: number;
  try {
    // App Home shows the last digest from before a restart, too.
    const last = await digests.lastSummary();
    if (last && !bot.deps.memory.lastSummary()) bot.deps.memory.setLastSummary({ source: 'digest', ...last });
    ({ port } = await bot.start());
    await digests.start();
  } catch (err) {
    await digests.stop();
    await bot.stop().catch(() => undefined);
    await store.close();
    throw err;
  }
  return {
    config,
    bot,
    service,
    store,
    digests,
    port,
    async stop() {
      await digests.stop();
      await bot.stop();
      await store.close();
    },
  };
}
