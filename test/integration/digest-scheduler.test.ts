/**
 * The digest scheduler against a real SQLite file, with a fake clock (no real minutes slept):
 * local-time firing across DST changes, exactly once across restarts and across two app
 * instances sharing one DATA_DIR, one catch-up for missed ticks, retries recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeChat, slackError } from '../../src/scheduling/testing/fake-chat.js';
import { createDigestHarness, type DigestHarness } from '../../src/scheduling/testing/digest-harness.js';
import { createManualClock } from '../../src/scheduling/testing/manual-clock.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let h: DigestHarness;

afterEach(async () => {
  await h?.close();
});

/** Sets `h`: a harness at `start` with two jobs (one failing) and a schedule at 09:00 every day. */
async function setUp(start: string, schedule: { timezone?: string; channel?: string } = {}): Promise<void> {
  h = createDigestHarness(start);
  const created = new Date(h.clock.now().getTime() - 2 * DAY).toISOString();
  h.fleet.set({ name: 'ok-job', created }, { name: 'bad-job', created, rules: { 'vpc-subnets-private': 'fail' } });
  await h.addSchedule({ cron: '0 9 * * *', ...schedule });
}

const posted = (harness: DigestHarness) => harness.runs().filter((r) => r.status === 'posted');

describe('firing at local time across daylight-saving changes', () => {
  it.each`
    change      | start                         | ticks
    ${'spring'} | ${'2026-03-27T12:00:00.000Z'} | ${['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']}
    ${'autumn'} | ${'2026-10-23T12:00:00.000Z'} | ${['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']}
  `('0 9 * * * Europe/Berlin fires at 09:00 local around the $change change', async ({ start, ticks }) => {
    await setUp(start, { timezone: 'Europe/Berlin' });
    await h.instance();
    await h.advance(3 * DAY);
    const runs = posted(h);
    expect(runs.map((r) => r.tick)).toEqual(ticks);
    // Claimed at the tick itself, not an hour off.
    expect(runs.map((r) => r.claimed_at)).toEqual(ticks);
    expect(runs.every((r) => r.trigger === 'schedule')).toBe(true);
    expect(h.chat.posted).toHaveLength(3);
  });
});

describe('exactly once', () => {
  it('two app instances sharing one DATA_DIR post exactly one digest per tick', async () => {
    await setUp('2026-11-29T08:00:00.000Z');
    const a = await h.instance({ owner: 'a' });
    const b = await h.instance({ owner: 'b' });
    await h.advance(2 * DAY, HOUR);
    // And once more with both looking at the very same moment.
    await h.clock.advanceTo('2026-12-01T09:00:00.000Z');
    await Promise.all([a.digests.scheduler.wake(), b.digests.scheduler.wake()]);
    await Promise.all([a.digests.scheduler.idle(), b.digests.scheduler.idle()]);
    expect(h.chat.posted).toHaveLength(3);
    expect(h.runs().map((r) => [r.tick, r.status])).toEqual([
      ['2026-11-29T09:00:00.000Z', 'posted'],
      ['2026-11-30T09:00:00.000Z', 'posted'],
      ['2026-12-01T09:00:00.000Z', 'posted'],
    ]);
  });

  it('a crash in the middle of a tick: the restarted bot resumes after the lease, and posts once', async () => {
    await setUp('2026-11-29T08:59:00.000Z');
    // The first process has its own clock: when it "crashes", its time (and its lease renewals) stop.
    const crashedClock = createManualClock('2026-11-29T08:59:00.000Z');
    const held = h.fleet.hold();
    const first = await h.instance({ owner: 'crashed', clock: crashedClock });
    await crashedClock.advance(60_000);
    await held.reached;
    expect(h.runs()).toMatchObject([{ owner: 'crashed', status: 'claimed' }]);

    await h.clock.advance(60_000);
    const restarted = await h.instance({ owner: 'restarted' });
    await h.advance(5 * 60_000, 60_000);
    expect(h.chat.posted).toHaveLength(0); // the lease is still valid: nobody steals the tick
    await h.advance(HOUR, 60_000);
    expect(h.runs()).toMatchObject([{ owner: 'restarted', status: 'posted', tick: '2026-11-29T09:00:00.000Z' }]);
    expect(h.chat.posted).toHaveLength(1);

    // The crashed process wakes up late: it lost the run and must not post or overwrite it.
    held.release();
    await first.digests.scheduler.idle();
    expect(h.chat.posted).toHaveLength(1);
    expect(h.runs()).toMatchObject([{ owner: 'restarted', status: 'posted' }]);
    await restarted.digests.scheduler.idle();
  });

  it('a graceful stop mid-audit hands the tick back: the next start resumes at once', async () => {
    await setUp('2026-11-29T08:59:00.000Z');
    const held = h.fleet.hold();
    const first = await h.instance({ owner: 'first' });
    void h.clock.advance(60_000);
    await held.reached;
    await first.digests.stop();
    expect(h.runs()).toMatchObject([{ status: 'claimed' }]);
    await h.instance({ owner: 'second' });
    await h.advance(1000);
    expect(h.runs()).toMatchObject([{ owner: 'second', status: 'posted' }]);
    expect(h.chat.posted).toHaveLength(1);
  });

  it('a crash while posting is never retried: the run is unconfirmed, the next tick posts normally', async () => {
    await setUp('2026-11-29T08:59:00.000Z');
    const crashedClock = createManualClock('2026-11-29T08:59:00.000Z');
    const crashedChat = createFakeChat();
    crashedChat.hangNext();
    await h.instance({ owner: 'crashed', clock: crashedClock, chat: crashedChat });
    await crashedClock.advance(60_000);
    for (let i = 0; i < 50 && h.runs()[0]?.status !== 'posting'; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(h.runs()).toMatchObject([{ status: 'posting' }]);

    await h.clock.advance(60_000);
    await h.instance({ owner: 'restarted' });
    await h.advance(DAY);
    expect(h.runs().map((r) => [r.tick, r.status])).toEqual([
      ['2026-11-29T09:00:00.000Z', 'unconfirmed'],
      ['2026-11-30T09:00:00.000Z', 'posted'],
    ]);
    expect(h.chat.posted).toHaveLength(1);
  });
});

describe('missed ticks', () => {
  it('ticks missed while no bot ran produce one catch-up digest, not a burst', async () => {
    await setUp('2026-11-29T08:00:00.000Z');
    const first = await h.instance({ owner: 'first' });
    await h.advance(2 * HOUR);
    await first.digests.stop();
    expect(h.chat.posted).toHaveLength(1);

    await h.clock.advance(4 * DAY); // down for four days: four ticks missed
    await h.instance({ owner: 'back' });
    await h.advance(HOUR);
    expect(h.chat.posted).toHaveLength(2);
    expect(h.runs().at(-1)).toMatchObject({ tick: '2026-12-03T09:00:00.000Z', trigger: 'catch-up', missed_ticks: 4, status: 'posted' });
    expect(h.chat.posted[1]?.blocks.map((b) => JSON.stringify(b)).join('')).toContain('Catch-up: 4 scheduled digests were missed');

    await h.advance(DAY);
    expect(h.runs().at(-1)).toMatchObject({ tick: '2026-12-04T09:00:00.000Z', trigger: 'schedule', missed_ticks: 0 });
  });

  it('a schedule never fires for ticks before it was added', async () => {
    await setUp('2026-11-29T09:30:00.000Z');
    await h.instance();
    await h.advance(HOUR);
    expect(h.runs()).toEqual([]);
  });
});

describe('retention', () => {
  it('prunes run history older than HISTORY_RETENTION_DAYS every day, keeping the diff baseline', async () => {
    await setUp('2026-11-29T08:00:00.000Z');
    await h.instance({ retentionDays: 2 });
    await h.advance(5 * DAY);
    // Ticks of Nov 29 – Dec 3 all posted; the daily prune (08:00) on Dec 4 keeps Dec 2 onwards.
    expect(h.runs().map((r) => r.tick.slice(0, 10))).toEqual(['2026-12-02', '2026-12-03']);
    expect(h.chat.posted).toHaveLength(5);
  });
});

describe('posting failures', () => {
  it('retries a rate-limited post and records the attempts', async () => {
    await setUp('2026-11-29T08:59:00.000Z');
    h.chat.failNext(slackError('ratelimited'), slackError('internal_error'));
    await h.instance();
    await h.advance(HOUR);
    expect(h.runs()).toMatchObject([{ status: 'posted', attempts: 3, last_error: null }]);
    expect(h.chat.posted).toHaveLength(1);
  });

  it('records a channel the bot cannot post to as failed, without retrying', async () => {
    await setUp('2026-11-29T08:59:00.000Z', { channel: 'C0PRIVATE' });
    h.chat.refuse('C0PRIVATE', 'not_in_channel');
    await h.instance();
    await h.advance(HOUR);
    expect(h.runs()).toMatchObject([{ status: 'failed', attempts: 1, last_error: 'not_in_channel' }]);
    expect(h.chat.attempts).toBe(1);
  });
});
