/**
 * Posting digests politely and safely: at most one message per second per channel (Slack's
 * chat.postMessage limit, slack-reference.md §4), retries with exponential backoff for failures
 * that mean "not posted, try later" (429, 5xx, network), and an immediate, classified failure for
 * those that will not change by waiting (`not_in_channel`, `channel_not_found`, revoked token…).
 * @module
 */
import { slackErrorCode } from '../slack/delivery.js';
import { sleep, type Clock } from './clock.js';

const RETRYABLE = new Set([
  'ratelimited',
  'rate_limited',
  'slack_webapi_rate_limited_error',
  'slack_webapi_request_error',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
]);

export function isRetryable(code: string): boolean {
  return RETRYABLE.has(code) || /^http_(429|5\d\d)$/.test(code);
}

/** The invite hint applies to these two (DESIGN.md §6). */
export function needsInvite(code: string): boolean {
  return code === 'not_in_channel' || code === 'channel_not_found';
}

export interface ChannelPacer {
  /** Resolves when this channel may get its next message; reserves that slot. */
  wait(channel: string, signal?: AbortSignal): Promise<void>;
}

export function createChannelPacer(clock: Clock, minIntervalMs = 1000): ChannelPacer {
  const nextFree = new Map<string, number>();
  return {
    async wait(channel, signal) {
      const now = clock.now().getTime();
      const slot = Math.max(now, nextFree.get(channel) ?? 0);
      nextFree.set(channel, slot + minIntervalMs);
      if (nextFree.size > 10_000) {
        for (const [key, at] of nextFree) if (at < now) nextFree.delete(key);
      }
      await sleep(clock, slot - now, signal);
    },
  };
}

export interface RetryOptions {
  clock: Clock;
  attempts?: number;
  baseDelayMs?: number;
  signal?: AbortSignal;
  /** Called before each attempt (1-based) and after each failure, for the run's record. */
  onAttempt?: (attempt: number) => Promise<void> | void;
  onFailure?: (attempt: number, code: string, willRetry: boolean) => Promise<void> | void;
}

export type RetryResult<T> = { ok: true; value: T; attempts: number } | { ok: false; code: string; attempts: number; error: unknown };

function retryAfterMs(err: unknown): number {
  const seconds = (err as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : 0;
}

/** Runs `send` until it succeeds, fails for a reason waiting won't fix, or runs out of attempts. */
export async function withRetry<T>(send: () => Promise<T>, options: RetryOptions): Promise<RetryResult<T>> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 2000;
  for (let attempt = 1; ; attempt += 1) {
    await options.onAttempt?.(attempt);
    try {
      return { ok: true, value: await send(), attempts: attempt };
    } catch (error) {
      const code = slackErrorCode(error);
      const willRetry = isRetryable(code) && attempt < attempts && !options.signal?.aborted;
      await options.onFailure?.(attempt, code, willRetry);
      if (!willRetry) return { ok: false, code, attempts: attempt, error };
      await sleep(options.clock, Math.max(base * 4 ** (attempt - 1), retryAfterMs(error)), options.signal);
    }
  }
}
