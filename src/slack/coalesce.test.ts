import { describe, expect, it } from 'vitest';
import { createRecentKeys, createSingleFlight } from './coalesce.js';

describe('createRecentKeys', () => {
  it('claims a key once within its time to live', () => {
    let t = 0;
    const keys = createRecentKeys(10_000, () => t);

    expect([keys.claim('a'), keys.claim('a'), keys.claim('b')]).toEqual([true, false, true]);
    t = 10_000;
    expect(keys.claim('a')).toBe(false);
    t = 10_001;
    expect(keys.claim('a')).toBe(true);
  });

  it('after release, drops a late duplicate within the grace and accepts a deliberate repeat after it', () => {
    let t = 0;
    const keys = createRecentKeys(10_000, () => t);
    keys.claim('click');
    t = 2_000;

    keys.release('click', 1_000);

    t = 2_500;
    expect(keys.claim('click')).toBe(false);
    t = 3_001;
    expect(keys.claim('click')).toBe(true);
  });

  it('release never extends a key and ignores unknown keys', () => {
    let t = 0;
    const keys = createRecentKeys(1_000, () => t);
    keys.claim('k');
    t = 900;

    keys.release('k', 5_000);
    keys.release('unknown', 5_000);

    t = 1_001;
    expect([keys.claim('k'), keys.claim('unknown')]).toEqual([true, true]);
  });

  it('stays bounded', () => {
    let t = 0;
    const keys = createRecentKeys(1_000_000, () => t, 3);
    for (const k of ['a', 'b', 'c', 'd', 'e']) keys.claim(k);
    t = 1;
    keys.claim('f');

    // The oldest keys were dropped to stay within the bound, so they can be claimed again.
    expect(keys.claim('a')).toBe(true);
  });
});

describe('createSingleFlight', () => {
  it('lets concurrent callers of one key share a run', async () => {
    const flights = createSingleFlight<number>();
    let runs = 0;
    const work = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));

    const [a, b] = await Promise.all([flights.run('k', work), flights.run('k', work)]);

    expect([a, b]).toEqual([{ value: 1, joined: false }, { value: 1, joined: true }]);
    expect(flights.inFlight('k')).toBe(false);
    expect(await flights.run('k', work)).toEqual({ value: 2, joined: false });
  });
});
