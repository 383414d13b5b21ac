/**
 * The scheduler with real timers (everything else uses a fake clock): Node may fire a timer a
 * millisecond early, and time passes while the scheduler looks at the store. A tick that falls
 * in between must still be claimed at once — not a poll (a minute) later. Each round aims the
 * bot's clock 20 ms before the next tick.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/scheduling/clock.js';
import { createDigestHarness, type DigestHarness } from '../../src/scheduling/testing/digest-harness.js';

let h: DigestHarness;

afterEach(async () => {
  await h?.close();
});

describe('real timers', () => {
  it('claims every tick within moments of it, round after round', async () => {
    h = createDigestHarness('2026-11-29T08:00:00.000Z');
    h.fleet.set({ name: 'job', created: '2026-11-28T00:00:00.000Z' });
    await h.addSchedule({ cron: '0 9 * * *' });
    let offset = 0;
    const bot = await h.instance({ clock: systemClock(() => new Date(Date.now() + offset)) as never, pollMs: 60_000 });
    const late: string[] = [];
    for (let day = 1; day <= 25; day += 1) {
      const tick = new Date(Date.parse('2026-11-29T09:00:00.000Z') + day * 86_400_000).toISOString();
      offset = Date.parse(tick) - 20 - Date.now();
      await bot.digests.scheduler.wake();
      const deadline = Date.now() + 5000;
      while (!h.runs().some((r) => r.tick === tick) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      if (!h.runs().some((r) => r.tick === tick)) late.push(tick);
      await bot.digests.scheduler.idle();
    }
    expect(late).toEqual([]);
  });
});
