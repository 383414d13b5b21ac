/**
 * The playground server: one HTML page and one script from memory, a Server-Sent Events stream of
 * the Slack fake's conversation, the JSON API the page calls, and file downloads. Binds 127.0.0.1.
 * Requests must name this server as `Host` (no DNS rebinding), and API calls must be same-origin
 * JSON, so another site open in the same browser cannot drive the bot.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_SCENARIOS } from '../aws/index.js';
import { buildBrowserScript } from './bundle.js';
import { BOT_NAME } from './composer-intent.js';
import { buildPage } from './page.js';
import { channelDto, jobDtos, pageEventOf, snapshotOf, type Identity, type PageEvent } from './page-events.js';
import { createPlaygroundApi, type ApiAnswer, type PlaygroundDemo } from './playground-api.js';
import { toggleStates } from './world-toggles.js';

export interface PlaygroundOptions {
  demo: PlaygroundDemo;
  /** Default 3000; 0 picks a free port (tests). */
  port?: number;
  host?: string;
  /** Comment lines that keep idle streams open through proxies; default 15 s. */
  heartbeatMs?: number;
}

export interface Playground {
  /** `http://localhost:<port>/` */
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is already in use`);
    this.name = 'PortInUseError';
  }
}

const MAX_BODY = 64 * 1024;
const SAFE_DOWNLOAD_TYPES = new Set(['text/csv', 'text/plain', 'application/json']);
const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

function sendJson(res: ServerResponse, answer: ApiAnswer): void {
  res.writeHead(answer.status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(answer.body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

export async function startPlayground({ demo, port = 3000, host = '127.0.0.1', heartbeatMs = 15_000 }: PlaygroundOptions): Promise<Playground> {
  const script = await buildBrowserScript();
  const page = buildPage();
  const conversation = demo.slack.conversation;
  const identity: Identity = { botUserId: demo.slack.botUserId, botName: BOT_NAME };
  const jobs = jobDtos(SANDBOX_SCENARIOS, demo.aws.regions[0] ?? 'us-east-1');
  const streams = new Set<ServerResponse>();
  const announced = new Set(conversation.channels().map((c) => c.id));
  let eventId = 0;
  let allowedHosts = new Set<string>();

  function write(res: ServerResponse, event: PageEvent): void {
    eventId += 1;
    res.write(`id: ${eventId}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  function broadcast(event: PageEvent): void {
    for (const res of streams) write(res, event);
  }

  const channelsChanged = () => broadcast({ type: 'channels', channels: conversation.channels().map(channelDto) });
  const api = createPlaygroundApi(demo, { channelsChanged, worldChanged: () => broadcast({ type: 'world', toggles: toggleStates(demo.aws.world) }) });
  const handlers: Record<string, (body: unknown) => ApiAnswer | Promise<ApiAnswer>> = {
    '/api/compose': api.compose,
    '/api/action': api.action,
    '/api/home': api.openHome,
    '/api/world': api.world,
  };

  const unsubscribe = conversation.subscribe((event) => {
    // A DM channel appears the first time the bot writes to someone: announce it before its message.
    const channel = 'message' in event ? event.message.channel : undefined;
    if (channel !== undefined && !announced.has(channel)) {
      announced.add(channel);
      channelsChanged();
    }
    const pageEvent = pageEventOf(event, conversation, identity);
    if (pageEvent) broadcast(pageEvent);
  });

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    write(res, snapshotOf(conversation, identity, jobs, toggleStates(demo.aws.world)));
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  function download(res: ServerResponse, id: string): void {
    const file = conversation.file(decodeURIComponent(id));
    if (!file?.content) return sendJson(res, { status: 404, body: { ok: false, error: 'file_not_found' } });
    const type = SAFE_DOWNLOAD_TYPES.has(file.mimetype) ? file.mimetype : 'application/octet-stream';
    res.writeHead(200, { ...COMMON_HEADERS, 'content-type': type, 'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"` });
    res.end(file.content);
  }

  /** Same-origin JSON only: a cross-site form post or no-cors fetch cannot reach the API. */
  function sameOriginJson(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    const json = (req.headers['content-type'] ?? '').startsWith('application/json');
    return json && (origin === undefined || allowedHosts.has(origin.replace(/^http:\/\//, ''))) && (site === undefined || site === 'same-origin');
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return sendJson(res, { status: 421, body: { ok: false, error: 'unexpected Host header' } });
    const url = new URL(req.url ?? '/', 'http://playground.invalid');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp });
      return void res.end(page.html);
    }
    if (req.method === 'GET' && path === '/app.js') {
      res.writeHead(200, { ...COMMON_HEADERS, 'content-type': 'text/javascript; charset=utf-8' });
      return void res.end(script);
    }
    if (req.method === 'GET' && path === '/api/events') return openStream(req, res);
    if (req.method === 'GET' && path === '/favicon.ico') {
      res.writeHead(204, COMMON_HEADERS);
      return void res.end();
    }
    if (req.method === 'GET' && path === '/healthz') return sendJson(res, { status: 200, body: { ok: true } });
    const file = /^\/files\/([^/]+)\/[^/]*$/.exec(path);
    if (req.method === 'GET' && file) return download(res, file[1] ?? '');
    const handler = handlers[path];
    if (!handler) return sendJson(res, { status: 404, body: { ok: false, error: 'not_found' } });
    if (req.method !== 'POST') return sendJson(res, { status: 405, body: { ok: false, error: 'method_not_allowed' } });
    if (!sameOriginJson(req)) return sendJson(res, { status: 403, body: { ok: false, error: 'same-origin JSON requests only' } });
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return sendJson(res, { status: 400, body: { ok: false, error: 'body must be JSON (at most 64 KiB)' } });
    }
    return sendJson(res, await handler(body));
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('playground: request failed', error);
      if (!res.headersSent) sendJson(res, { status: 500, body: { ok: false, error: 'internal_error' } });
      else res.end();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    unsubscribe();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(host, port);
    throw error;
  }
  const bound = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`localhost:${bound}`, `127.0.0.1:${bound}`, `[::1]:${bound}`]);
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  return {
    url: `http://localhost:${bound}/`,
    port: bound,
    host,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(heartbeat);
        unsubscribe();
        for (const res of streams) res.end();
        streams.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
