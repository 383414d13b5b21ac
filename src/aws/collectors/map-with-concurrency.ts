/**
 * Order-preserving `Promise.all` with at most `limit` calls in flight: the fallback path describes
 * jobs one by one, and SageMaker pacing already queues them, so more parallelism buys nothing.
 * @module
 */

/**
 * @example await mapWithConcurrency(names, 4, (name) => describe(name))
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  }
  const width = Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 1;
  const workers = Array.from({ length: Math.min(width, Math.max(1, items.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}
