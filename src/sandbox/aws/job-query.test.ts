// Cursor-paginated scans must equal a brute-force sort for every order, filter, range and page size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creationRange, scanJobs, sortKeyOf, type CreationBounds, type SortKey } from './job-query.js';
import type { JobStore, JobSummary, TrainingJobStatus } from './training-job-types.js';

interface Row {
  gap: number;
  lag: number;
  status: TrainingJobStatus;
  name: string;
}

function storeOf(rows: Row[]): JobStore {
  let created = 1_000_000;
  const summaries: JobSummary[] = rows.map((row, i) => {
    created -= row.gap;
    return { name: row.name, arn: `arn:${i}`, status: row.status, secondaryStatus: row.status, creationTime: created, lastModifiedTime: created + row.lag };
  });
  return {
    size: summaries.length,
    summary: (i) => summaries[i] as JobSummary,
    get: () => {
      throw new Error('records are not needed by scans');
    },
    indexOf: () => undefined,
    maxLagMs: Math.max(0, ...rows.map((r) => r.lag)),
    virtual: true,
  };
}

function bruteForce(store: JobStore, sortBy: SortKey, descending: boolean, match: (s: JobSummary) => boolean): number[] {
  const indices = Array.from({ length: store.size }, (_, i) => i).filter((i) => match(store.summary(i)));
  return indices.sort((a, b) => {
    const ka = sortKeyOf(store.summary(a), sortBy);
    const kb = sortKeyOf(store.summary(b), sortBy);
    const order = ka === kb ? a - b : ka > kb ? -1 : 1;
    return descending ? order : -order;
  });
}

const row = fc.record({
  gap: fc.integer({ min: 0, max: 4 }),
  lag: fc.integer({ min: 0, max: 12 }),
  status: fc.constantFrom<TrainingJobStatus>('Completed', 'Failed', 'InProgress'),
  name: fc.stringMatching(/^[a-c]{1,2}$/),
});

describe('scanJobs', () => {
  it('pages through exactly the brute-force order', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 50 }),
        fc.constantFrom<SortKey>('CreationTime', 'LastModifiedTime', 'Name', 'Status'),
        fc.boolean(),
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.constantFrom<TrainingJobStatus>('Completed', 'Failed')),
        fc.option(fc.record({ after: fc.integer({ min: 999_900, max: 1_000_000 }), before: fc.integer({ min: 999_900, max: 1_000_010 }), inclusive: fc.boolean() })),
        (rows, sortBy, descending, limit, status, window) => {
          const store = storeOf(rows);
          const inWindow = (s: JobSummary): boolean =>
            !window ||
            (window.inclusive
              ? s.creationTime >= window.after && s.creationTime <= window.before
              : s.creationTime > window.after && s.creationTime < window.before);
          const match = (s: JobSummary): boolean => (status === null || s.status === status) && inWindow(s);
          const bounds: CreationBounds = window
            ? { after: { time: window.after, inclusive: window.inclusive }, before: { time: window.before, inclusive: window.inclusive } }
            : {};
          const range = creationRange(store, bounds);

          const paged: number[] = [];
          let after: { key: number | string; index: number } | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const page = scanJobs({ store, sortBy, descending, limit, range, match: (_, s) => match(s), ...(after ? { after } : {}) });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            paged.push(...page.items.map((item) => item.index));
            const last = page.items.at(-1);
            if (!page.more || !last) break;
            after = last;
          }
          expect(paged).toEqual(bruteForce(store, sortBy, descending, match));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads only a window of a large store for the first page by LastModifiedTime', () => {
    let reads = 0;
    const size = 100_000;
    const store: JobStore = {
      size,
      summary(i) {
        reads++;
        const creationTime = 10_000_000 - i * 10;
        return { name: `j${i}`, arn: '', status: 'Completed', secondaryStatus: 'Completed', creationTime, lastModifiedTime: creationTime + (i % 7) * 10 };
      },
      get: () => {
        throw new Error('unused');
      },
      indexOf: () => undefined,
      maxLagMs: 60,
      virtual: true,
    };
    const page = scanJobs({ store, sortBy: 'LastModifiedTime', descending: true, limit: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.more).toBe(true);
    expect(reads).toBeLessThan(200);
  });
});
