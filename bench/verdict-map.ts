/**
 * `job → verdict` for a generated fleet, as one byte per job (a Uint8Array indexed by the job's
 * number), so 100,000 verdicts cost 100 KB and do not inflate the memory being measured. Job names
 * end in their index (`churn-xgb-0004711`, see `generateFleet`). The peer's `lost` flag (it could
 * not read everything the verdict needs) rides in the high bit.
 * @module
 */
import type { Verdict } from '../src/audit/model.js';

const CODES: Record<Verdict, number> = { pass: 1, fail: 2, unknown: 3 };
const VERDICTS: Array<Verdict | undefined> = [undefined, 'pass', 'fail', 'unknown'];
const LOST = 0x80;

export interface VerdictMap {
  readonly bytes: Uint8Array;
  /** Records a verdict; false when the name is not one of the fleet's (or was judged twice). */
  set(name: string, verdict: Verdict, lost?: boolean): boolean;
  /** Names that could not be placed or were judged more than once. */
  readonly rejected: number;
}

export function jobIndex(name: string): number | undefined {
  const match = /-(\d+)$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

export function createVerdictMap(size: number): VerdictMap {
  const bytes = new Uint8Array(size);
  let rejected = 0;
  return {
    bytes,
    get rejected() {
      return rejected;
    },
    set(name, verdict, lost = false) {
      const index = jobIndex(name);
      if (index === undefined || index >= size || bytes[index] !== 0) {
        rejected += 1;
        return false;
      }
      bytes[index] = CODES[verdict] | (lost ? LOST : 0);
      return true;
    },
  };
}

export function verdictAt(bytes: Uint8Array, index: number): Verdict | undefined {
  return VERDICTS[(bytes[index] ?? 0) & ~LOST];
}

export function lostAt(bytes: Uint8Array, index: number): boolean {
  return ((bytes[index] ?? 0) & LOST) !== 0;
}

export interface Disagreement {
  index: number;
  a?: Verdict;
  b?: Verdict;
}

export interface VerdictComparison {
  /** Jobs compared (those `b` judged, or every index with `requireAll`). */
  compared: number;
  identical: number;
  /** Jobs where the verdicts differ although `b` read everything (the first 20 are listed). */
  disagreements: number;
  examples: Disagreement[];
  /** Jobs where they differ and `b` had flagged the job lost (it could not read what it needed). */
  lostByB: number;
  /** Jobs `b` judged that `a` did not. */
  missingInA: number;
  /** With `requireAll`: indices `b` never judged. */
  missingInB: number;
}

/**
 * Compares `a` (the reference) with `b` job by job. Without `requireAll` only the jobs `b` judged
 * are compared (a peer sample); with it, every index must be judged by both.
 */
export function compareVerdicts(a: Uint8Array, b: Uint8Array, options: { requireAll?: boolean } = {}): VerdictComparison {
  const result: VerdictComparison = { compared: 0, identical: 0, disagreements: 0, examples: [], lostByB: 0, missingInA: 0, missingInB: 0 };
  const size = Math.max(a.length, b.length);
  for (let i = 0; i < size; i++) {
    const vb = verdictAt(b, i);
    if (vb === undefined && !options.requireAll) continue;
    result.compared += 1;
    const va = verdictAt(a, i);
    if (vb === undefined) {
      result.missingInB += 1;
      continue;
    }
    if (va === undefined) {
      result.missingInA += 1;
      continue;
    }
    if (va === vb) {
      result.identical += 1;
    } else if (lostAt(b, i)) {
      result.lostByB += 1;
    } else {
      result.disagreements += 1;
      if (result.examples.length < 20) result.examples.push({ index: i, a: va, b: vb });
    }
  }
  return result;
}

/** True when the comparison proves identical verdicts for what was compared (lost jobs aside). */
export function comparisonHolds(c: VerdictComparison): boolean {
  return c.disagreements === 0 && c.missingInA === 0 && c.missingInB === 0;
}
