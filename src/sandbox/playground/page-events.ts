/**
 * What the page receives over Server-Sent Events: a snapshot on connect, then one event per change
 * in the Slack fake's conversation (messages posted, updated in place or deleted; modals opened and
 * updated; the App Home published) and in the playground itself (channel membership, world
 * switches). Plain JSON built field by field from the records, so nothing else rides along:
 * file contents stay on the server (downloads go through `/files/…`), and tokens, the signing
 * secret and Web API call arguments never exist in these shapes.
 * @module
 */
import type { SandboxScenario } from '../aws/index.js';
import type { ChannelRecord, Conversation, ConversationEvent, FileRecord, MessageRecord, ViewRecord } from '../slack/index.js';
import type { ToggleState } from './world-toggles.js';

export interface FileDto {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  size: number;
  url: string;
}

export interface MessageDto {
  ts: string;
  channel: string;
  threadTs?: string;
  author: { kind: 'bot' | 'user'; id: string; name: string };
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  ephemeral: boolean;
  visibleTo?: string;
  source: string;
  edits: number;
  deleted: boolean;
  files: FileDto[];
}

export interface ChannelDto {
  id: string;
  name: string;
  kind: ChannelRecord['kind'];
  botIsMember: boolean;
}

export interface ViewDto {
  id: string;
  type: ViewRecord['type'];
  userId: string;
  view: Record<string, unknown>;
}

export interface JobDto {
  job: string;
  region: string;
  scenario: string;
  verdict: string;
  command: string;
}

export interface Snapshot {
  type: 'snapshot';
  bot: { id: string; name: string };
  users: Array<{ id: string; name: string }>;
  channels: ChannelDto[];
  messages: MessageDto[];
  homes: ViewDto[];
  jobs: JobDto[];
  toggles: ToggleState[];
}

export type PageEvent =
  | Snapshot
  | { type: 'message'; message: MessageDto }
  | { type: 'modal'; view: ViewDto; opened: boolean }
  | { type: 'home'; view: ViewDto }
  | { type: 'channels'; channels: ChannelDto[] }
  | { type: 'world'; toggles: ToggleState[] };

export interface Identity {
  botUserId: string;
  botName: string;
}

export function fileDto(file: FileRecord): FileDto {
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    size: file.content?.length ?? file.declaredLength,
    url: `/files/${encodeURIComponent(file.id)}/${encodeURIComponent(file.name)}`,
  };
}

export function channelDto(channel: ChannelRecord): ChannelDto {
  return { id: channel.id, name: channel.name, kind: channel.kind, botIsMember: channel.botIsMember };
}

export function viewDto(view: ViewRecord): ViewDto {
  return { id: view.id, type: view.type, userId: view.userId, view: view.view };
}

export function messageDto(message: MessageRecord, conversation: Conversation, identity: Identity): MessageDto {
  const author = message.author;
  const name = author.kind === 'bot' ? identity.botName : (conversation.user(author.userId)?.name ?? author.userId);
  const files = message.files.map((id) => conversation.file(id)).filter((f): f is FileRecord => f !== undefined);
  return {
    ts: message.ts,
    channel: message.channel,
    ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    author: { kind: author.kind, id: author.userId, name },
    text: message.text,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ephemeral: message.ephemeral,
    ...(message.visibleTo ? { visibleTo: message.visibleTo } : {}),
    source: message.source,
    edits: message.edited.length,
    deleted: message.deleted,
    files: files.map(fileDto),
  };
}

/** The page's view of one conversation change, or `undefined` for changes it shows another way. */
export function pageEventOf(event: ConversationEvent, conversation: Conversation, identity: Identity): PageEvent | undefined {
  switch (event.type) {
    case 'message.posted':
    case 'message.updated':
    case 'message.deleted':
      return { type: 'message', message: messageDto(event.message, conversation, identity) };
    case 'view.opened':
    case 'view.updated':
      return { type: 'modal', view: viewDto(event.view), opened: event.type === 'view.opened' };
    case 'home.published':
      return { type: 'home', view: viewDto(event.view) };
    case 'file.shared':
      // The message that carries the file was posted (with the file) just before.
      return { type: 'message', message: messageDto(event.message, conversation, identity) };
  }
}

export function jobDtos(scenarios: readonly SandboxScenario[], defaultRegion: string): JobDto[] {
  return scenarios.map((s) => ({
    job: s.job,
    region: s.region,
    scenario: s.scenario,
    verdict: s.expected.verdict,
    command: `/sagemaker-vpc check ${s.job}${s.region === defaultRegion ? '' : ` --region ${s.region}`}`,
  }));
}

export function snapshotOf(conversation: Conversation, identity: Identity, jobs: JobDto[], toggles: ToggleState[]): Snapshot {
  const users = conversation.users().map((u) => ({ id: u.id, name: u.name }));
  return {
    type: 'snapshot',
    bot: { id: identity.botUserId, name: identity.botName },
    users,
    channels: conversation.channels().map(channelDto),
    messages: conversation.messages().map((m) => messageDto(m, conversation, identity)),
    homes: users.map((u) => conversation.home(u.id)).filter((v): v is ViewRecord => v !== undefined).map(viewDto),
    jobs,
    toggles,
  };
}
