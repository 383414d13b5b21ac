import { describe, expect, it } from 'vitest';
import { startMemorySampler } from './memory-sampler.js';

describe('startMemorySampler', () => {
  it('keeps the peak of each figure, sampling at start, on its interval and at stop', async () => {
    const readings = [
      { rss: 100, heapUsed: 50, heapTotal: 60, external: 5 },
      { rss: 300, heapUsed: 40, heapTotal: 90, external: 1 },
      { rss: 200, heapUsed: 70, heapTotal: 80, external: 2 },
    ];
    let next = 0;
    const sampler = startMemorySampler(5, () => readings[Math.min(next++, readings.length - 1)] as (typeof readings)[number]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const peaks = sampler.stop();
    expect(peaks).toMatchObject({ rss: 300, heapUsed: 70, heapTotal: 90, external: 5 });
    expect(peaks.samples).toBeGreaterThanOrEqual(3);
    const after = next;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(next).toBe(after);
  });
});
