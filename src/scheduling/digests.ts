/**
 * Digests, assembled: the store-backed scheduler, the runner that computes and posts, and the
 * Slack command handler — one object the bot's composition root starts after the Slack app and
 * stops before it. `DIGEST_SCHEDULES` seeds the store on first start only (DESIGN.md §6).
 * @module
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AuditService } from '../app/audit-service.js';
import type { DigestScheduleSeed } from '../config/digest-schedules.js';
import type { Logger } from '../logging/logger.js';
import type { DigestCommands } from '../slack/bot-deps.js';
import type { ChatClient } from '../slack/delivery.js';
import type { RunSummary, Store } from '../store/index.js';
import type { DigestReport } from './build-digest.js';
import { systemClock, type Clock } from './clock.js';
import { createDigestCommands } from './digest-commands.js';
import { createDigestRunner, type DigestTarget } from './digest-runner.js';
import { digestRequests } from './digest-scope.js';
import { createDigestScheduler, type DigestScheduler } from './scheduler.js';
import { createChannelPacer } from './slack-posting.js';

export interface DigestsOptions {
  store: Store;
  service: Pick<AuditService, 'auditFleet'>;
  /** Regions a schedule audits when its scope names none. */
  regions: string[];
  logger: Logger;
  clock?: Clock;
  /** `REPORT_DIR`: every run's JSON document is written there as evidence. */
  reportDir?: string;
  /** `HISTORY_RETENTION_DAYS` (default 400, DESIGN.md §6). */
  retentionDays: number;
  /** This process's name in run leases (default host:pid:random). */
  owner?: string;
  leaseMs?: number;
  pollMs?: number;
  /** Minimum gap between two messages in one channel (Slack: ~1 per second). */
  pacingMs?: number;
  retry?: { attempts?: number; baseDelayMs?: number };
  minIntervalMs?: number;
}

export interface Digests {
  commands: DigestCommands;
  scheduler: DigestScheduler;
  /** Connects the Slack side once the app exists: its client (button values sealed) and a hook per posted digest. */
  attach(slack: { client: ChatClient; onPosted?: (report: DigestReport, target: DigestTarget) => void }): void;
  /** The last digest posted by any process sharing the store (App Home after a restart). */
  lastSummary(): Promise<{ scopeText: string; generatedAt: string; summary: RunSummary } | undefined>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createDigests(options: DigestsOptions): Digests {
  const clock = options.clock ?? systemClock();
  const logger = options.logger.child({ component: 'digests' });
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const pacer = createChannelPacer(clock, options.pacingMs ?? 1000);
  let client: ChatClient | undefined;
  let onPosted: ((report: DigestReport, target: DigestTarget) => void) | undefined;

  const runner = createDigestRunner({
    store: options.store,
    service: options.service,
    regions: options.regions,
    clock,
    logger,
    owner,
    leaseMs,
    pacer,
    client: () => client,
    reportDir: options.reportDir,
    retry: options.retry,
    onPosted: (report, target) => onPosted?.(report, target),
  });
  const scheduler = createDigestScheduler({ store: options.store, runner, clock, logger, owner, leaseMs, pollMs: options.pollMs, retentionDays: options.retentionDays });
  const commands = createDigestCommands({ store: options.store, scheduler, clock, logger, pacer, regions: options.regions, minIntervalMs: options.minIntervalMs });

  return {
    commands,
    scheduler,
    attach(slack) {
      client = slack.client;
      onPosted = slack.onPosted;
    },
    async lastSummary() {
      const run = await options.store.lastPostedRun();
      if (!run?.summary) return undefined;
      const schedule = run.scheduleId !== undefined ? await options.store.getSchedule(run.scheduleId) : undefined;
      const scopeText = digestRequests(schedule?.scope ?? {}, options.regions, new Date(run.generatedAt ?? run.claimedAt)).scopeText;
      return { scopeText, generatedAt: run.generatedAt ?? run.claimedAt, summary: run.summary };
    },
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
  };
}

/** Writes `DIGEST_SCHEDULES` into the store the first time only; afterwards Slack manages schedules. */
export async function seedDigestSchedules(store: Store, seeds: readonly DigestScheduleSeed[], now: Date, logger: Logger): Promise<void> {
  const result = await store.seedSchedulesOnce(
    seeds.map((s) => ({ channelId: s.channel, cron: s.cron, timezone: s.timezone, scope: s.scope, createdBy: 'DIGEST_SCHEDULES' })),
    now.toISOString(),
  );
  if (result.seeded) logger.info({ schedules: result.ids }, 'digest schedules seeded from DIGEST_SCHEDULES');
  else if (seeds.length > 0) logger.info({ seededAt: result.seededAt }, 'DIGEST_SCHEDULES ignored: the store was seeded before; manage schedules from Slack');
}
