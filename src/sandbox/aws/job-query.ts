/**
 * Ordered, cursor-paginated scans over a `JobStore` without materialising it. Stores are sorted
 * newest first by CreationTime, and LastModifiedTime lags CreationTime by at most `maxLagMs`, so a
 * page in either time order reads only a window of jobs; other orders (Name, Status) fall back to one
 * full pass per page, fine for the seeded scenarios and correct (if slow) for large fleets.
 *
 * Order: descending = key desc then index asc; ascending is its exact reverse. Cursors are the last
 * item's (key, index), so pages stay stable while the world changes between requests.
 * @module
 */
import type { JobStore, JobSummary } from './training-job-types.js';

export type SortKey = 'CreationTime' | 'LastModifiedTime' | 'Name' | 'Status';

export interface Cursor {
  key: number | string;
  index: number;
}

export interface IndexRange {
  lo: number;
  hi: number;
}

export interface ScanOptions {
  store: JobStore;
  sortBy: SortKey;
  descending: boolean;
  match?: (index: number, summary: JobSummary) => boolean;
  after?: Cursor;
  limit: number;
  /** Only indices in [lo, hi) can match (derived from CreationTime bounds). */
  range?: IndexRange;
}

export interface ScanItem {
  index: number;
  key: number | string;
}

export interface ScanResult {
  items: ScanItem[];
  /** Whether at least one more match follows the last item. */
  more: boolean;
}

export function sortKeyOf(summary: JobSummary, sortBy: SortKey): number | string {
  switch (sortBy) {
    case 'CreationTime':
      return summary.creationTime;
    case 'LastModifiedTime':
      return summary.lastModifiedTime;
    case 'Name':
      return summary.name;
    case 'Status':
      return summary.status;
  }
}

function comparator(descending: boolean): (a: ScanItem, b: ScanItem) => number {
  return (a, b) => {
    const byKey = a.key === b.key ? a.index - b.index : a.key > b.key ? -1 : 1;
    return descending ? byKey : -byKey;
  };
}

/** Smallest index in [0, size) whose creation time satisfies `pred` (monotone false → true), else size. */
function firstIndex(store: JobStore, pred: (creationTime: number) => boolean): number {
  let lo = 0;
  let hi = store.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(store.summary(mid).creationTime)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface CreationBounds {
  after?: { time: number; inclusive: boolean };
  before?: { time: number; inclusive: boolean };
}

/** The index range that can hold jobs created within the bounds (creation time falls as index rises). */
export function creationRange(store: JobStore, bounds: CreationBounds): IndexRange {
  const { after, before } = bounds;
  const lo = before ? firstIndex(store, (c) => (before.inclusive ? c <= before.time : c < before.time)) : 0;
  const hi = after ? firstIndex(store, (c) => (after.inclusive ? c < after.time : c <= after.time)) : store.size;
  return { lo, hi: Math.max(lo, hi) };
}

export function countMatches(store: JobStore, range: IndexRange, match?: ScanOptions['match']): number {
  if (!match) return range.hi - range.lo;
  let count = 0;
  for (let i = range.lo; i < range.hi; i++) if (match(i, store.summary(i))) count++;
  return count;
}

export function scanJobs(options: ScanOptions): ScanResult {
  const { store, sortBy, descending, after, limit } = options;
  const range = options.range ?? { lo: 0, hi: store.size };
  const need = limit + 1;
  const order = comparator(descending);
  let best: ScanItem[] = [];
  let threshold: ScanItem | undefined;

  function consider(index: number, summary: JobSummary): void {
    const item = { index, key: sortKeyOf(summary, sortBy) };
    if (after && order(item, after) <= 0) return;
    if (threshold && order(item, threshold) > 0) return;
    if (options.match && !options.match(index, summary)) return;
    best.push(item);
    if (best.length >= need * 2 || (!threshold && best.length >= need)) compact();
  }

  function compact(): void {
    best.sort(order);
    best = best.slice(0, need);
    if (best.length === need) threshold = best[need - 1];
  }

  const timeOrdered = sortBy === 'CreationTime' || sortBy === 'LastModifiedTime';
  const lag = sortBy === 'CreationTime' ? 0 : store.maxLagMs;
  if (timeOrdered && descending) {
    const cursorKey = after?.key as number | undefined;
    const start = cursorKey === undefined ? range.lo : Math.max(range.lo, firstIndex(store, (c) => c <= cursorKey));
    for (let i = start; i < range.hi; i++) {
      const summary = store.summary(i);
      // Every later job has a key ≤ creation + lag and a larger index: none can beat the threshold.
      if (threshold && summary.creationTime + lag <= (threshold.key as number)) break;
      consider(i, summary);
    }
  } else if (timeOrdered) {
    const cursorKey = after?.key as number | undefined;
    const end = cursorKey === undefined ? range.hi : Math.min(range.hi, firstIndex(store, (c) => c < cursorKey - lag));
    for (let i = end - 1; i >= range.lo; i--) {
      const summary = store.summary(i);
      // Every earlier job has a key ≥ its creation ≥ this creation and a smaller index.
      if (threshold && summary.creationTime >= (threshold.key as number)) break;
      consider(i, summary);
    }
  } else {
    for (let i = range.lo; i < range.hi; i++) consider(i, store.summary(i));
  }
  compact();
  return { items: best.slice(0, limit), more: best.length > limit };
}

/** Opaque pagination token (base64url JSON), as opaque to clients as AWS's. */
export function encodeToken(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: 1, ...payload })).toString('base64url');
}

export function decodeToken(token: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || (parsed as { v?: unknown }).v !== 1) return undefined;
    return parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function cursorFromToken(payload: Record<string, unknown>): Cursor | undefined {
  const { k, i } = payload;
  if ((typeof k !== 'number' && typeof k !== 'string') || typeof i !== 'number') return undefined;
  return { key: k, index: i };
}
