/**
 * Fuzzing with fast-check over the real HTTP path: 10,000 generated slash-command texts and
 * 10,000 generated button clicks, signed like Slack signs them. Never an exception escaping a
 * handler (Bolt's error handler would log "unhandled listener error"), always a 200 ack within
 * 3 s with an answer, and nothing the bot sends carries a live `<!channel>`, `<!here>`,
 * `<!everyone>`, `<@U…>`, `<!subteam^…>` or link built from input.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { foreignSequences, mrkdwnTexts } from '../../src/slack/views/testing/inspect.js';
import { DEMO_CHANNEL, DEMO_USER, sentPayloads, sleep, startSlackWorld, waitFor, type SlackWorld } from '../helpers/slack-harness.js';

const RUNS = 10_000;
const CONCURRENCY = 32;
let world: SlackWorld;

beforeAll(async () => {
  world = await startSlackWorld({
    // Fast pacing so the few generated commands that are valid audits don't queue behind 5 req/s.
    awsClient: { sagemakerMaxRps: 1_000, maxAttempts: 1 },
    slack: { fleetCooldownMs: 60_000 },
  });
  world.slack.reset();
});
afterAll(async () => {
  await world?.close();
});

const WORDS = [
  'check', 'check', 'remediate', 'check-network', 'digest', 'help', 'rules', '--all', '--region', 'us-east-1', 'mars-1', '--since',
  '30d', 'all', 'yesterday', '--status', 'Completed', 'Running', '--max-jobs', '0', '7', 'list', 'remove', 'add', '"0 9 * * 1"',
  '"61 * * * *"', '--tz', 'Mars/Olympus', '--subnets', 'subnet-0123456789abcdef0', '--security-groups', 'sg-0123456789abcdef0',
  '--instances', 'vision-resnet-open-ssh', 'no-such-job', 'bad_name!', '<!channel>', '<!here>', '<!everyone>', '<@U123>',
  '<@U123|bob>', '<!subteam^S123>', '<http://evil.example|click>', '<https://x.y>', '<#C123>', '&', '&amp;lt;', '*b*', '`c`',
  '"', '“', '\n', '--json', '-h', '--', '---', '=', '🙂',
];
const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(' ')) },
  { weight: 2, arbitrary: fc.string({ maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.string({ unit: 'grapheme', maxLength: 3_000 })).map(([a, b]) => `${a} ${b}`) },
);
const ACTIONS = Object.values(ActionId);
const click = fc.record({
  actionId: fc.oneof(fc.constantFrom(...ACTIONS), fc.constantFrom(...ACTIONS).map((a) => `${a}:next`), fc.string({ maxLength: 40 })),
  value: fc.oneof(
    fc.string({ maxLength: 100 }),
    fc.json({ maxDepth: 2 }),
    fc.record({ v: fc.integer(), account: fc.string(), region: fc.string(), job: fc.string() }).map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 60 }).map((s) => `{"v":1,"account":"123456789012","region":"us-east-1","job":"vision-resnet-open-ssh"}~${s}`),
    fc.string({ minLength: 2_001, maxLength: 2_400 }),
  ),
});

async function inBatches<T>(items: T[], send: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await send(items[next++] as T);
    }),
  );
}

/** Waits until the bot has been quiet (no new Slack traffic) for `quietMs`. */
async function settle(quietMs = 1_000): Promise<void> {
  let last = -1;
  for (;;) {
    const now = world.slack.calls().length + world.slack.responses().length;
    if (now === last) return;
    last = now;
    await sleep(quietMs);
  }
}

function assertNoLiveSequences(): void {
  const live = sentPayloads(world.slack).flatMap((p) =>
    mrkdwnTexts(p).flatMap((t) => foreignSequences(t, { users: [DEMO_USER] }).map((seq) => `${p.via}: ${seq}`)),
  );
  expect(live.slice(0, 5)).toEqual([]);
  expect(world.logs.filter((l) => l.msg === 'unhandled listener error' || l.msg === 'background work failed')).toEqual([]);
}

describe('fuzzing the handlers', () => {
  it(`answers ${RUNS} generated slash commands, each acked in time with an answer`, async () => {
    const samples = fc.sample(text, { numRuns: RUNS, seed: 20261129 });
    const slow: string[] = [];
    const unanswered: string[] = [];
    await inBatches(samples, async (t) => {
      const reply = await world.client.sendSlashCommand({ text: t, userId: DEMO_USER, channelId: DEMO_CHANNEL, showAck: false });
      if (reply.status !== 200 || reply.ackMs >= 3_000) slow.push(`${reply.status} ${reply.ackMs.toFixed(0)}ms ${JSON.stringify(t).slice(0, 60)}`);
      const body = reply.body ? (JSON.parse(reply.body) as { text?: string }) : {};
      if (!body.text) unanswered.push(JSON.stringify(t).slice(0, 60));
      for (const seq of foreignSequences(body.text ?? '', { users: [DEMO_USER] })) unanswered.push(`live ${seq} in the ack for ${JSON.stringify(t).slice(0, 60)}`);
    });
    expect(slow).toEqual([]);
    expect(unanswered).toEqual([]);
    await settle();
    assertNoLiveSequences();
  }, 600_000);

  it(`refuses ${RUNS} generated button clicks with an answer and no crash`, async () => {
    world.slack.reset();
    const report = await world.client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    expect(report.status).toBe(200);
    const message = await waitFor('a report to click on', () =>
      world.slack.conversation.messages({ channel: DEMO_CHANNEL }).find((m) => m.text.startsWith('FAIL — vision-resnet-open-ssh')),
    );
    const samples = fc.sample(click, { numRuns: RUNS, seed: 29112026 });
    const bad: string[] = [];
    await inBatches(samples, async ({ actionId, value }) => {
      const reply = await world.client.sendBlockAction({ userId: DEMO_USER, message, actionId, value });
      if (reply.status !== 200 || reply.ackMs >= 3_000) bad.push(`${reply.status} ${actionId} ${value.slice(0, 40)}`);
    });
    expect(bad).toEqual([]);
    await settle();
    assertNoLiveSequences();
    // None of those values was minted by the bot: the clicked report was never replaced.
    expect(world.slack.conversation.message(DEMO_CHANNEL, message.ts)?.edited).toEqual([]);
  }, 600_000);
});
