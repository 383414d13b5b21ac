import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

/** A source that records when each item was pulled, optionally waiting per item. */
function source(count: number, log: string[], wait = () => Promise.resolve()) {
  return (async function* () {
    for (let i = 0; i < count; i++) {
      log.push(`pull ${i}`);
      await wait();
      yield i;
    }
  })();
}

describe('readAhead', () => {
  it.each([0, 1, 3, 10])('keeps every item in order (depth %i)', async (depth) => {
    const items: number[] = [];
    for await (const item of readAhead(source(7, []), depth)) items.push(item);
    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('pulls at most depth items beyond the one being consumed', async () => {
    const log: string[] = [];
    const stream = readAhead(source(10, log), 2);
    await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toEqual(['pull 0', 'pull 1', 'pull 2']);
    await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log).toHaveLength(4);
  });

  it('lets a consumer stop early without waiting for the pulls in flight', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const log: string[] = [];
    const items: number[] = [];
    for await (const item of readAhead(source(5, log, () => (log.length > 1 ? gate : Promise.resolve())), 3)) {
      items.push(item);
      break;
    }
    expect(items).toEqual([0]);
    release();
  });
});
