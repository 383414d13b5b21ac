/**
 * Coalescing for duplicate work: double clicks and Socket Mode redeliveries share one run, and so
 * do concurrent rechecks of the same job. A key stays "recent" for a short while after its run
 * ends so a late duplicate is dropped rather than re-run.
 * @module
 */
export interface SingleFlight<T> {
  /** Runs `work` unless a run for `key` is in flight, in which case the caller joins it. */
  run(key: string, work: () => Promise<T>): Promise<{ value: T; joined: boolean }>;
  inFlight(key: string): boolean;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const running = new Map<string, Promise<T>>();
  return {
    async run(key, work) {
      const existing = running.get(key);
      if (existing) return { value: await existing, joined: true };
      const promise = work().finally(() => running.delete(key));
      running.set(key, promise);
      return { value: await promise, joined: false };
    },
    inFlight: (key) => running.has(key),
  };
}

/**
 * Remembers keys for `ttlMs`; `claim` is true only the first time a key is seen within that time.
 * `release` shortens a key's memory to `graceMs` from now — once its work is done, a late
 * duplicate within the grace is still dropped, but a deliberate second click later runs again.
 */
export function createRecentKeys(ttlMs: number, now: () => number = Date.now, max = 10_000) {
  const expiry = new Map<string, number>();
  return {
    claim(key: string): boolean {
      const t = now();
      for (const [k, until] of expiry) {
        if (until >= t && expiry.size <= max) break; // insertion order: oldest first
        expiry.delete(k);
      }
      const until = expiry.get(key);
      if (until !== undefined && t <= until) return false;
      expiry.delete(key);
      expiry.set(key, t + ttlMs);
      return true;
    },
    release(key: string, graceMs = 1_000): void {
      const until = expiry.get(key);
      if (until !== undefined) expiry.set(key, Math.min(until, now() + graceMs));
    },
  };
}
