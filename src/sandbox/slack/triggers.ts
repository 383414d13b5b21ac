/**
 * `trigger_id`s as Slack hands them out with a slash command or a click: valid for one
 * `views.open`, within three seconds (slack-reference.md §2). The fake's clock decides age, so
 * expiry tests need no sleeping.
 * @module
 */
import { randomBytes } from 'node:crypto';

export const TRIGGER_TTL_MS = 3000;

export interface TriggerContext {
  userId: string;
  channelId?: string;
}

export type TriggerUse =
  | { ok: true; context: TriggerContext }
  | { ok: false; error: 'invalid_trigger_id' | 'exchanged_trigger_id' | 'expired_trigger_id' };

export interface TriggerRegistry {
  create(context: TriggerContext): string;
  /** Spends a trigger: the first valid use succeeds, every later one is `exchanged_trigger_id`. */
  consume(triggerId: string): TriggerUse;
  reset(): void;
}

interface TriggerRecord {
  context: TriggerContext;
  createdAt: number;
  used: boolean;
}

export function createTriggerRegistry(now: () => number): TriggerRegistry {
  let triggers = new Map<string, TriggerRecord>();
  let counter = 0;

  return {
    create(context) {
      counter += 1;
      // Slack's shape: <number>.<number>.<32 hex>; the middle part is the team's numeric ID.
      const id = `${1_000_000_000 + counter}.${4_242_424_242}.${randomBytes(16).toString('hex')}`;
      triggers.set(id, { context, createdAt: now(), used: false });
      return id;
    },
    consume(triggerId) {
      const record = triggers.get(triggerId);
      if (!record) return { ok: false, error: 'invalid_trigger_id' };
      if (record.used) return { ok: false, error: 'exchanged_trigger_id' };
      if (now() - record.createdAt > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
      record.used = true;
      return { ok: true, context: record.context };
    },
    reset() {
      triggers = new Map();
    },
  };
}
