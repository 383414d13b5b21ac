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

/** Remembers keys for `ttlMs`; `claim` is true only the first time a key is seen within that time. */
export function createRecentKeys(ttlMs: number, now: () => number = Date.now, max = 10_000) {
  const seen = new Map<string, number>();
  return {
    claim(key: string): boolean {
      const t = now();
      for (const [k, at] of seen) {
        if (t - at <= ttlMs && seen.size <= max) break; // insertion order: oldest first
        seen.delete(k);
      }
      const at = seen.get(key);
      if (at !== undefined && t - at <= ttlMs) return false;
      seen.set(key, t);
      return true;
    },
  };
}
