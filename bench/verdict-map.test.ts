import { describe, expect, it } from 'vitest';
import { compareVerdicts, comparisonHolds, createVerdictMap, jobIndex, lostAt, verdictAt } from './verdict-map.js';

function map(entries: Array<[number, 'pass' | 'fail' | 'unknown', boolean?]>, size = 6): Uint8Array {
  const m = createVerdictMap(size);
  for (const [i, verdict, lost] of entries) m.set(`job-${String(i).padStart(7, '0')}`, verdict, lost);
  return m.bytes;
}

describe('verdict map', () => {
  it('places a job by the number its name ends with, and refuses strangers and repeats', () => {
    const m = createVerdictMap(3);
    expect(m.set('churn-xgb-0000002', 'fail', true)).toBe(true);
    expect(m.set('churn-xgb-0000002', 'pass')).toBe(false);
    expect(m.set('churn-xgb-0000003', 'pass')).toBe(false);
    expect(m.set('no-number-here', 'pass')).toBe(false);
    expect(m.rejected).toBe(3);
    expect([verdictAt(m.bytes, 2), lostAt(m.bytes, 2), verdictAt(m.bytes, 0)]).toEqual(['fail', true, undefined]);
    expect(jobIndex('llm-sft-0012345')).toBe(12345);
  });

  it.each`
    case                                  | a                                                | b                                                    | requireAll | holds    | counts
    ${'identical'}                        | ${[[0, 'pass'], [1, 'fail'], [2, 'unknown']]}     | ${[[0, 'pass'], [1, 'fail'], [2, 'unknown']]}         | ${false}   | ${true}  | ${{ compared: 3, identical: 3 }}
    ${'a sample of b'}                    | ${[[0, 'pass'], [1, 'fail'], [2, 'unknown']]}     | ${[[0, 'pass']]}                                      | ${false}   | ${true}  | ${{ compared: 1, identical: 1 }}
    ${'a disagreement'}                   | ${[[0, 'pass'], [1, 'fail']]}                     | ${[[0, 'pass'], [1, 'pass']]}                         | ${false}   | ${false} | ${{ disagreements: 1, examples: [{ index: 1, a: 'fail', b: 'pass' }] }}
    ${'b lost the job'}                   | ${[[0, 'pass'], [1, 'fail']]}                     | ${[[0, 'pass'], [1, 'unknown', true]]}                | ${false}   | ${true}  | ${{ lostByB: 1, identical: 1 }}
    ${'b judged a job a never saw'}       | ${[[0, 'pass']]}                                  | ${[[0, 'pass'], [1, 'fail']]}                         | ${false}   | ${false} | ${{ missingInA: 1 }}
    ${'b missed jobs (all required)'}     | ${[[0, 'pass'], [1, 'fail']]}                     | ${[[0, 'pass']]}                                      | ${true}    | ${false} | ${{ compared: 6, missingInB: 5 }}
  `('$case', ({ a, b, requireAll, holds, counts }) => {
    const c = compareVerdicts(map(a), map(b), { requireAll });
    expect(c).toMatchObject(counts);
    expect(comparisonHolds(c)).toBe(holds);
  });
});
