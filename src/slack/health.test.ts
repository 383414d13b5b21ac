import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHealthTracker, type HealthTracker } from './health.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serves the tracker's handler on 127.0.0.1 and returns GET /healthz as (status, body). */
async function probe(health: HealthTracker): Promise<{ status: number; body: unknown }> {
  server ??= await new Promise<Server>((resolve) => {
    const s = createServer((req, res) => health.handle(req, res));
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('createHealthTracker', () => {
  it('is healthy in HTTP mode from the start', async () => {
    const health = createHealthTracker('http');

    expect(await probe(health)).toEqual({ status: 200, body: { ok: true, mode: 'http' } });
  });

  it.each`
    events                                              | status | socket
    ${[]}                                               | ${503} | ${'starting'}
    ${['connecting']}                                   | ${503} | ${'connecting'}
    ${['connecting', 'connected']}                      | ${200} | ${'connected'}
    ${['connecting', 'connected', 'reconnecting']}      | ${503} | ${'reconnecting'}
    ${['connected', 'disconnected']}                    | ${503} | ${'disconnected'}
    ${['connected', 'reconnecting', 'connected']}       | ${200} | ${'connected'}
    ${['connected', 'authenticated', 'slack_event']}    | ${200} | ${'connected'}
  `('Socket Mode after $events answers $status ($socket)', async ({ events, status, socket }: { events: string[]; status: number; socket: string }) => {
    const client = new EventEmitter();
    const health = createHealthTracker('socket');
    health.watch(client);

    for (const event of events) client.emit(event);

    expect(await probe(health)).toEqual({ status, body: { ok: status === 200, mode: 'socket', socket } });
    expect(health.report().ok).toBe(status === 200);
  });
});
