/**
 * `GET /healthz` (DESIGN.md §6): 200 in HTTP mode once the server listens; in Socket Mode 200 only
 * while the WebSocket is connected, 503 before and between connections — so an orchestrator's
 * health check notices a bot that cannot receive anything (Slack answers `dispatch_failed` then).
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.js';

/** The connection states `@slack/socket-mode` emits, plus ours before the first one. */
export const SOCKET_STATES = ['connecting', 'connected', 'reconnecting', 'disconnected'] as const;
export type SocketState = 'starting' | (typeof SOCKET_STATES)[number];

export interface HealthReport {
  ok: boolean;
  mode: 'http' | 'socket';
  socket?: SocketState;
}

/** The part of a SocketModeClient we watch (an EventEmitter). */
export interface StateSource {
  on(event: string, listener: () => void): unknown;
}

export interface HealthTracker {
  report(): HealthReport;
  /** Follows a Socket Mode client's connection state, logging each change. */
  watch(source: StateSource): void;
  /** The `/healthz` handler: JSON report, 200 when ok, else 503. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export function createHealthTracker(mode: 'http' | 'socket', logger?: Logger): HealthTracker {
  let socket: SocketState = 'starting';
  const report = (): HealthReport => ({
    ok: mode === 'http' || socket === 'connected',
    mode,
    ...(mode === 'socket' ? { socket } : {}),
  });
  return {
    report,
    watch(source) {
      for (const state of SOCKET_STATES) {
        source.on(state, () => {
          socket = state;
          logger?.info({ state }, 'socket mode connection state');
        });
      }
    },
    handle(_req, res) {
      const state = report();
      res.writeHead(state.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(state));
    },
  };
}
