/**
 * The sandbox Slack's conversation model: channels, users, messages (with edit history and
 * ephemeral visibility), modals, App Home views and files — everything the fake Web API and the
 * response_url endpoints change, in one place, with change events so a playground page can stream
 * the conversation as it happens.
 *
 * Records are live objects owned by the model: read them, never mutate them.
 * @module
 */
import { EventEmitter } from 'node:events';
import type {
  ChannelRecord,
  ChannelSeed,
  ConversationEvent,
  ConversationEventType,
  FileRecord,
  MessageInput,
  MessageRecord,
  MessageVersion,
  UserSeed,
  ViewRecord,
} from './conversation-records.js';

export type {
  ChannelKind,
  ChannelSeed,
  ChannelRecord,
  UserSeed,
  Author,
  MessageSource,
  MessageVersion,
  MessageRecord,
  MessageInput,
  ViewVersion,
  ViewRecord,
  FileRecord,
  ConversationEvent,
  ConversationEventType,
} from './conversation-records.js';

export interface MessageFilter {
  channel?: string;
  /** Only replies in this thread (the parent excluded). */
  threadTs?: string;
  /** What this user sees: visible messages plus ephemerals addressed to them. */
  viewer?: string;
  includeDeleted?: boolean;
}

export interface Conversation {
  channels(): ChannelRecord[];
  channel(idOrName: string): ChannelRecord | undefined;
  addChannel(seed: ChannelSeed): ChannelRecord;
  setBotMember(channelId: string, isMember: boolean): void;
  /** The DM channel between the bot and a user, created on first use. */
  dmChannel(userId: string): ChannelRecord;
  users(): UserSeed[];
  user(id: string): UserSeed | undefined;
  messages(filter?: MessageFilter): MessageRecord[];
  message(channel: string, ts: string): MessageRecord | undefined;
  postMessage(input: MessageInput): MessageRecord;
  updateMessage(message: MessageRecord, next: { text: string; blocks?: unknown[]; attachments?: unknown[] }): MessageRecord;
  deleteMessage(message: MessageRecord): void;
  views(type?: ViewRecord['type']): ViewRecord[];
  view(id: string): ViewRecord | undefined;
  home(userId: string): ViewRecord | undefined;
  openView(userId: string, view: Record<string, unknown>): ViewRecord;
  updateView(record: ViewRecord, view: Record<string, unknown>): ViewRecord;
  publishHome(userId: string, view: Record<string, unknown>): ViewRecord;
  files(): FileRecord[];
  file(id: string): FileRecord | undefined;
  addFile(file: Omit<FileRecord, 'id' | 'url' | 'channels' | 'createdAt'>, urlFor: (id: string, name: string) => string): FileRecord;
  shareFiles(files: FileRecord[], message: MessageInput): MessageRecord;
  on<T extends ConversationEventType>(type: T, listener: (event: Extract<ConversationEvent, { type: T }>) => void): () => void;
  /** Every event, in order — what a page streams. */
  subscribe(listener: (event: ConversationEvent) => void): () => void;
  /** Forget messages, views and files; keep channels and users as seeded. */
  reset(): void;
}

export interface ConversationOptions {
  channels: ChannelSeed[];
  users: UserSeed[];
  now: () => number;
}

/** Creates an empty conversation over the given channels and users. */
export function createConversation({ channels: channelSeeds, users: userSeeds, now }: ConversationOptions): Conversation {
  const events = new EventEmitter();
  const channels = new Map<string, ChannelRecord>();
  const users = new Map(userSeeds.map((u) => [u.id, { ...u }]));
  let messages: MessageRecord[] = [];
  let views = new Map<string, ViewRecord>();
  let homes = new Map<string, string>();
  let files = new Map<string, FileRecord>();
  let counter = 0;
  let lastTsMicros = 0;

  function seedChannels(): void {
    channels.clear();
    for (const seed of channelSeeds) addChannel(seed);
  }

  function addChannel(seed: ChannelSeed): ChannelRecord {
    const record: ChannelRecord = {
      id: seed.id,
      name: seed.name,
      kind: seed.kind ?? 'public',
      botIsMember: seed.botIsMember ?? true,
      ...(seed.members ? { members: [...seed.members] } : {}),
    };
    channels.set(record.id, record);
    return record;
  }

  function nextId(prefix: string): string {
    counter += 1;
    return `${prefix}${String(counter).padStart(10, '0')}`;
  }

  /** Slack ts: seconds.microseconds, unique and increasing even when the injected clock stands still. */
  function nextTs(): string {
    const micros = Math.max(now() * 1000, lastTsMicros + 1);
    lastTsMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  function emit(event: ConversationEvent): void {
    events.emit(event.type, event);
    events.emit('*', event);
  }

  function postMessage(input: MessageInput): MessageRecord {
    const record: MessageRecord = {
      ts: nextTs(),
      channel: input.channel,
      author: input.author,
      text: input.text,
      files: input.files ?? [],
      ephemeral: input.visibleTo !== undefined,
      source: input.source,
      edited: [],
      deleted: false,
      ...(input.threadTs ? { threadTs: input.threadTs } : {}),
      ...(input.blocks ? { blocks: input.blocks } : {}),
      ...(input.attachments ? { attachments: input.attachments } : {}),
      ...(input.visibleTo ? { visibleTo: input.visibleTo } : {}),
    };
    messages.push(record);
    emit({ type: 'message.posted', message: record });
    return record;
  }

  function storeView(type: ViewRecord['type'], id: string, userId: string, view: Record<string, unknown>): ViewRecord {
    const hash = `${now()}.${nextId('H')}`;
    const existing = views.get(id);
    const record: ViewRecord = existing ?? { id, type, userId, view, hash, history: [] };
    record.view = view;
    record.hash = hash;
    record.history.push({ view, hash, at: now() });
    views.set(id, record);
    return record;
  }

  seedChannels();

  return {
    channels: () => [...channels.values()],
    channel: (idOrName) =>
      channels.get(idOrName) ?? [...channels.values()].find((c) => c.name === idOrName.replace(/^#/, '')),
    addChannel,
    setBotMember(channelId, isMember) {
      const record = channels.get(channelId);
      if (record) record.botIsMember = isMember;
    },
    dmChannel(userId) {
      const id = `D${userId.replace(/^[UW]/, '')}`;
      const existing = channels.get(id);
      if (existing) return existing;
      const record: ChannelRecord = { id, name: userId, kind: 'im', botIsMember: true, userId };
      channels.set(id, record);
      return record;
    },
    users: () => [...users.values()],
    user: (id) => users.get(id),
    messages(filter = {}) {
      return messages.filter(
        (m) =>
          (filter.includeDeleted || !m.deleted) &&
          (filter.channel === undefined || m.channel === filter.channel) &&
          (filter.threadTs === undefined || m.threadTs === filter.threadTs) &&
          (filter.viewer === undefined || !m.ephemeral || m.visibleTo === filter.viewer),
      );
    },
    message: (channel, ts) => messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted),
    postMessage,
    updateMessage(message, next) {
      const previous: MessageVersion = {
        text: message.text,
        replacedAt: now(),
        ...(message.blocks ? { blocks: message.blocks } : {}),
      };
      message.edited.push(previous);
      message.text = next.text;
      if (next.blocks) message.blocks = next.blocks;
      else delete message.blocks;
      if (next.attachments) message.attachments = next.attachments;
      emit({ type: 'message.updated', message, previous });
      return message;
    },
    deleteMessage(message) {
      message.deleted = true;
      emit({ type: 'message.deleted', message });
    },
    views: (type) => [...views.values()].filter((v) => type === undefined || v.type === type),
    view: (id) => views.get(id),
    home: (userId) => {
      const id = homes.get(userId);
      return id === undefined ? undefined : views.get(id);
    },
    openView(userId, view) {
      const record = storeView('modal', nextId('V'), userId, view);
      emit({ type: 'view.opened', view: record });
      return record;
    },
    updateView(record, view) {
      storeView(record.type, record.id, record.userId, view);
      emit(record.type === 'home' ? { type: 'home.published', view: record } : { type: 'view.updated', view: record });
      return record;
    },
    publishHome(userId, view) {
      // Slack keeps one Home view per user and app, so its ID is stable across publishes.
      const id = homes.get(userId) ?? nextId('V');
      homes.set(userId, id);
      const record = storeView('home', id, userId, view);
      emit({ type: 'home.published', view: record });
      return record;
    },
    files: () => [...files.values()],
    file: (id) => files.get(id),
    addFile(file, urlFor) {
      const id = nextId('F');
      const record: FileRecord = { ...file, id, url: urlFor(id, file.name), channels: [], createdAt: now() };
      files.set(id, record);
      return record;
    },
    shareFiles(shared, input) {
      const message = postMessage({ ...input, files: shared.map((f) => f.id) });
      for (const file of shared) {
        if (!file.channels.includes(input.channel)) file.channels.push(input.channel);
        emit({ type: 'file.shared', file, message });
      }
      return message;
    },
    on(type, listener) {
      const wrapped = listener as (event: ConversationEvent) => void;
      events.on(type, wrapped);
      return () => events.off(type, wrapped);
    },
    subscribe(listener) {
      events.on('*', listener);
      return () => events.off('*', listener);
    },
    reset() {
      messages = [];
      views = new Map();
      homes = new Map();
      files = new Map();
      seedChannels();
    },
  };
}
