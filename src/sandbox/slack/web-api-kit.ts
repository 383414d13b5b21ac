/**
 * What every fake Web API method shares: the fake's state, the coded error that becomes
 * `{ ok: false, error }`, argument decoding (form values are strings, JSON arguments arrive as JSON
 * strings), channel access rules, and the JSON shapes Slack answers with.
 * @module
 */
import type { ChannelRecord, Conversation, MessageRecord, ViewRecord, FileRecord, Author } from './conversation.js';
import type { ApiArgs } from './read-body.js';
import type { TriggerRegistry } from './triggers.js';

export interface FakeIdentity {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  botToken: string;
}

export interface FakeState {
  identity: FakeIdentity;
  conversation: Conversation;
  triggers: TriggerRegistry;
  /** Whether the bot has `chat:write.public` (post to public channels it wasn't invited to). */
  chatWritePublic: boolean;
  origin(): string;
  now(): number;
}

export type ApiResult = { ok: true } & Record<string, unknown>;
export type MethodHandler = (args: ApiArgs, state: FakeState) => ApiResult | Promise<ApiResult>;

/** A Slack platform error: the server answers HTTP 200 `{ ok: false, error: code }`. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly messages: string[] = [],
  ) {
    super(code);
    this.name = 'SlackApiError';
  }
}

export function stringArg(args: ApiArgs, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function requiredString(args: ApiArgs, name: string, error = 'invalid_arguments'): string {
  const value = stringArg(args, name);
  if (value === undefined) throw new SlackApiError(error, [`[ERROR] missing required field: ${name}`]);
  return value;
}

/** JSON arguments arrive decoded (JSON bodies) or as JSON strings (form bodies). */
export function jsonArg(args: ApiArgs, name: string, error: string): unknown {
  const value = args[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new SlackApiError(error, [`[ERROR] ${name} is not valid JSON`]);
  }
}

export function botAuthor(identity: FakeIdentity): Author {
  return { kind: 'bot', userId: identity.botUserId, botId: identity.botId };
}

/**
 * The channel a bot post goes to, or the error Slack gives. A user ID opens the DM with that user;
 * a name (`#general`) is accepted as Slack does.
 */
export function postableChannel(state: FakeState, channelArg: string): ChannelRecord {
  const { conversation } = state;
  if (/^[UW]/.test(channelArg) && conversation.user(channelArg)) return conversation.dmChannel(channelArg);
  const channel = conversation.channel(channelArg);
  if (!channel) throw new SlackApiError('channel_not_found');
  if (channel.kind === 'im' || channel.botIsMember) return channel;
  if (channel.kind === 'public' && state.chatWritePublic) return channel;
  throw new SlackApiError('not_in_channel');
}

export function messageJson(message: MessageRecord, identity: FakeIdentity): Record<string, unknown> {
  const author =
    message.author.kind === 'bot'
      ? { user: message.author.userId, bot_id: message.author.botId, app_id: identity.appId }
      : { user: message.author.userId };
  return {
    type: 'message',
    ts: message.ts,
    text: message.text,
    team: identity.teamId,
    ...author,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(message.edited.length > 0 ? { edited: { user: identity.botUserId, ts: message.ts } } : {}),
    ...(message.files.length > 0 ? { files: message.files.map((id) => ({ id })) } : {}),
  };
}

export function viewJson(view: ViewRecord, identity: FakeIdentity): Record<string, unknown> {
  return {
    callback_id: '',
    private_metadata: '',
    external_id: '',
    clear_on_close: false,
    notify_on_close: false,
    ...view.view,
    id: view.id,
    team_id: identity.teamId,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
    hash: view.hash,
    state: { values: {} },
    root_view_id: view.id,
    previous_view_id: null,
  };
}

export function fileJson(file: FileRecord, identity: FakeIdentity): Record<string, unknown> {
  const created = Math.floor(file.createdAt / 1000);
  return {
    id: file.id,
    created,
    timestamp: created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.snippetType ?? file.name.split('.').pop() ?? 'binary',
    user: identity.botUserId,
    size: file.content?.length ?? file.declaredLength,
    mode: 'hosted',
    is_external: false,
    url_private: file.url,
    url_private_download: file.url,
    permalink: file.url,
    channels: file.channels,
  };
}
