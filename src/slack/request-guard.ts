/**
 * Replay-window guard in front of Bolt's HTTPReceiver. Bolt rejects signatures older than five
 * minutes but accepts timestamps in the future; Slack's rule is |now − timestamp| ≤ 5 min
 * (slack-reference.md §5). We buffer the body (Bolt reuses `req.rawBody`), refuse requests
 * outside the window or without signature headers with 401, and let Bolt verify the HMAC.
 * @module
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export interface RequestGuardOptions {
  endpoints?: string[];
  maxSkewSeconds?: number;
  bodyLimitBytes?: number;
  now?: () => number;
  onRejected?: (reason: string, req: IncomingMessage) => void;
}

function reject(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(status === 401 ? 'unauthorized' : 'request rejected');
}

/** Returns a request listener that checks the timestamp window before delegating to `inner`. */
export function guardSlackRequests(inner: RequestListener, options: RequestGuardOptions = {}): RequestListener {
  const endpoints = new Set(options.endpoints ?? ['/slack/events']);
  const maxSkew = options.maxSkewSeconds ?? 300;
  const limit = options.bodyLimitBytes ?? 4 * 1024 * 1024;
  const now = options.now ?? Date.now;

  return (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || !endpoints.has(path)) {
      inner(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !aborted) {
        aborted = true;
        options.onRejected?.('body too large', req);
        reject(res, 413);
        req.destroy();
        return;
      }
      if (!aborted) chunks.push(chunk);
    });
    req.on('error', () => {
      if (!res.headersSent) reject(res, 400);
    });
    req.on('end', () => {
      if (aborted) return;
      const rawBody = Buffer.concat(chunks);
      const signature = req.headers['x-slack-signature'];
      const timestamp = req.headers['x-slack-request-timestamp'];
      if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) {
        options.onRejected?.('missing or malformed signature headers', req);
        reject(res, 401);
        return;
      }
      const skew = Math.abs(Math.floor(now() / 1000) - Number(timestamp));
      if (skew > maxSkew) {
        options.onRejected?.(`timestamp outside the ${maxSkew}s window`, req);
        reject(res, 401);
        return;
      }
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
      inner(req, res);
    });
  };
}
