/**
 * The records of the sandbox Slack's conversation model and the change events it emits — plain
 * data a playground page can render and stream.
 * @module
 */

export type ChannelKind = 'public' | 'private' | 'im';

export interface ChannelSeed {
  id: string;
  name: string;
  kind?: ChannelKind;
  /** Whether the bot was invited. Public channels are still postable with `chat:write.public`. */
  botIsMember?: boolean;
  /** User IDs in the channel; omitted means every known user (ephemerals check this). */
  members?: string[];
}

export interface ChannelRecord {
  id: string;
  name: string;
  kind: ChannelKind;
  botIsMember: boolean;
  members?: string[];
  /** For `im` channels: the human on the other side. */
  userId?: string;
}

export interface UserSeed {
  id: string;
  name: string;
}

export type Author = { kind: 'bot'; userId: string; botId: string } | { kind: 'user'; userId: string };

export type MessageSource =
  | 'chat.postMessage'
  | 'chat.postEphemeral'
  | 'files.completeUploadExternal'
  | 'response_url'
  | 'ack'
  | 'user';

export interface MessageVersion {
  text: string;
  blocks?: unknown[];
  /** The fake's clock (ms) when this version was replaced. */
  replacedAt: number;
}

export interface MessageRecord {
  ts: string;
  channel: string;
  threadTs?: string;
  author: Author;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files: string[];
  ephemeral: boolean;
  /** The only user who sees an ephemeral message. */
  visibleTo?: string;
  source: MessageSource;
  /** Earlier versions, oldest first; the record itself holds the current one. */
  edited: MessageVersion[];
  deleted: boolean;
}

export interface MessageInput {
  channel: string;
  author: Author;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  files?: string[];
  visibleTo?: string;
  source: MessageSource;
}

export interface ViewVersion {
  view: Record<string, unknown>;
  hash: string;
  at: number;
}

export interface ViewRecord {
  id: string;
  type: 'modal' | 'home';
  userId: string;
  view: Record<string, unknown>;
  hash: string;
  /** Every version including the current one, oldest first. */
  history: ViewVersion[];
}

export interface FileRecord {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  snippetType?: string;
  altText?: string;
  /** Declared by files.getUploadURLExternal; the upload itself sets `content`. */
  declaredLength: number;
  content?: Buffer;
  /** Download URL on the fake. */
  url: string;
  channels: string[];
  createdAt: number;
}

export type ConversationEvent =
  | { type: 'message.posted'; message: MessageRecord }
  | { type: 'message.updated'; message: MessageRecord; previous: MessageVersion }
  | { type: 'message.deleted'; message: MessageRecord }
  | { type: 'view.opened'; view: ViewRecord }
  | { type: 'view.updated'; view: ViewRecord }
  | { type: 'home.published'; view: ViewRecord }
  | { type: 'file.shared'; file: FileRecord; message: MessageRecord };

export type ConversationEventType = ConversationEvent['type'];
