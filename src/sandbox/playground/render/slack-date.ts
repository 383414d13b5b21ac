/**
 * `<!date^1795946400^{date_short_pretty} at {time}|fallback>` as Slack shows it: the tokens
 * formatted in the reader's time zone, the fallback for anything it does not know.
 * @module
 */

export interface DateFormatOptions {
  /** The reader's clock, for today/yesterday/tomorrow and `{ago}`. */
  now?: number;
  /** IANA zone; the runtime's own when omitted (the browser's = the reader's). */
  timeZone?: string;
  locale?: string;
}

interface Parts {
  year: string;
  month: string;
  monthLong: string;
  monthShort: string;
  day: number;
  weekday: string;
  time: string;
  timeSecs: string;
  dayKey: string;
}

/** `2026-11-29` in the zone: the calendar day, also what today/yesterday/tomorrow compare. */
function dayKey(ms: number, { timeZone }: DateFormatOptions): string {
  return new Intl.DateTimeFormat('en-CA', { ...(timeZone ? { timeZone } : {}), year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function parts(ms: number, options: DateFormatOptions): Parts {
  const { timeZone, locale = 'en-US' } = options;
  const zone = timeZone ? { timeZone } : {};
  const get = (format: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...zone, ...format }).format(ms);
  const numeric = dayKey(ms, options);
  return {
    year: get({ year: 'numeric' }),
    month: numeric.slice(5, 7),
    monthLong: get({ month: 'long' }),
    monthShort: get({ month: 'short' }),
    day: Number(numeric.slice(8, 10)),
    weekday: get({ weekday: 'long' }),
    time: get({ hour: 'numeric', minute: '2-digit' }),
    timeSecs: get({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    dayKey: numeric,
  };
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function ago(seconds: number): string {
  const abs = Math.abs(seconds);
  const units: Array<[number, string]> = [[86_400, 'day'], [3_600, 'hour'], [60, 'minute']];
  for (const [size, unit] of units) {
    if (abs >= size) {
      const n = Math.floor(abs / size);
      const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return seconds >= 0 ? `${text} ago` : `in ${text}`;
    }
  }
  return 'just now';
}

/**
 * Formats a Slack date token; returns the fallback when the format uses a token it does not know.
 * @example formatSlackDate(1795946400, '{date_num} {time}', 'x', { timeZone: 'UTC' }) // → '2026-11-29 10:00 AM'
 */
export function formatSlackDate(epochSeconds: number, format: string, fallback: string, options: DateFormatOptions = {}): string {
  const ms = epochSeconds * 1000;
  if (!Number.isFinite(ms)) return fallback;
  const now = options.now ?? Date.now();
  const p = parts(ms, options);
  const day = 86_400_000;
  const relative = new Map([
    [dayKey(now, options), 'today'],
    [dayKey(now - day, options), 'yesterday'],
    [dayKey(now + day, options), 'tomorrow'],
  ]);
  const date = `${p.monthLong} ${ordinal(p.day)}, ${p.year}`;
  const dateShort = `${p.monthShort} ${p.day}, ${p.year}`;
  const dateLong = `${p.weekday}, ${date}`;
  const pretty = (absolute: string) => relative.get(p.dayKey) ?? absolute;
  const tokens: Record<string, string> = {
    date_num: p.dayKey,
    date_slash: `${p.month}/${String(p.day).padStart(2, '0')}/${p.year}`,
    date,
    date_short: dateShort,
    date_long: dateLong,
    date_pretty: pretty(date),
    date_short_pretty: pretty(dateShort),
    date_long_pretty: pretty(dateLong),
    time: p.time,
    time_secs: p.timeSecs,
    ago: ago(Math.round((now - ms) / 1000)),
  };
  let unknown = false;
  const text = format.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const value = tokens[name];
    if (value === undefined) unknown = true;
    return value ?? whole;
  });
  return unknown || text.trim() === '' ? fallback : text;
}
