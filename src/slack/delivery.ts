/**
 * Getting an answer to the user by whichever route works (DESIGN.md §6 "Delivery"):
 * response_url first where it is the only way into DMs and private channels, Web API methods as
 * the fallback and for messages the bot posted itself. Every failure is logged with context;
 * none escapes to crash the process.
 * @module
 */
import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../logging/logger.js';

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** The parts of the Web API client the bot uses (structural, so tests can pass the real WebClient). */
export interface ChatClient {
  chat: {
    postMessage(args: Record<string, unknown>): Promise<{ ok?: boolean; ts?: string; channel?: string }>;
    update(args: Record<string, unknown>): Promise<{ ok?: boolean }>;
    postEphemeral(args: Record<string, unknown>): Promise<{ ok?: boolean }>;
  };
  views: {
    open(args: Record<string, unknown>): Promise<{ ok?: boolean; view?: { id?: string } }>;
    update(args: Record<string, unknown>): Promise<{ ok?: boolean }>;
    publish(args: Record<string, unknown>): Promise<{ ok?: boolean }>;
  };
  filesUploadV2(args: Record<string, unknown>): Promise<unknown>;
}

export type Route = 'respond' | 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral' | 'none';

export function slackErrorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const data = (err as { data?: { error?: string } }).data;
    if (data?.error) return data.error;
    const code = (err as { code?: string; statusCode?: number }).code;
    const status = (err as { statusCode?: number }).statusCode;
    if (status) return `http_${status}`;
    if (code) return code;
  }
  return 'unknown_error';
}

/** Messages the bot sends never ask Slack to parse names; `link_names`/`parse` stay off everywhere. */
function body(message: SlackMessage) {
  return { text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false };
}

export interface ReplyTarget {
  channelId?: string;
  userId: string;
  respond?: RespondFn;
  threadTs?: string;
}

/**
 * Posts a new message visible in the channel: response_url (works in DMs and private channels),
 * else chat.postMessage, else an ephemeral note to the user.
 */
export async function postReply(
  client: ChatClient,
  target: ReplyTarget,
  message: SlackMessage,
  logger: Logger,
  { visibility = 'in_channel' as 'in_channel' | 'ephemeral' } = {},
): Promise<{ route: Route; ts?: string; channel?: string }> {
  if (target.respond) {
    try {
      await target.respond({ ...body(message), response_type: visibility, replace_original: false });
      return { route: 'respond' };
    } catch (err) {
      logger.warn({ err, code: slackErrorCode(err), channel: target.channelId }, 'response_url delivery failed; trying chat.postMessage');
    }
  }
  if (target.channelId && visibility === 'in_channel') {
    try {
      const res = await client.chat.postMessage({ channel: target.channelId, thread_ts: target.threadTs, ...body(message) });
      return { route: 'chat.postMessage', ts: res.ts, channel: res.channel };
    } catch (err) {
      logger.warn({ err, code: slackErrorCode(err), channel: target.channelId }, 'chat.postMessage failed; trying an ephemeral message');
    }
  }
  if (target.channelId) {
    try {
      await client.chat.postEphemeral({ channel: target.channelId, user: target.userId, ...body(message) });
      return { route: 'chat.postEphemeral' };
    } catch (err) {
      logger.error({ err, code: slackErrorCode(err), channel: target.channelId, user: target.userId }, 'reply could not be delivered by any route');
    }
  }
  return { route: 'none' };
}

export interface ClickedMessage {
  respond?: RespondFn;
  channelId?: string;
  messageTs?: string;
  isEphemeral?: boolean;
  userId: string;
}

/**
 * Replaces the message holding a clicked button: the click's response_url first (works for
 * ephemerals, DMs, private channels), then chat.update for messages the bot posted itself, then a
 * new message so the user still gets the answer.
 */
export async function replaceClicked(client: ChatClient, target: ClickedMessage, message: SlackMessage, logger: Logger): Promise<Route> {
  if (target.respond) {
    try {
      await target.respond({ ...body(message), replace_original: true });
      return 'respond';
    } catch (err) {
      logger.warn({ err, code: slackErrorCode(err), channel: target.channelId }, 'replace via response_url failed; trying chat.update');
    }
  }
  if (target.channelId && target.messageTs && !target.isEphemeral) {
    try {
      await client.chat.update({ channel: target.channelId, ts: target.messageTs, ...body(message) });
      return 'chat.update';
    } catch (err) {
      logger.warn({ err, code: slackErrorCode(err), channel: target.channelId }, 'chat.update failed; posting a new message');
    }
  }
  const posted = await postReply(client, { channelId: target.channelId, userId: target.userId, threadTs: target.isEphemeral ? undefined : target.messageTs }, message, logger, {
    visibility: target.isEphemeral ? 'ephemeral' : 'in_channel',
  });
  return posted.route;
}

/**
 * Latest-wins updater for progress messages: at most one update in flight, at least
 * `minIntervalMs` between updates, stale ones dropped — so a 429 on progress never delays the answer.
 */
export function createCoalescedUpdater(send: (message: SlackMessage) => Promise<void>, { minIntervalMs = 10_000, now = Date.now } = {}) {
  let pending: SlackMessage | undefined;
  let inFlight: Promise<void> | undefined;
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const pump = () => {
    if (closed || inFlight || !pending) return;
    const wait = lastSent + minIntervalMs - now();
    if (wait > 0) {
      timer ??= setTimeout(() => {
        timer = undefined;
        pump();
      }, wait);
      return;
    }
    const message = pending;
    pending = undefined;
    lastSent = now();
    inFlight = send(message)
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
        pump();
      });
  };

  return {
    push(message: SlackMessage) {
      if (closed) return;
      pending = message;
      pump();
    },
    /** Stops updating and waits for an in-flight update so the final message lands last. */
    async close() {
      closed = true;
      pending = undefined;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
