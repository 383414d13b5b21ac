/**
 * Time for the scheduler, injected so tests drive it with a fake clock instead of sleeping real
 * minutes (style-by-example §2): the current time, one-shot timers and a sleep for backoff.
 * @module
 */

export type TimerHandle = unknown;

export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers cap a delay at 2^31-1 ms (~24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2_147_483_647;

export function systemClock(now: () => Date = () => new Date()): Clock {
  return {
    now,
    setTimeout: (fn, ms) => {
      const handle = setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMER_MS));
      // Timers must never keep a stopping process alive.
      handle.unref?.();
      return handle;
    },
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

/** Resolves after `ms` on the given clock (backoff between posting attempts). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clock.clearTimeout(handle);
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
