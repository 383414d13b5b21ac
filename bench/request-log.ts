/**
 * A request log for one in-process HTTP server (the sandbox AWS fake), taken from Node's built-in
 * `http.server.*` diagnostics channels — no change to the fake. Each span runs from the request's
 * arrival to the end of its response, so the fake's latency is inside it; the longest chain of
 * spans that follow one another is the number of *sequential* round trips a task needed.
 * @module
 */
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RequestSpan {
  /** ms, `performance.now()` clock. */
  start: number;
  end: number;
  /** `SageMaker.DescribeTrainingJob`, or `ec2` (its action travels in the body). */
  operation: string;
}

export interface RequestLog {
  spans(): RequestSpan[];
  reset(): void;
  stop(): void;
}

interface StartMessage {
  request: IncomingMessage;
  socket: Socket;
}

interface FinishMessage {
  request: IncomingMessage;
  response: ServerResponse;
  socket: Socket;
}

/** Logs requests served on `port` (127.0.0.1) from now on. */
export function startRequestLog(port: number): RequestLog {
  const open = new Map<IncomingMessage, RequestSpan>();
  let done: RequestSpan[] = [];
  const onStart = (message: unknown) => {
    const { request, socket } = message as StartMessage;
    if (socket.localPort !== port) return;
    const target = request.headers['x-amz-target'];
    open.set(request, { start: performance.now(), end: Number.NaN, operation: typeof target === 'string' ? target : 'ec2' });
  };
  const onFinish = (message: unknown) => {
    const { request } = message as FinishMessage;
    const span = open.get(request);
    if (!span) return;
    open.delete(request);
    done.push({ ...span, end: performance.now() });
  };
  diagnostics.subscribe('http.server.request.start', onStart);
  diagnostics.subscribe('http.server.response.finish', onFinish);
  return {
    spans: () => [...done],
    reset() {
      open.clear();
      done = [];
    },
    stop() {
      diagnostics.unsubscribe('http.server.request.start', onStart);
      diagnostics.unsubscribe('http.server.response.finish', onFinish);
    },
  };
}

/**
 * The length of the longest chain of spans where each starts after the previous one ended: how
 * many round trips had to happen one after another. Overlapping spans ran in parallel.
 * @example sequentialRoundTrips([{ start: 0, end: 20 }, { start: 21, end: 40 }, { start: 22, end: 41 }]) // 2
 */
export function sequentialRoundTrips(spans: ReadonlyArray<Pick<RequestSpan, 'start' | 'end'>>): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  let longest = 0;
  for (let i = 0; i < sorted.length; i++) {
    const current = sorted[i] as RequestSpan;
    let before = 0;
    for (let j = 0; j < i; j++) if ((sorted[j] as RequestSpan).end <= current.start) before = Math.max(before, depth[j] ?? 0);
    depth[i] = before + 1;
    longest = Math.max(longest, before + 1);
  }
  return longest;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
