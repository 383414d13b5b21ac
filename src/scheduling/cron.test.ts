import { describe, expect, it } from 'vitest';
import { latestTick, nextTick, shortestInterval, ticksBetween } from './cron.js';

describe('nextTick across daylight-saving changes (Europe/Berlin)', () => {
  it.each`
    case                                  | cron           | after                         | expected
    ${'09:00 CET before spring forward'}   | ${'0 9 * * *'} | ${'2026-03-28T08:00:00.000Z'} | ${'2026-03-29T07:00:00.000Z'}
    ${'09:00 CEST after spring forward'}   | ${'0 9 * * *'} | ${'2026-03-29T07:00:00.000Z'} | ${'2026-03-30T07:00:00.000Z'}
    ${'09:00 CEST before fall back'}       | ${'0 9 * * *'} | ${'2026-10-24T06:00:00.000Z'} | ${'2026-10-24T07:00:00.000Z'}
    ${'09:00 CET after fall back'}         | ${'0 9 * * *'} | ${'2026-10-24T07:00:00.000Z'} | ${'2026-10-25T08:00:00.000Z'}
    ${'02:30 does not exist: next valid'}  | ${'30 2 * * *'} | ${'2026-03-28T12:00:00.000Z'} | ${'2026-03-29T01:00:00.000Z'}
    ${'02:30 happens twice: fires once'}   | ${'30 2 * * *'} | ${'2026-10-24T12:00:00.000Z'} | ${'2026-10-25T00:30:00.000Z'}
    ${'… and not again that night'}        | ${'30 2 * * *'} | ${'2026-10-25T00:30:00.000Z'} | ${'2026-10-26T01:30:00.000Z'}
  `('$case', ({ cron, after, expected }) => {
    expect(nextTick(cron, 'Europe/Berlin', new Date(after))?.toISOString()).toBe(expected);
  });
});

describe('latestTick', () => {
  it.each`
    at                            | expected
    ${'2026-03-30T07:00:00.000Z'} | ${'2026-03-30T07:00:00.000Z'}
    ${'2026-03-30T07:00:00.999Z'} | ${'2026-03-30T07:00:00.000Z'}
    ${'2026-03-30T06:59:59.999Z'} | ${'2026-03-29T07:00:00.000Z'}
    ${'2026-03-29T06:59:59.000Z'} | ${'2026-03-28T08:00:00.000Z'}
  `('at $at → $expected (inclusive, DST-aware)', ({ at, expected }) => {
    expect(latestTick('0 9 * * *', 'Europe/Berlin', new Date(at))?.toISOString()).toBe(expected);
  });
});

describe('ticksBetween and shortestInterval', () => {
  it('counts ticks strictly between two times', () => {
    expect(ticksBetween('0 9 * * *', 'UTC', new Date('2026-01-01T09:00:00Z'), new Date('2026-01-05T09:00:00Z'))).toBe(3);
    expect(ticksBetween('0 9 * * *', 'UTC', new Date('2026-01-01T09:00:00Z'), new Date('2026-01-01T10:00:00Z'))).toBe(0);
  });

  it.each`
    cron               | expected
    ${'*/5 * * * *'}   | ${300_000}
    ${'0 9 * * 1-5'}   | ${86_400_000}
    ${'0 9,10 * * *'}  | ${3_600_000}
  `('$cron fires at most every $expected ms', ({ cron, expected }) => {
    expect(shortestInterval(cron, 'UTC', new Date('2026-01-05T00:00:00Z'))).toBe(expected);
  });
});
