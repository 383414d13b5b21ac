/**
 * A client that talks to the bot the way Slack does: signed slash commands, `block_actions`
 * clicks and Events API callbacks POSTed to the bot's `/slack/events`, with response URLs and
 * trigger IDs minted on the sandbox fake so `respond()` and `views.open` work end to end.
 * Overrides (timestamp, signature, secret, raw replay) let tests send forged, stale or future requests.
 * @module
 */
import { performance } from 'node:perf_hooks';
import type { MessageRecord } from './conversation.js';
import { blockActionsPayload, eventEnvelope, slashCommandBody } from './payloads.js';
import type { SlackFake } from './server.js';
import { signSlackRequest } from './signing.js';

export interface SlackClientOptions {
  /** The bot's request URL, e.g. `http://127.0.0.1:3000/slack/events`. */
  botUrl: string;
  signingSecret: string;
  fake: SlackFake;
  /** Clock for signatures in ms. Bolt checks against the real clock, hence `Date.now` by default. */
  now?: () => number;
}

export interface SignatureOverrides {
  /** Seconds since the epoch, e.g. 10 minutes ago for a stale request. */
  timestamp?: number;
  /** Sent verbatim instead of the computed signature. */
  signature?: string;
  /** Sign with this secret instead of the bot's. */
  secret?: string;
}

export interface SentRequest {
  body: string;
  headers: Record<string, string>;
}

export interface BotReply {
  status: number;
  body: string;
  /** Time from sending to the complete answer: what Slack holds against the 3 s budget. */
  ackMs: number;
  request: SentRequest;
}

export interface SlashCommandInput extends SignatureOverrides {
  text: string;
  userId: string;
  channelId: string;
  command?: string;
  /** Show a non-empty ack body in the conversation, as Slack does (default true). */
  showAck?: boolean;
}

export interface SlashCommandReply extends BotReply {
  responseUrl: string;
  triggerId: string;
  ackMessage?: MessageRecord;
}

export interface BlockActionInput extends SignatureOverrides {
  userId: string;
  /** Defaults to the message's channel. */
  channelId?: string;
  /** The clicked message, as recorded by the fake. */
  message?: MessageRecord;
  /** For clicks in a modal or the App Home (these carry no response_url). */
  viewId?: string;
  actionId: string;
  blockId?: string;
  value?: string;
  /** Overrides the container derived from `message` / `viewId`. */
  container?: Record<string, unknown>;
}

export interface BlockActionReply extends BotReply {
  responseUrl?: string;
  triggerId: string;
  payload: Record<string, unknown>;
}

export interface EventInput extends SignatureOverrides {
  event: Record<string, unknown>;
  eventId?: string;
  /** Redelivery headers (`x-slack-retry-num`, `x-slack-retry-reason`). */
  retryNum?: number;
  retryReason?: string;
}

export interface SlackClient {
  sendSlashCommand(input: SlashCommandInput): Promise<SlashCommandReply>;
  sendBlockAction(input: BlockActionInput): Promise<BlockActionReply>;
  sendEvent(input: EventInput): Promise<BotReply>;
  sendAppHomeOpened(input: { userId: string } & SignatureOverrides): Promise<BotReply>;
  /** Signs and sends any raw body. */
  sendRaw(input: { body: string; contentType: string } & SignatureOverrides): Promise<BotReply>;
  /** Sends an earlier request again, byte for byte with its original headers (a replay attack). */
  replay(request: SentRequest): Promise<BotReply>;
}

const FORM = 'application/x-www-form-urlencoded';

export function createSlackClient({ botUrl, signingSecret, fake, now = Date.now }: SlackClientOptions): SlackClient {
  let eventCounter = 0;

  async function replay(request: SentRequest): Promise<BotReply> {
    const started = performance.now();
    const response = await fetch(botUrl, { method: 'POST', headers: request.headers, body: request.body });
    const body = await response.text();
    return { status: response.status, body, ackMs: performance.now() - started, request };
  }

  function sendRaw({ body, contentType, ...overrides }: { body: string; contentType: string } & SignatureOverrides, extra: Record<string, string> = {}): Promise<BotReply> {
    const timestamp = overrides.timestamp ?? Math.floor(now() / 1000);
    const signed = signSlackRequest({ signingSecret: overrides.secret ?? signingSecret, body, timestamp });
    const headers = {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signed,
      ...(overrides.signature !== undefined ? { 'x-slack-signature': overrides.signature } : {}),
      ...extra,
    };
    return replay({ body, headers });
  }

  function person(userId: string): { id: string; name: string } {
    return { id: userId, name: fake.conversation.user(userId)?.name ?? userId };
  }

  function place(channelId: string): { id: string; name: string } {
    const channel = fake.conversation.channel(channelId);
    return { id: channelId, name: channel?.kind === 'im' ? 'directmessage' : (channel?.name ?? channelId) };
  }

  function actionTs(): string {
    const ms = now();
    return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
  }

  function sendEvent({ event, eventId, retryNum, retryReason, ...overrides }: EventInput): Promise<BotReply> {
    eventCounter += 1;
    const envelope = eventEnvelope({
      identity: fake,
      event,
      eventId: eventId ?? `Ev${String(eventCounter).padStart(8, '0')}`,
      eventTime: Math.floor(now() / 1000),
    });
    const retry: Record<string, string> = {
      ...(retryNum !== undefined ? { 'x-slack-retry-num': String(retryNum) } : {}),
      ...(retryReason !== undefined ? { 'x-slack-retry-reason': retryReason } : {}),
    };
    return sendRaw({ body: JSON.stringify(envelope), contentType: 'application/json', ...overrides }, retry);
  }

  function sendAppHomeOpened({ userId, ...overrides }: { userId: string } & SignatureOverrides): Promise<BotReply> {
    const home = fake.conversation.home(userId);
    const event = {
      type: 'app_home_opened',
      user: userId,
      channel: fake.conversation.dmChannel(userId).id,
      tab: 'home',
      // Slack includes the current Home view once one has been published.
      ...(home ? { view: { ...home.view, id: home.id, hash: home.hash } } : {}),
    };
    return sendEvent({ event, ...overrides });
  }

  return {
    async sendSlashCommand({ text, userId, channelId, command = '/sagemaker-vpc', showAck = true, ...overrides }) {
      const responseUrl = fake.createResponseUrl({ kind: 'command', channelId, userId, command, text });
      const triggerId = fake.createTriggerId({ userId, channelId });
      const body = slashCommandBody({ identity: fake, channel: place(channelId), user: person(userId), command, text, responseUrl, triggerId });
      const reply = await sendRaw({ body, contentType: FORM, ...overrides });
      const ackMessage = showAck && reply.status === 200 ? fake.applyAck(responseUrl, reply.body) : undefined;
      return { ...reply, responseUrl, triggerId, ...(ackMessage ? { ackMessage } : {}) };
    },

    async sendBlockAction({ userId, message, viewId, actionId, blockId, value, container, ...rest }) {
      const { channelId = message?.channel, timestamp, signature, secret } = rest;
      const view = viewId !== undefined ? fake.conversation.view(viewId) : undefined;
      if (!message && !view) throw new Error('sendBlockAction needs the clicked message or a known viewId');
      const triggerId = fake.createTriggerId({ userId, ...(channelId ? { channelId } : {}) });
      // Only message clicks carry a response_url; modal and App Home clicks have none (slack-reference.md §2).
      const responseUrl =
        message && channelId ? fake.createResponseUrl({ kind: 'message', channelId, userId, messageTs: message.ts }) : undefined;
      const derived = message
        ? { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: message.ephemeral }
        : { type: 'view', view_id: viewId };
      const payload = blockActionsPayload({
        identity: fake,
        user: person(userId),
        container: container ?? derived,
        actionId,
        triggerId,
        actionTs: actionTs(),
        ...(channelId && message ? { channel: place(channelId) } : {}),
        ...(message ? { message } : {}),
        ...(view ? { view } : {}),
        ...(blockId !== undefined ? { blockId } : {}),
        ...(value !== undefined ? { value } : {}),
        ...(responseUrl ? { responseUrl } : {}),
      });
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const reply = await sendRaw({ body, contentType: FORM, timestamp, signature, secret });
      return { ...reply, triggerId, payload, ...(responseUrl ? { responseUrl } : {}) };
    },

    sendEvent,
    sendAppHomeOpened,
    sendRaw: (input) => sendRaw(input),
    replay,
  };
}
