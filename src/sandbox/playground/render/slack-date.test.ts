import { describe, expect, it } from 'vitest';
import { formatSlackDate } from './slack-date.js';

const TS = Date.parse('2026-11-29T10:05:09Z') / 1000;
const SAME_DAY = Date.parse('2026-11-29T18:00:00Z');
const utc = { timeZone: 'UTC', locale: 'en-US' };

describe('formatSlackDate', () => {
  it.each([
    ['{date_num} {time}', SAME_DAY, '2026-11-29 10:05 AM'],
    ['{date}', SAME_DAY, 'November 29th, 2026'],
    ['{date_short}', SAME_DAY, 'Nov 29, 2026'],
    ['{date_long}', SAME_DAY, 'Sunday, November 29th, 2026'],
    ['{date_short_pretty} at {time}', SAME_DAY, 'today at 10:05 AM'],
    ['{date_pretty}', SAME_DAY + 86_400_000, 'yesterday'],
    ['{date_pretty}', SAME_DAY - 86_400_000, 'tomorrow'],
    ['{date_short_pretty}', SAME_DAY + 3 * 86_400_000, 'Nov 29, 2026'],
    ['{time_secs}', SAME_DAY, '10:05:09 AM'],
    ['{ago}', TS * 1000 + 3 * 3_600_000, '3 hours ago'],
    ['{ago}', TS * 1000 + 20_000, 'just now'],
    ['{date_slash}', SAME_DAY, '11/29/2026'],
  ])('%s', (format, now, expected) => {
    expect(formatSlackDate(TS, format, 'fallback', { ...utc, now })).toBe(expected);
  });

  it('uses the reader’s time zone', () => {
    expect(formatSlackDate(TS, '{date_num} {time}', 'fallback', { timeZone: 'Asia/Tokyo', now: SAME_DAY })).toBe('2026-11-29 7:05 PM');
  });

  it.each([
    ['an unknown token', '{weekday_of_doom}'],
    ['an empty format', ''],
  ])('falls back for %s', (_name, format) => {
    expect(formatSlackDate(TS, format, 'fallback', utc)).toBe('fallback');
  });

  it('falls back for a timestamp it cannot represent', () => {
    expect(formatSlackDate(Number.NaN, '{date}', 'fallback', utc)).toBe('fallback');
  });
});
