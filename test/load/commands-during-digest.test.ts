/**
 * Load (`npm run test:load`, not in `npm test`): 100 concurrent slash commands while a digest of a
 * 10,000-job fleet runs. Every command must be acked in < 3 s and answered; memory and event-loop
 * delay are reported.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFleet } from '../../src/sandbox/aws/index.js';
import { DEMO_CHANNEL, DEMO_USER, startSlackWorld, waitFor, type SlackWorld } from '../helpers/slack-harness.js';

const JOBS = 10_000;
const COMMANDS = 100;
const fleet = generateFleet({ jobs: JOBS, seed: 'load', spanDays: 20 });
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld({ aws: { world: fleet.world, latencyMs: 20 } });
});
afterAll(async () => {
  await world?.close();
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

describe('load', () => {
  it(`acks and answers ${COMMANDS} concurrent commands while a ${JOBS.toLocaleString('en-US')}-job digest runs`, async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const started = Date.now();

    const digest = await world.client.sendSlashCommand({ text: 'digest now', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    expect(digest.status).toBe(200);
    await waitFor('the digest audit to start', () => world.aws.aws.counters().Search?.calls ?? 0, { timeoutMs: 20_000 });

    const names = Array.from({ length: COMMANDS }, (_, i) => fleet.jobName((i * 97) % JOBS));
    const replies = await Promise.all(names.map((job) => world.client.sendSlashCommand({ text: `check ${job}`, userId: DEMO_USER, channelId: DEMO_CHANNEL })));
    const acks = replies.map((r) => r.ackMs).sort((a, b) => a - b);
    const answered = await waitFor(
      `answers to all ${COMMANDS} commands`,
      () => {
        const texts = world.slack.conversation.messages({ channel: DEMO_CHANNEL, viewer: DEMO_USER }).map((m) => m.text);
        const done = names.filter((job) => texts.some((t) => t.includes(job) && /\b(PASS|FAIL|UNKNOWN)\b/.test(t)));
        return done.length === COMMANDS ? done.length : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 250 },
    );
    const digestPosted = await waitFor('the digest', () => world.slack.conversation.messages({ channel: DEMO_CHANNEL }).find((m) => m.text.startsWith('Compliance digest')), {
      timeoutMs: 300_000,
      intervalMs: 250,
    });
    clearInterval(sampler);
    loop.disable();

    const pick = (q: number) => acks[Math.min(acks.length - 1, Math.floor(q * acks.length))] ?? 0;
    console.info(
      [
        `load: ${COMMANDS} concurrent commands during a ${JOBS}-job digest (20 ms fake latency)`,
        `  ack p50 ${pick(0.5).toFixed(1)} ms · p99 ${pick(0.99).toFixed(1)} ms · max ${acks.at(-1)?.toFixed(1)} ms`,
        `  all ${answered} answered and the digest posted in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `  event-loop delay p50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms · p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms · max ${(loop.max / 1e6).toFixed(1)} ms`,
        `  peak RSS ${mb(peakRss)} · heap ${mb(process.memoryUsage().heapUsed)}`,
        `  digest: ${digestPosted.text.slice(0, 120)}`,
      ].join('\n'),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(acks.at(-1)).toBeLessThan(3_000);
    expect(answered).toBe(COMMANDS);
  });
});
