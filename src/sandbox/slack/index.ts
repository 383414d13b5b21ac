/**
 * The sandbox Slack: a local Slack Web API fake with response_url endpoints and a conversation
 * model, a Slack request signer, and a client that drives a bot the way Slack does.
 * @module
 */
export {
  startSlackFake,
  DEFAULT_CHANNELS,
  DEFAULT_USERS,
  type SlackFake,
  type SlackFakeOptions,
  type WebApiCall,
} from './server.js';
export {
  createConversation,
  type Author,
  type ChannelKind,
  type ChannelRecord,
  type ChannelSeed,
  type Conversation,
  type ConversationEvent,
  type ConversationEventType,
  type FileRecord,
  type MessageFilter,
  type MessageRecord,
  type MessageSource,
  type MessageVersion,
  type UserSeed,
  type ViewRecord,
  type ViewVersion,
} from './conversation.js';
export { type Fault, type FaultMap } from './faults.js';
export {
  RESPONSE_URL_MAX_USES,
  RESPONSE_URL_TTL_MS,
  type ResponsePost,
  type ResponseUrlContext,
} from './response-urls.js';
export { TRIGGER_TTL_MS, type TriggerContext } from './triggers.js';
export { checkMessageBlocks, checkView, MAX_MESSAGE_BLOCKS, MAX_TOTAL_BLOCK_TEXT, MAX_VIEW_BLOCKS, type BlocksProblem } from './block-limits.js';
export { signSlackRequest, type SignSlackRequestInput, type SlackSignatureHeaders } from './signing.js';
export {
  createSlackClient,
  type BlockActionInput,
  type BlockActionReply,
  type BotReply,
  type EventInput,
  type SentRequest,
  type SignatureOverrides,
  type SlackClient,
  type SlackClientOptions,
  type SlashCommandInput,
  type SlashCommandReply,
} from './client.js';
export { findAction } from './payloads.js';
export { createQuietLogger, type QuietLogger } from './quiet-logger.js';
