/**
 * Test support: a `ChatClient` that records what the bot posts and fails on demand with Slack's
 * error shapes (`data.error` for platform errors, `code` + `retryAfter` for rate limits).
 * @module
 */
import type { ChatClient } from '../../slack/delivery.js';

export interface Posted {
  channel: string;
  text: string;
  blocks: unknown[];
  ts: string;
  /** The poster's clock when the message arrived. */
  at?: string;
}

export function slackError(error: string): Error {
  return Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } });
}

export interface FakeChat extends ChatClient {
  posted: Posted[];
  uploads: Array<Record<string, unknown>>;
  updates: Array<Record<string, unknown>>;
  /** The next postMessage calls throw these, in order. */
  failNext(...errors: Error[]): void;
  /** Every call into a channel throws this (e.g. `not_in_channel`). */
  refuse(channel: string, error: string): void;
  /** The next postMessage never answers (a process that dies mid-request). */
  hangNext(): void;
  attempts: number;
}

export function createFakeChat(now?: () => Date): FakeChat {
  const failures: Error[] = [];
  let hang = false;
  const refused = new Map<string, string>();
  let ts = 1_700_000_000;
  const chat: FakeChat = {
    posted: [],
    uploads: [],
    updates: [],
    attempts: 0,
    failNext: (...errors) => void failures.push(...errors),
    refuse: (channel, error) => void refused.set(channel, error),
    hangNext: () => void (hang = true),
    chat: {
      async postMessage(args) {
        chat.attempts += 1;
        const channel = String(args.channel);
        const refusal = refused.get(channel);
        if (refusal) throw slackError(refusal);
        const failure = failures.shift();
        if (failure) throw failure;
        if (hang) {
          hang = false;
          return new Promise(() => undefined);
        }
        ts += 1;
        const record: Posted = { channel, text: String(args.text), blocks: (args.blocks as unknown[]) ?? [], ts: `${ts}.000100`, ...(now ? { at: now().toISOString() } : {}) };
        chat.posted.push(record);
        return { ok: true, ts: record.ts, channel };
      },
      async update(args) {
        chat.updates.push(args);
        return { ok: true };
      },
      async postEphemeral() {
        return { ok: true };
      },
    },
    views: {
      open: async () => ({ ok: true }),
      update: async () => ({ ok: true }),
      publish: async () => ({ ok: true }),
    },
    async filesUploadV2(args) {
      chat.uploads.push(args);
      return { ok: true };
    },
  };
  return chat;
}
