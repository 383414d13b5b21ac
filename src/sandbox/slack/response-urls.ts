/**
 * `response_url` endpoints of the sandbox Slack. Each URL belongs to one slash command or one
 * click; POSTed JSON becomes an ephemeral (default) or `in_channel` message, or — for a click —
 * replaces or deletes the message holding the clicked button. Slack's limits apply: 5 uses within
 * 30 minutes, then HTTP 404 with `used_url` / `expired_url`, so Bolt's `respond()` throws
 * `RespondError` as it would in production (slack-reference.md §1, §8).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { checkMessageBlocks } from './block-limits.js';
import type { Conversation, MessageRecord } from './conversation.js';
import type { FaultRegistry } from './faults.js';
import { botAuthor, type FakeIdentity } from './web-api-kit.js';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export interface ResponseUrlContext {
  channelId: string;
  userId: string;
  /** `message`: a click on the message at `messageTs`; `command`: a slash command (the default without `messageTs`). */
  kind?: 'command' | 'message';
  messageTs?: string;
  /** For commands: shown in the channel, as Slack does, once a response goes `in_channel`. */
  command?: string;
  text?: string;
}

export interface ResponsePost {
  url: string;
  at: number;
  body: unknown;
  status: number;
  /** `ok` or the error body sent back. */
  result: string;
  message?: MessageRecord;
}

export interface HttpAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface ResponseUrlRegistry {
  create(context: ResponseUrlContext): string;
  post(id: string, rawBody: Buffer): HttpAnswer;
  /** Shows a slash command's HTTP ack body like Slack does; unlike a POST it spends no use. */
  applyAck(url: string, ackBody: string): MessageRecord | undefined;
  uses(url: string): number;
  posts(url?: string): ResponsePost[];
  reset(): void;
}

interface UrlRecord {
  url: string;
  context: ResponseUrlContext;
  createdAt: number;
  uses: number;
  commandShown: boolean;
}

interface Deps {
  conversation: Conversation;
  identity: FakeIdentity;
  faults: FaultRegistry;
  origin(): string;
  now(): number;
}

type Outcome = { status: number; result: string; message?: MessageRecord };

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

export function createResponseUrlRegistry({ conversation, identity, faults, origin, now }: Deps): ResponseUrlRegistry {
  let records = new Map<string, UrlRecord>();
  let posts: ResponsePost[] = [];
  let counter = 0;

  function original(record: UrlRecord): MessageRecord | undefined {
    const { channelId, messageTs } = record.context;
    return messageTs === undefined ? undefined : conversation.message(channelId, messageTs);
  }

  function apply(record: UrlRecord, payload: unknown, source: 'response_url' | 'ack'): Outcome {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { status: 400, result: 'invalid_payload' };
    const body = payload as Record<string, unknown>;
    const fromClick = (record.context.kind ?? (record.context.messageTs ? 'message' : 'command')) === 'message';
    const replace = isTrue(body['replace_original']);
    const remove = isTrue(body['delete_original']);
    // A command's response_url can't touch the user's invocation (slack-reference.md §1).
    if ((replace || remove) && !fromClick) return { status: 400, result: remove ? 'cannot_delete_original' : 'cannot_replace_original' };
    const target = replace || remove ? original(record) : undefined;
    if ((replace || remove) && !target) return { status: 404, result: 'message_not_found' };
    if (remove && target) {
      conversation.deleteMessage(target);
      return { status: 200, result: 'ok', message: target };
    }
    const blocks = body['blocks'];
    const text = typeof body['text'] === 'string' ? body['text'] : '';
    if (text === '' && blocks === undefined) return { status: 400, result: 'no_text' };
    const problem = checkMessageBlocks(blocks);
    if (problem) return { status: 400, result: problem.error };
    const content = { text, ...(Array.isArray(blocks) ? { blocks } : {}) };
    if (target) return { status: 200, result: 'ok', message: conversation.updateMessage(target, content) };
    const inChannel = body['response_type'] === 'in_channel';
    const threadTs = typeof body['thread_ts'] === 'string' ? body['thread_ts'] : undefined;
    const { channelId, userId, command } = record.context;
    if (inChannel && !fromClick && command !== undefined && !record.commandShown) {
      // Slack shows the user's own command above the first in_channel answer.
      record.commandShown = true;
      conversation.postMessage({
        channel: channelId,
        author: { kind: 'user', userId },
        text: `${command} ${record.context.text ?? ''}`.trim(),
        source: 'user',
      });
    }
    const message = conversation.postMessage({
      channel: channelId,
      author: botAuthor(identity),
      source,
      ...content,
      ...(inChannel ? {} : { visibleTo: userId }),
      ...(threadTs ? { threadTs } : {}),
    });
    return { status: 200, result: 'ok', message };
  }

  function record(url: string, payload: unknown, outcome: Outcome): void {
    posts.push({ url, at: now(), body: payload, status: outcome.status, result: outcome.result, ...(outcome.message ? { message: outcome.message } : {}) });
  }

  function parse(rawBody: Buffer): unknown {
    try {
      return JSON.parse(rawBody.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  return {
    create(context) {
      counter += 1;
      const id = `${counter}${randomBytes(8).toString('hex')}`;
      const url = `${origin()}/response/${id}`;
      records.set(id, { url, context, createdAt: now(), uses: 0, commandShown: false });
      return url;
    },
    post(id, rawBody) {
      const entry = records.get(id);
      const url = entry?.url ?? `${origin()}/response/${id}`;
      const payload = parse(rawBody);
      const fault = faults.take('response_url');
      let outcome: Outcome;
      if (fault) {
        outcome = 'error' in fault ? { status: 400, result: fault.error } : { status: fault.status, result: 'injected_fault' };
      } else if (!entry) outcome = { status: 404, result: 'no_service' };
      else if (now() - entry.createdAt > RESPONSE_URL_TTL_MS) outcome = { status: 404, result: 'expired_url' };
      else if (entry.uses >= RESPONSE_URL_MAX_USES) outcome = { status: 404, result: 'used_url' };
      else {
        outcome = apply(entry, payload, 'response_url');
        if (outcome.status === 200) entry.uses += 1;
      }
      record(url, payload, outcome);
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault && 'status' in fault && fault.status === 429) headers['retry-after'] = String(fault.retryAfter ?? 1);
      return { status: outcome.status, body: outcome.result, headers };
    },
    applyAck(url, ackBody) {
      const entry = [...records.values()].find((r) => r.url === url);
      if (!entry || ackBody.trim() === '') return undefined;
      const parsed = parse(Buffer.from(ackBody));
      const payload = typeof parsed === 'object' && parsed !== null ? parsed : { text: ackBody };
      const outcome = apply(entry, payload, 'ack');
      record(url, payload, outcome);
      return outcome.message;
    },
    uses: (url) => [...records.values()].find((r) => r.url === url)?.uses ?? 0,
    posts: (url) => posts.filter((p) => url === undefined || p.url === url),
    reset() {
      records = new Map();
      posts = [];
    },
  };
}
