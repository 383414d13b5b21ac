/**
 * Digests end to end: the real bot (`startDemo`) against the sandbox AWS account and the Slack
 * fake, with a DATA_DIR the test controls. `digest add` goes through a signed slash command; the
 * bot's clock is shifted to a few seconds before the schedule's tick so the real scheduler fires
 * without waiting for a real 09:00. The schedule and the diff baseline survive a restart; two
 * bots sharing the DATA_DIR post one digest; bad input gets clear answers and writes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { SANDBOX_SCENARIOS } from '../../src/sandbox/aws/index.js';
import { DEMO_CHANNEL, DEMO_USER, startDemo, type Demo } from '../../src/sandbox/demo/start-demo.js';
import type { MessageRecord } from '../../src/sandbox/slack/index.js';
import { STORE_FILE } from '../../src/store/index.js';
import { waitFor as poll } from '../helpers/slack-harness.js';

const DAY = 86_400_000;
let dataDir: string;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const demos: Demo[] = [];

async function demo(): Promise<Demo> {
  const started = await startDemo({ dataDir, now, logger: createLogger({ level: 'silent' }) });
  demos.push(started);
  return started;
}

const waitFor = <T>(what: string, probe: () => T | undefined | false) => poll(what, probe, { timeoutMs: 20_000 });

/** Sends a slash command and returns the bot's final (ephemeral) answer, or its ack when that is the answer. */
async function command(d: Demo, text: string, channelId = DEMO_CHANNEL): Promise<{ ack: string; answer?: MessageRecord }> {
  const reply = await d.client.sendSlashCommand({ text, userId: DEMO_USER, channelId });
  expect(reply.status).toBe(200);
  if (!/Checking/.test(reply.body)) return { ack: reply.body };
  const post = await waitFor(`the answer to "${text}"`, () => d.slack.responses(reply.responseUrl).find((p) => p.message && !/Checking/.test(p.message.text)));
  return { ack: reply.body, answer: post.message };
}

const digestsIn = (d: Demo) => d.slack.conversation.messages({ channel: DEMO_CHANNEL }).filter((m) => m.text.startsWith('Compliance digest'));
const allText = (m: MessageRecord | undefined) => `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;

/** Shifts the bots' clock so that it reads `msBefore` before the next 09:00 UTC at least `daysAhead` days out. */
function aimAtNine(daysAhead: number, msBefore: number): Date {
  const real = new Date(Date.now() + daysAhead * DAY);
  const tick = new Date(Date.UTC(real.getUTCFullYear(), real.getUTCMonth(), real.getUTCDate(), 9));
  if (tick.getTime() <= real.getTime()) tick.setUTCDate(tick.getUTCDate() + 1);
  offset = tick.getTime() - msBefore - Date.now();
  return tick;
}

function storeRows(): { schedules: Array<Record<string, unknown>>; runs: Array<Record<string, unknown>> } {
  const db = new BetterSqlite3(join(dataDir, STORE_FILE), { readonly: true });
  try {
    return {
      schedules: db.prepare('SELECT id, channel_id, cron, state FROM digest_schedules ORDER BY id').all() as Array<Record<string, unknown>>,
      runs: db.prepare('SELECT stream, tick, status FROM digest_runs ORDER BY id').all() as Array<Record<string, unknown>>,
    };
  } finally {
    db.close();
  }
}

const expected = {
  jobs: SANDBOX_SCENARIOS.length,
  pass: SANDBOX_SCENARIOS.filter((s) => s.expected.verdict === 'pass').length,
  fail: SANDBOX_SCENARIOS.filter((s) => s.expected.verdict === 'fail').length,
  unknown: SANDBOX_SCENARIOS.filter((s) => s.expected.verdict === 'unknown').length,
};
const pct = ((Math.round((expected.pass / expected.jobs) * 1000) / 10).toFixed(1));

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'digest-e2e-'));
});

afterAll(async () => {
  for (const d of demos.splice(0)) await d.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a scheduled digest through the whole product', () => {
  it('digest add → confirmation in the channel → the digest at 09:00 with the sandbox’s counts', async () => {
    const bot = await demo();
    const tick = aimAtNine(0, 3000);
    const added = await command(bot, 'digest add "0 9 * * *" --tz UTC');
    expect(allText(added.answer)).toContain('*Digest `1`* · `0 9 * * *` (UTC)');
    expect(bot.slack.conversation.messages({ channel: DEMO_CHANNEL }).some((m) => m.text === 'Digest 1 scheduled: 0 9 * * * (UTC)' && !m.ephemeral)).toBe(true);

    const digest = await waitFor('the scheduled digest', () => digestsIn(bot)[0]);
    await bot.bot.digests.scheduler.idle(); // the store records "posted" right after Slack answers
    expect(digest.text).toBe(`Compliance digest: ${pct}% (first digest — nothing to compare with yet) — ${expected.fail} failing, 0 fixed`);
    const text = allText(digest);
    for (const [label, n] of [['*Jobs*', expected.jobs], ['*:white_check_mark: Pass*', expected.pass], ['*:x: Fail*', expected.fail], ['*:grey_question: Unknown*', expected.unknown]] as const) {
      expect(text).toContain(JSON.stringify(`${label}\n${n}`).slice(1, -1));
    }
    for (const s of SANDBOX_SCENARIOS.filter((x) => x.expected.verdict !== 'pass')) expect(text).toContain(s.job);
    // A Recheck button per new failure, its value sealed on the way out.
    const values = (digest.blocks ?? []).flatMap((b) => {
      const accessory = (b as { accessory?: { action_id?: string; value?: string } }).accessory;
      return accessory?.action_id === 'digest_recheck' ? [accessory.value ?? ''] : [];
    });
    expect(values).toHaveLength(expected.fail);
    for (const value of values) expect(value).toMatch(/^\{"v":1,.*\}~[A-Za-z0-9_-]{22}$/);
    expect(storeRows().runs).toEqual([{ stream: 's:1', tick: tick.toISOString(), status: 'posted' }]);
    expect(bot.bot.bot.deps.memory.lastSummary()).toMatchObject({ source: 'digest', summary: expected });
  });

  it('the schedule and its baseline survive a restart: the next day’s digest compares with yesterday’s', async () => {
    await demos.shift()?.close();
    const bot = await demo();
    // App Home still shows the last digest after the restart.
    expect(bot.bot.bot.deps.memory.lastSummary()).toMatchObject({ source: 'digest', summary: expected });
    const listed = await command(bot, 'digest list');
    expect(allText(listed.answer)).toContain('*Digest `1`* · `0 9 * * *` (UTC) in <#C0GENERAL>');
    expect(allText(listed.answer)).toMatch(/last <!date/);

    const tick = aimAtNine(1, 2000);
    await bot.bot.digests.scheduler.wake(); // the restarted bot's poll, now that its clock moved
    const digest = await waitFor('the next day’s digest', () => digestsIn(bot)[0]);
    await bot.bot.digests.scheduler.idle();
    expect(digest.text).toMatch(new RegExp(`^Compliance digest: ${pct.replace('.', '\\.')}% \\(no change since .*\\) — 0 new failures, 0 fixed$`));
    expect(storeRows().runs.at(-1)).toEqual({ stream: 's:1', tick: tick.toISOString(), status: 'posted' });
  });

  it('two bots sharing the DATA_DIR post exactly one digest for a tick', async () => {
    const second = await demo();
    const first = demos[0] as Demo;
    const tick = aimAtNine(2, 2000);
    await Promise.all([first.bot.digests.scheduler.wake(), second.bot.digests.scheduler.wake()]);
    await waitFor('a digest from either bot', () => digestsIn(first).length + digestsIn(second).length > 1);
    // Both looked at the tick; once both are idle, nothing else can come.
    await Promise.all([first.bot.digests.scheduler.idle(), second.bot.digests.scheduler.idle()]);
    expect(digestsIn(first).length + digestsIn(second).length).toBe(2); // yesterday's, in the first bot's Slack, plus one
    expect(storeRows().runs.filter((r) => r.tick === tick.toISOString())).toEqual([{ stream: 's:1', tick: tick.toISOString(), status: 'posted' }]);
  });
});

describe('bad input gets a clear answer and writes nothing', () => {
  it.each`
    case                         | text                                            | channel        | expected
    ${'an invalid cron'}         | ${'digest add "61 9 * * *"'}                    | ${DEMO_CHANNEL} | ${/is not a valid cron expression/}
    ${'an unknown time zone'}    | ${'digest add "0 9 * * 1" --tz Mars/Olympus'}   | ${DEMO_CHANNEL} | ${/is not an IANA time zone/}
    ${'a missing schedule id'}   | ${'digest remove 99'}                           | ${DEMO_CHANNEL} | ${/There is no digest schedule `99`/}
    ${'a channel it cannot post to'} | ${'digest add "0 9 * * 1"'}                 | ${'C0PRIVATE'}  | ${/Invite me with `\/invite @sagemaker-vpc`/}
  `('$case', async ({ text, channel, expected }) => {
    const bot = demos[0] as Demo;
    const before = storeRows().schedules;
    const { ack, answer } = await command(bot, text, channel);
    expect(answer ? allText(answer) : ack).toMatch(expected);
    expect(storeRows().schedules).toEqual(before);
    expect(before).toEqual([{ id: 1, channel_id: DEMO_CHANNEL, cron: '0 9 * * *', state: 'active' }]);
  });
});
