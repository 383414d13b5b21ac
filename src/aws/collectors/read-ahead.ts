/**
 * Read-ahead for paged listings: keeps up to `depth` pages in flight or waiting while the consumer
 * works on the current one, so fetching overlaps judging. The source's order is kept, and so is its
 * pacing (an async generator runs its `next()` calls one at a time); memory is bounded by `depth`.
 * @module
 */

/**
 * @example
 * for await (const page of readAhead(streamPages(), 5)) await judge(page);
 */
export async function* readAhead<T>(source: AsyncGenerator<T, void, undefined>, depth: number): AsyncGenerator<T, void, undefined> {
  if (!(depth >= 1)) {
    yield* source;
    return;
  }
  const pending: Array<Promise<IteratorResult<T, void>>> = [];
  const fill = () => {
    while (pending.length < depth) pending.push(source.next());
  };
  try {
    fill();
    for (;;) {
      const next = await (pending.shift() as Promise<IteratorResult<T, void>>);
      if (next.done) return;
      fill();
      yield next.value;
    }
  } finally {
    // Runs after the pulls already queued; a consumer that stops early does not wait for them.
    void source.return(undefined).catch(() => undefined);
  }
}
