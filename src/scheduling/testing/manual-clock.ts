/**
 * Test support: a clock whose time moves only when the test says so. Timers fire in time order
 * as it advances, with a turn of the real event loop after each so the work they start (store
 * calls, file writes) can proceed.
 * @module
 */
import type { Clock } from '../clock.js';

export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): Promise<void>;
  /** Moves time to `at` (never backwards). */
  advanceTo(at: Date | string): Promise<void>;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createManualClock(start: Date | string): ManualClock {
  let now = new Date(start).getTime();
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();

  function earliestDue(limit: number): [number, { at: number; fn: () => void }] | undefined {
    let best: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of timers) if (entry[1].at <= limit && (!best || entry[1].at < best[1].at)) best = entry;
    return best;
  }

  const clock: ManualClock = {
    now: () => new Date(now),
    setTimeout(fn, ms) {
      seq += 1;
      timers.set(seq, { at: now + Math.max(0, ms), fn });
      return seq;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        await turn();
        const due = earliestDue(target);
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = Math.max(now, target);
      await turn();
    },
    advanceTo(at) {
      return clock.advance(new Date(at).getTime() - now);
    },
  };
  return clock;
}
