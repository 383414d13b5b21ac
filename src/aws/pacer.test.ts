import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createTokenBucket } from './pacer.js';

/** Starts `count` takes at once and records when each one was granted (fake ms since start). */
async function grantTimes(bucket: { take(): Promise<void> }, count: number, runForMs: number): Promise<number[]> {
  const start = Date.now();
  const granted: number[] = [];
  for (let i = 0; i < count; i++) void bucket.take().then(() => granted.push(Date.now() - start));
  await vi.advanceTimersByTimeAsync(runForMs);
  return granted;
}

describe('createTokenBucket', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-11-29T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('grants one token at once, then one every 1/rate seconds, in arrival order', async () => {
    const granted = await grantTimes(createTokenBucket({ ratePerSecond: 5 }), 6, 2_000);

    expect(granted).toEqual([0, 200, 400, 600, 800, 1000]);
  });

  it('lets a burst through at once, then paces the rest', async () => {
    const granted = await grantTimes(createTokenBucket({ ratePerSecond: 2, burst: 3 }), 5, 2_000);

    expect(granted).toEqual([0, 0, 0, 500, 1000]);
  });

  it('refills while idle, but never above the burst', async () => {
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 2 });
    await grantTimes(bucket, 2, 0);
    await vi.advanceTimersByTimeAsync(10_000);

    const granted = await grantTimes(bucket, 4, 1_000);

    expect(granted).toEqual([0, 0, 100, 200]);
  });

  it('does not wait when requests arrive slower than the rate', async () => {
    const bucket = createTokenBucket({ ratePerSecond: 4 });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      waits.push(...(await grantTimes(bucket, 1, 0)));
      await vi.advanceTimersByTimeAsync(250);
    }

    expect(waits).toEqual([0, 0, 0]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects a rate of %s', (rate) => {
    expect(() => createTokenBucket({ ratePerSecond: rate })).toThrow(RangeError);
  });

  it('rejects a burst below one', () => {
    expect(() => createTokenBucket({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});
