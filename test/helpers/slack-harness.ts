/**
 * The Slack integration tests' world: the real bot in HTTP mode (`startDemo`) against the sandbox
 * AWS and Slack fakes on 127.0.0.1, with the bot's log lines captured, plus the reads the tests
 * share — waiting for background work, every payload the bot sent (Web API calls, response_url
 * posts, acks), buttons to click, AWS call counts and ack times.
 */
import { createLogger } from '../../src/logging/logger.js';
import { startDemo, type Demo, type DemoOptions } from '../../src/sandbox/demo/start-demo.js';
import type { SandboxAccount } from '../../src/sandbox/aws/index.js';
import { findAction, type BotReply, type MessageRecord, type SlackClient, type SlackFake } from '../../src/sandbox/slack/index.js';

export { DEMO_CHANNEL, DEMO_USER } from '../../src/sandbox/demo/start-demo.js';

/** What every Slack integration test needs, whichever way the bot was assembled. */
export interface SlackWorld {
  aws: SandboxAccount;
  slack: SlackFake;
  client: SlackClient;
  /** `http://127.0.0.1:<port>` of the bot. */
  origin: string;
  /** The bot's pino lines (warn and above unless asked otherwise), parsed. */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * `startDemo` with the log captured from `logLevel` up (default warn); `env`/`aws` options select
 * another world (allow-lists, a fleet, faults).
 */
export async function startSlackWorld({ logLevel = 'warn', ...options }: DemoOptions & { logLevel?: string } = {}): Promise<SlackWorld & { demo: Demo }> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: logLevel, destination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) } });
  const demo = await startDemo({ logger, ...options });
  return { demo, aws: demo.aws, slack: demo.slack, client: demo.client, origin: `http://127.0.0.1:${demo.bot.port}`, logs, close: () => demo.close() };
}

/** Polls until `probe` returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, { timeoutMs = 10_000, intervalMs = 15 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Calls the AWS fake received (authenticated), per operation and in total. */
export function awsCalls(aws: SandboxAccount): { total: number; by: Record<string, number> } {
  const by = Object.fromEntries(Object.entries(aws.aws.counters()).map(([op, c]) => [op, c.calls]));
  return { total: Object.values(by).reduce((a, b) => a + b, 0), by };
}

/** The first visible (non-ephemeral) message in `channel` whose text matches, as the fake recorded it. */
export function findMessage(slack: SlackFake, channel: string, match: RegExp, { viewer }: { viewer?: string } = {}): MessageRecord | undefined {
  return slack.conversation.messages({ channel, ...(viewer ? { viewer } : {}) }).find((m) => m.source !== 'user' && match.test(m.text));
}

/** The button with this action id (or pattern) in a message's blocks, with its sealed value. */
export function buttonIn(blocks: unknown[] | undefined, actionId: string): { actionId: string; value?: string } | undefined {
  const found = findAction(blocks, actionId);
  if (!found) return undefined;
  const value = found.element['value'];
  return { actionId, ...(typeof value === 'string' ? { value } : {}) };
}

/** A button value without the seal the bot appends (`value~mac`): the JSON before it is the contract. */
export function unsealed(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, value.lastIndexOf('~'));
}

export interface SentPayload {
  /** `chat.postMessage`, `views.update`, `response_url`, `ack`, … */
  via: string;
  text?: string;
  blocks: unknown[];
}

/**
 * Everything the bot sent Slack that Slack would render: Web API arguments (messages and views)
 * and every response_url post, acks included (the fake records an applied ack as a post).
 */
export function sentPayloads(slack: SlackFake): SentPayload[] {
  const out: SentPayload[] = [];
  for (const call of slack.calls()) {
    const args = call.args as Record<string, unknown>;
    const view = args['view'] as { blocks?: unknown[] } | undefined;
    if (typeof args['text'] === 'string' || Array.isArray(args['blocks'])) {
      out.push({ via: call.method, ...(typeof args['text'] === 'string' ? { text: args['text'] } : {}), blocks: (args['blocks'] as unknown[] | undefined) ?? [] });
    }
    if (view && typeof view === 'object') out.push({ via: call.method, blocks: view.blocks ?? [] });
  }
  for (const post of slack.responses()) {
    const body = post.body;
    if (typeof body === 'string') out.push({ via: 'response_url', text: body, blocks: [] });
    else if (body && typeof body === 'object') {
      const b = body as { text?: unknown; blocks?: unknown };
      out.push({ via: 'response_url', ...(typeof b.text === 'string' ? { text: b.text } : {}), blocks: Array.isArray(b.blocks) ? b.blocks : [] });
    }
  }
  return out;
}

/** Keys anywhere in a payload (e.g. `link_names`, `parse`), for the never-set checks. */
export function keysIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysIn(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysIn(v, into);
    }
  }
  return into;
}

/** Ack times per request, asserted against Slack's 3 s and printed once per file (the recorded figures). */
export function createAckLog(file: string) {
  const samples: Array<{ label: string; ms: number }> = [];
  return {
    record<R extends BotReply>(label: string, reply: R): R {
      samples.push({ label, ms: reply.ackMs });
      return reply;
    },
    samples: () => [...samples],
    summary(): string {
      if (samples.length === 0) return `${file}: no acks`;
      const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
      const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      const worst = samples.reduce((a, b) => (b.ms > a.ms ? b : a));
      return `${file}: ${samples.length} acks, p50 ${pick(0.5).toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms, max ${worst.ms.toFixed(1)} ms (${worst.label})`;
    },
  };
}
