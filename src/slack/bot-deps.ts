/**
 * What the Slack listeners need, injected by the bot's composition root (and by tests).
 * @module
 */
import type { AuditService, CheckJobOutcome } from '../app/audit-service.js';
import type { Logger } from '../logging/logger.js';
import type { AuditTrail } from './audit-trail.js';
import type { Authorize } from './authorize.js';
import type { ButtonSeal } from './button-seal.js';
import type { BotMemory } from './bot-memory.js';
import type { SingleFlight } from './coalesce.js';
import type { FleetRunData, FleetRunResult, FleetScope } from './fleet-runner.js';
import type { ChatClient, SlackMessage } from './delivery.js';
import type { Command } from '../app/command-grammar.js';
import type { RunCache } from './run-cache.js';

/** Digest management, supplied once digests exist (DESIGN.md §6); absent → the bot says so. */
export interface DigestCommands {
  handle(
    command: Extract<Command, { kind: 'digest-now' | 'digest-list' | 'digest-add' | 'digest-remove' }>,
    who: { userId: string; channelId: string; teamId?: string },
    client: ChatClient,
  ): Promise<SlackMessage>;
}

export interface BotDeps {
  service: AuditService;
  authorize: Authorize;
  /** Seals outgoing button values and checks them on click. */
  seal: ButtonSeal;
  logger: Logger;
  trail: AuditTrail;
  memory: BotMemory;
  now: () => Date;
  runs: RunCache<FleetRunData, FleetScope>;
  jobFlights: SingleFlight<CheckJobOutcome>;
  fleetFlights: SingleFlight<FleetRunResult>;
  /** Claims a delivery key once (command trigger ids, click keys): duplicates are dropped. */
  claim: (key: string) => boolean;
  /** The work behind a claimed key is done: forget the key after a short grace (a late duplicate is still dropped). */
  release: (key: string) => void;
  digests?: DigestCommands;
  /** Regions the bot audits; the first is the default for single-job commands. */
  regions: string[];
  progressIntervalMs: number;
  fleetCooldownMs: number;
  /** Slack's `check --all` window when none is given (DESIGN.md §6: 30 days). */
  defaultFleetSince: string;
}
