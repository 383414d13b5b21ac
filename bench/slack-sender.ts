/**
 * Child-process load generator for bench/slack.ts: receives fully signed slash-command requests
 * over IPC and sends them all at once with `fetch`, answering with each one's status and ack time.
 * Running apart from the bot keeps the sender's own CPU out of the bot's latency, as with Slack.
 * @module
 */
import { performance } from 'node:perf_hooks';

export interface SenderRequest {
  body: string;
  headers: Record<string, string>;
}

export interface SenderBurst {
  url: string;
  requests: SenderRequest[];
}

export interface SenderAck {
  status: number;
  ackMs: number;
}

async function burst({ url, requests }: SenderBurst): Promise<SenderAck[]> {
  // One request first, so connection set-up code is warm before the clock runs.
  await (await fetch(new URL('/healthz', url))).text();
  return Promise.all(
    requests.map(async (request) => {
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
      await response.text();
      return { status: response.status, ackMs: performance.now() - started };
    }),
  );
}

process.on('message', (message: SenderBurst | 'exit') => {
  if (message === 'exit') {
    process.disconnect();
    return;
  }
  burst(message).then(
    (acks) => process.send?.({ ok: true, acks }),
    (err: unknown) => process.send?.({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
