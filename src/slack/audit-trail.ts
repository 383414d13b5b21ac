/**
 * The audit trail: every command and click becomes one structured log event — who, where, what,
 * result — with a static message so log pipelines can select it (`msg: "audit event"`). Inputs
 * are truncated; secrets never appear (the logger scrubs them as well).
 * @module
 */
import type { Logger } from '../logging/logger.js';

export interface AuditEvent {
  kind: 'command' | 'action' | 'event' | 'schedule';
  /** e.g. `check-job`, `recheck_training_job`, `digest-add`. */
  what: string;
  user?: string;
  team?: string;
  channel?: string;
  /** `accepted`, `refused:user`, `invalid`, `ok`, `failed`, … */
  result: string;
  input?: string;
  target?: string;
  durationMs?: number;
}

export function createAuditTrail(logger: Logger) {
  const log = logger.child({ audit: true });
  return {
    record(event: AuditEvent) {
      const input = event.input === undefined ? undefined : event.input.slice(0, 500);
      log.info({ event: { ...event, input } }, 'audit event');
    },
  };
}

export type AuditTrail = ReturnType<typeof createAuditTrail>;
