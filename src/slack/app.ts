/**
 * The Bolt app: Socket Mode when an app token is configured (no public ingress), otherwise HTTP
 * on `/slack/events` behind our replay-window guard; `GET /healthz` in both modes.
 * @module
 */
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type CustomRoute } from '@slack/bolt';
import type { AuditService } from '../app/audit-service.js';
import type { Logger } from '../logging/logger.js';
import { createBoltLogger } from '../logging/bolt-logger.js';
import { createAuditTrail } from './audit-trail.js';
import { createAuthorizer, type AccessPolicy } from './authorize.js';
import { createBotMemory } from './bot-memory.js';
import type { BotDeps, DigestCommands } from './bot-deps.js';
import { createButtonSeal } from './button-seal.js';
import { createRecentKeys, createSingleFlight } from './coalesce.js';
import { createFleetRunner } from './fleet-runner.js';
import { createHealthTracker, type HealthReport } from './health.js';
import { registerActions } from './listeners/actions/index.js';
import { registerSlashCommand } from './listeners/commands/sagemaker-vpc.js';
import { registerHome } from './listeners/events/app-home-opened.js';
import { guardSlackRequests } from './request-guard.js';
import { createRunCache } from './run-cache.js';

export interface SlackBotOptions {
  mode: 'http' | 'socket';
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  port: number;
  /** Interface to bind in HTTP mode; tests use 127.0.0.1. Default: all interfaces. */
  host?: string;
  access: AccessPolicy;
  regions: string[];
  service: AuditService;
  logger: Logger;
  now?: () => Date;
  digests?: DigestCommands;
  progressIntervalMs?: number;
  fleetCooldownMs?: number;
  /** Test hook: no WebClient retries so faults surface immediately. */
  clientRetries?: number;
}

export interface SlackBot {
  app: App;
  deps: BotDeps;
  /** The transport: an HTTPReceiver, or a SocketModeReceiver whose `client` reports connection state. */
  receiver: HTTPReceiver | SocketModeReceiver;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
  health(): HealthReport;
}

export function createSlackBot(options: SlackBotOptions): SlackBot {
  const logger = options.logger.child({ component: 'slack' });
  let botTeamId: string | undefined;

  const health = createHealthTracker(options.mode, logger);
  const healthRoute: CustomRoute = { path: '/healthz', method: ['GET'], handler: (req, res) => health.handle(req, res) };

  const boltLogger = createBoltLogger(logger);
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.clientRetries !== undefined ? { retryConfig: { retries: options.clientRetries } } : {}),
  };
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (options.mode === 'socket') {
    if (!options.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN');
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger,
      customRoutes: [healthRoute],
      // clientOptions: SLACK_API_URL applies to apps.connections.open too.
      installerOptions: { port: options.port, clientOptions },
    });
    health.watch(receiver.client);
  } else {
    if (!options.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
    const http = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: '/slack/events',
      customRoutes: [healthRoute],
      logger: boltLogger,
      processBeforeResponse: false,
    });
    http.requestListener = guardSlackRequests(http.requestListener, {
      onRejected: (reason, req) => logger.warn({ reason, path: req.url, ip: req.socket.remoteAddress }, 'slack request rejected'),
    });
    receiver = http;
  }

  const app = new App({ token: options.botToken, receiver, logger: boltLogger, logLevel: LogLevel.INFO, clientOptions });
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled listener error');
  });

  const now = options.now ?? (() => new Date());
  const recent = createRecentKeys(10_000, () => now().getTime());
  const deps: BotDeps = {
    service: options.service,
    authorize: createAuthorizer(options.access, () => botTeamId),
    seal: createButtonSeal(options.signingSecret ?? options.appToken ?? options.botToken),
    logger,
    trail: createAuditTrail(logger),
    memory: createBotMemory(),
    now,
    runs: createRunCache({ now: () => now().getTime() }),
    jobFlights: createSingleFlight(),
    fleetFlights: createSingleFlight(),
    claim: (key) => recent.claim(key),
    release: (key) => recent.release(key),
    digests: options.digests,
    regions: options.regions,
    progressIntervalMs: options.progressIntervalMs ?? 10_000,
    fleetCooldownMs: options.fleetCooldownMs ?? 60_000,
    defaultFleetSince: '30d',
  };
  const fleet = createFleetRunner(deps);
  registerSlashCommand(app, deps, fleet);
  registerActions(app, deps, fleet);
  registerHome(app, deps);

  return {
    app,
    deps,
    receiver,
    health: () => health.report(),
    async start() {
      const auth = await app.client.auth.test();
      botTeamId = typeof auth.team_id === 'string' ? auth.team_id : undefined;
      const started = (await (options.mode === 'http' && options.host ? app.start({ port: options.port, host: options.host }) : app.start(options.port))) as unknown;
      const server = started as Server | undefined;
      const address = server && typeof server.address === 'function' ? server.address() : null;
      const port = address && typeof address === 'object' ? address.port : options.port;
      logger.info({ mode: options.mode, port, team: botTeamId }, 'slack bot started');
      return { port };
    },
    async stop() {
      await app.stop();
    },
  };
}
