import { describe, expect, it } from 'vitest';

import { mapWithConcurrency } from './map-with-concurrency.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapWithConcurrency', () => {
  it.each`
    limit                       | peak
    ${1}                        | ${1}
    ${3}                        | ${3}
    ${50}                       | ${7}
    ${0}                        | ${1}
    ${Number.NaN}               | ${1}
  `('keeps results in input order with at most $peak in flight (limit $limit)', async ({ limit, peak }: { limit: number; peak: number }) => {
    let inFlight = 0;
    let seenPeak = 0;
    const items = [30, 5, 20, 1, 10, 2, 8];

    const results = await mapWithConcurrency(items, limit, async (ms, index) => {
      inFlight++;
      seenPeak = Math.max(seenPeak, inFlight);
      await delay(ms);
      inFlight--;
      return `${index}:${ms}`;
    });

    expect(results).toEqual(items.map((ms, index) => `${index}:${ms}`));
    expect(seenPeak).toBe(peak);
  });

  it('returns an empty list for no items', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
