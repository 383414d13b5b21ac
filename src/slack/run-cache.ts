/**
 * Fleet runs kept for paging and Details buttons: in memory with a TTL (DESIGN.md §6). An expired
 * run answers "run it again"; its scope is kept longer (it is tiny) so that button can re-run it.
 * @module
 */
export interface CachedRun<T, S> {
  id: string;
  data: T;
  scope: S;
  createdAt: number;
}

export interface RunCache<T, S> {
  put(id: string, data: T, scope: S): void;
  get(id: string): CachedRun<T, S> | undefined;
  /** The scope of a run even after its data expired (for "Run it again"). */
  scopeOf(id: string): S | undefined;
}

export function createRunCache<T, S>({ ttlMs = 60 * 60_000, scopeTtlMs = 7 * 24 * 60 * 60_000, maxRuns = 20, now = Date.now } = {}): RunCache<T, S> {
  const runs = new Map<string, CachedRun<T, S>>();
  const scopes = new Map<string, { scope: S; at: number }>();
  const prune = () => {
    const t = now();
    for (const [id, run] of runs) if (t - run.createdAt > ttlMs) runs.delete(id);
    while (runs.size > maxRuns) runs.delete(runs.keys().next().value as string);
    for (const [id, entry] of scopes) if (t - entry.at > scopeTtlMs) scopes.delete(id);
    while (scopes.size > 1000) scopes.delete(scopes.keys().next().value as string);
  };
  return {
    put(id, data, scope) {
      runs.set(id, { id, data, scope, createdAt: now() });
      scopes.set(id, { scope, at: now() });
      prune();
    },
    get(id) {
      prune();
      return runs.get(id);
    },
    scopeOf(id) {
      prune();
      return scopes.get(id)?.scope;
    },
  };
}
