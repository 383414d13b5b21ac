/**
 * The sandbox Slack: a local Slack Web API fake on 127.0.0.1 that the real Bolt app and
 * `@slack/web-api` WebClient talk to (`clientOptions.slackApiUrl: fake.url`), plus the upload
 * host, file downloads and `response_url` endpoints — all recording into one conversation model.
 * Answers are HTTP 200 `{ ok: true, … }` or `{ ok: false, error }` like Slack; faults can be injected.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer as readBody } from 'node:stream/consumers';
import { createConversation, type ChannelSeed, type Conversation, type MessageRecord, type UserSeed } from './conversation.js';
import { createFaultRegistry, type FaultMap } from './faults.js';
import { BodyError, parseApiArgs, type ApiArgs } from './read-body.js';
import { createResponseUrlRegistry, type ResponsePost, type ResponseUrlContext } from './response-urls.js';
import { createTriggerRegistry, type TriggerContext } from './triggers.js';
import { chatMethods } from './web-api-chat.js';
import { fileMethods, receiveUpload } from './web-api-files.js';
import { SlackApiError, type FakeIdentity, type FakeState, type MethodHandler } from './web-api-kit.js';
import { viewMethods } from './web-api-views.js';

export const DEFAULT_CHANNELS: ChannelSeed[] = [
  { id: 'C0GENERAL', name: 'general', kind: 'public', botIsMember: true },
  { id: 'C0RANDOM', name: 'random', kind: 'public', botIsMember: false },
  { id: 'C0PRIVATE', name: 'ml-platform-private', kind: 'private', botIsMember: false },
];

export const DEFAULT_USERS: UserSeed[] = [
  { id: 'U0ALICE', name: 'alice' },
  { id: 'U0BOB', name: 'bob' },
];

export interface SlackFakeOptions {
  port?: number;
  host?: string;
  botToken: string;
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  channels?: ChannelSeed[];
  users?: UserSeed[];
  /** Assume the `chat:write.public` scope (the manifest has it). */
  chatWritePublic?: boolean;
  /** Clock in ms for trigger and response_url expiry and message ts; defaults to `Date.now`. */
  now?: () => number;
}

export interface WebApiCall {
  seq: number;
  method: string;
  /** Arguments as sent, with JSON-string arguments (`blocks`, `view`, `files`, …) decoded. */
  args: ApiArgs;
  status: number;
  response: Record<string, unknown>;
  at: number;
}

export interface SlackFake extends FakeIdentity {
  /** Web API base URL for `slackApiUrl`; ends with `/api/`. */
  url: string;
  origin: string;
  conversation: Conversation;
  calls(method?: string): WebApiCall[];
  /** Every POST to a response_url (and every applied ack), in order. */
  responses(url?: string): ResponsePost[];
  createResponseUrl(context: ResponseUrlContext): string;
  createTriggerId(context: TriggerContext): string;
  /** Shows a slash command's HTTP ack body in the conversation, as Slack does (spends no use). */
  applyAck(responseUrl: string, ackBody: string): MessageRecord | undefined;
  responseUrlUses(url: string): number;
  setFaults(faults: FaultMap): void;
  /** Forgets messages, views, files, calls, triggers, response URLs and faults. */
  reset(): void;
  close(): Promise<void>;
}

const METHODS: Record<string, MethodHandler> = { ...chatMethods, ...viewMethods, ...fileMethods };
const JSON_ARGS = ['blocks', 'attachments', 'view', 'files'];

function decodeForRecord(args: ApiArgs): ApiArgs {
  const decoded: ApiArgs = { ...args };
  for (const key of JSON_ARGS) {
    const value = decoded[key];
    if (typeof value !== 'string') continue;
    try {
      decoded[key] = JSON.parse(value) as unknown;
    } catch {
      // Keep the raw string: the method reports the bad JSON itself.
    }
  }
  return decoded;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body);
}

function bearer(req: IncomingMessage, args: ApiArgs): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return typeof args['token'] === 'string' ? args['token'] : undefined;
}

/** Starts the fake on 127.0.0.1 (port 0 = any free port). */
export async function startSlackFake(options: SlackFakeOptions): Promise<SlackFake> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const identity: FakeIdentity = {
    teamId: options.teamId ?? 'T0SANDBOX',
    teamDomain: options.teamDomain ?? 'sandbox',
    botUserId: options.botUserId ?? 'U0SANDBOXBOT',
    botId: options.botId ?? 'B0SANDBOX',
    appId: options.appId ?? 'A0SANDBOX',
    botToken: options.botToken,
  };
  let origin = '';
  const conversation = createConversation({ channels: options.channels ?? DEFAULT_CHANNELS, users: options.users ?? DEFAULT_USERS, now });
  const triggers = createTriggerRegistry(now);
  const faults = createFaultRegistry();
  const responseUrls = createResponseUrlRegistry({ conversation, identity, faults, origin: () => origin, now });
  const state: FakeState = { identity, conversation, triggers, chatWritePublic: options.chatWritePublic ?? true, origin: () => origin, now };
  let calls: WebApiCall[] = [];

  async function callMethod(method: string, req: IncomingMessage, args: ApiArgs): Promise<{ status: number; response: Record<string, unknown>; headers?: Record<string, string> }> {
    const fault = faults.take(method);
    if (fault && 'error' in fault) return { status: 200, response: { ok: false, error: fault.error } };
    if (fault?.status === 429) {
      return { status: 429, response: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(fault.retryAfter ?? 1) } };
    }
    if (fault) return { status: fault.status, response: { ok: false, error: 'internal_error' } };
    const token = bearer(req, args);
    if (token === undefined) return { status: 200, response: { ok: false, error: 'not_authed' } };
    if (token !== identity.botToken) return { status: 200, response: { ok: false, error: 'invalid_auth' } };
    const handler = METHODS[method];
    if (!handler) return { status: 200, response: { ok: false, error: 'unknown_method', req_method: method } };
    try {
      return { status: 200, response: await handler(args, state) };
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      const metadata = error.messages.length > 0 ? { response_metadata: { messages: error.messages } } : {};
      return { status: 200, response: { ok: false, error: error.code, ...metadata } };
    }
  }

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let args: ApiArgs = {};
    let outcome: Awaited<ReturnType<typeof callMethod>>;
    try {
      args = await parseApiArgs(await readBody(req), req.headers['content-type'], url.searchParams);
      outcome = await callMethod(method, req, args);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      outcome = { status: 200, response: { ok: false, error: error.code } };
    }
    calls.push({ seq: calls.length + 1, method, args: decodeForRecord(args), status: outcome.status, response: outcome.response, at: now() });
    send(res, outcome.status, JSON.stringify(outcome.response), outcome.headers);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const [, area, id, ...rest] = url.pathname.split('/');
    if (area === 'api' && id) return handleApi(id, req, res, url);
    if (area === 'upload' && id && req.method === 'POST') {
      const body = await readBody(req);
      const fault = faults.take('upload');
      if (fault) return send(res, 'status' in fault ? fault.status : 400, 'error' in fault ? fault.error : 'injected_fault');
      const answer = await receiveUpload(state, id, body, req.headers['content-type']);
      return send(res, answer.status, answer.body, { 'content-type': 'text/plain' });
    }
    if (area === 'files' && id && req.method === 'GET') {
      const file = conversation.file(id);
      if (!file?.content) return send(res, 404, 'file_not_found', { 'content-type': 'text/plain' });
      res.writeHead(200, { 'content-type': file.mimetype, 'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"` });
      return void res.end(file.content);
    }
    if (area === 'response' && id && rest.length === 0 && req.method === 'POST') {
      const answer = responseUrls.post(id, await readBody(req));
      return send(res, answer.status, answer.body, answer.headers);
    }
    send(res, 404, JSON.stringify({ ok: false, error: 'not_found' }));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // An unexpected failure is a bug in the fake: answer 500 so the caller sees it, and say why.
      console.error('slack fake: request failed', error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: 'internal_error' }));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    ...identity,
    url: `${origin}/api/`,
    origin,
    conversation,
    calls: (method) => calls.filter((c) => method === undefined || c.method === method),
    responses: (url) => responseUrls.posts(url),
    createResponseUrl: (context) => responseUrls.create(context),
    createTriggerId: (context) => triggers.create(context),
    applyAck: (responseUrl, ackBody) => responseUrls.applyAck(responseUrl, ackBody),
    responseUrlUses: (url) => responseUrls.uses(url),
    setFaults: (map) => faults.set(map),
    reset() {
      conversation.reset();
      triggers.reset();
      responseUrls.reset();
      faults.reset();
      calls = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
