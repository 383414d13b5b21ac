/**
 * The sandbox Slack's messaging methods: `auth.test`, `chat.postMessage`, `chat.postEphemeral`,
 * `chat.update`, `chat.delete` and `conversations.info`, with the errors the bot must handle
 * (`channel_not_found`, `not_in_channel`, `message_not_found`, `cant_update_message`, block limits).
 * @module
 */
import { checkMessageBlocks } from './block-limits.js';
import type { ChannelRecord, MessageRecord, MessageSource } from './conversation.js';
import type { ApiArgs } from './read-body.js';
import {
  SlackApiError,
  botAuthor,
  jsonArg,
  messageJson,
  postableChannel,
  requiredString,
  stringArg,
  type FakeState,
  type MethodHandler,
} from './web-api-kit.js';

/** Slack truncates top-level `text` beyond this many characters (slack-reference.md §3). */
const MAX_TEXT = 40_000;

interface MessageContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/** Decodes and validates text, blocks and attachments the way chat.postMessage does. */
function messageContent(args: ApiArgs): MessageContent {
  const blocks = jsonArg(args, 'blocks', 'invalid_blocks_format');
  const problem = checkMessageBlocks(blocks);
  if (problem) throw new SlackApiError(problem.error, problem.messages);
  const attachments = jsonArg(args, 'attachments', 'invalid_attachments');
  if (attachments !== undefined && !Array.isArray(attachments)) throw new SlackApiError('invalid_attachments');
  const text = (stringArg(args, 'text') ?? stringArg(args, 'markdown_text') ?? '').slice(0, MAX_TEXT);
  if (text === '' && blocks === undefined && attachments === undefined) throw new SlackApiError('no_text');
  return {
    text,
    ...(blocks !== undefined ? { blocks: blocks as unknown[] } : {}),
    ...(attachments !== undefined ? { attachments: attachments as unknown[] } : {}),
  };
}

/** Posts the arguments' content as the bot, in `thread_ts` when given; ephemeral when `visibleTo` is set. */
function postBotMessage(state: FakeState, args: ApiArgs, channel: ChannelRecord, source: MessageSource, visibleTo?: string): MessageRecord {
  const content = messageContent(args);
  const threadTs = stringArg(args, 'thread_ts');
  return state.conversation.postMessage({
    channel: channel.id,
    author: botAuthor(state.identity),
    source,
    ...content,
    ...(visibleTo ? { visibleTo } : {}),
    ...(threadTs ? { threadTs } : {}),
  });
}

function userIsInChannel(channel: ChannelRecord, userId: string): boolean {
  if (channel.kind === 'im') return channel.userId === userId;
  return channel.members === undefined || channel.members.includes(userId);
}

function editableMessage(state: FakeState, args: ApiArgs): MessageRecord {
  const channelArg = requiredString(args, 'channel', 'channel_not_found');
  const ts = requiredString(args, 'ts', 'message_not_found');
  const channel = state.conversation.channel(channelArg);
  if (!channel) throw new SlackApiError('channel_not_found');
  const message = state.conversation.message(channel.id, ts);
  if (!message) throw new SlackApiError('message_not_found');
  return message;
}

function isOwnMessage(state: FakeState, message: MessageRecord): boolean {
  return message.author.kind === 'bot' && message.author.botId === state.identity.botId;
}

export const chatMethods: Record<string, MethodHandler> = {
  'auth.test': (_args, { identity, origin }) => ({
    ok: true,
    url: `${origin()}/`,
    team: identity.teamDomain,
    team_id: identity.teamId,
    user: 'sagemaker-vpc',
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': (args, state) => {
    const channel = postableChannel(state, requiredString(args, 'channel', 'channel_not_found'));
    const message = postBotMessage(state, args, channel, 'chat.postMessage');
    return { ok: true, channel: channel.id, ts: message.ts, message: messageJson(message, state.identity) };
  },

  'chat.postEphemeral': (args, state) => {
    const channel = postableChannel(state, requiredString(args, 'channel', 'channel_not_found'));
    const userId = requiredString(args, 'user', 'user_not_found');
    if (!state.conversation.user(userId)) throw new SlackApiError('user_not_found');
    if (!userIsInChannel(channel, userId)) throw new SlackApiError('user_not_in_channel');
    const message = postBotMessage(state, args, channel, 'chat.postEphemeral', userId);
    return { ok: true, message_ts: message.ts };
  },

  'chat.update': (args, state) => {
    const message = editableMessage(state, args);
    // Ephemerals and other authors' messages can't be edited through the Web API (slack-reference.md §1).
    if (message.ephemeral || !isOwnMessage(state, message)) throw new SlackApiError('cant_update_message');
    const content = messageContent(args);
    state.conversation.updateMessage(message, content);
    return {
      ok: true,
      channel: message.channel,
      ts: message.ts,
      text: message.text,
      message: messageJson(message, state.identity),
    };
  },

  'chat.delete': (args, state) => {
    const message = editableMessage(state, args);
    if (message.ephemeral || !isOwnMessage(state, message)) throw new SlackApiError('cant_delete_message');
    state.conversation.deleteMessage(message);
    return { ok: true, channel: message.channel, ts: message.ts };
  },

  'conversations.info': (args, state) => {
    const channel = state.conversation.channel(requiredString(args, 'channel', 'channel_not_found'));
    // A private channel the bot isn't in is invisible to it.
    if (!channel || (channel.kind === 'private' && !channel.botIsMember)) throw new SlackApiError('channel_not_found');
    return {
      ok: true,
      channel: {
        id: channel.id,
        name: channel.name,
        is_channel: channel.kind === 'public',
        is_group: false,
        is_im: channel.kind === 'im',
        is_private: channel.kind !== 'public',
        is_member: channel.botIsMember,
        is_archived: false,
        ...(channel.userId ? { user: channel.userId } : {}),
      },
    };
  },
};
