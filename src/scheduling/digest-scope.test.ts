import { describe, expect, it } from 'vitest';
import { digestRequests, olderThanDays } from './digest-scope.js';

const NOW = new Date('2026-11-29T09:00:00.000Z');
const DAYS_30 = new Date('2026-10-30T09:00:00.000Z');

describe('digestRequests', () => {
  it.each`
    case                         | scope                                        | requests                                                                                                                 | windowStart  | scopeText
    ${'default: 30 d + running'} | ${{}}                                        | ${[{ regions: ['us-east-1'], since: DAYS_30 }, { regions: ['us-east-1'], status: 'InProgress' }]}                        | ${DAYS_30}   | ${'us-east-1 · last 30 days + every InProgress job'}
    ${'all time: one call'}      | ${{ since: 'all' }}                          | ${[{ regions: ['us-east-1'] }]}                                                                                          | ${undefined} | ${'us-east-1 · all time'}
    ${'a status: no running'}    | ${{ status: 'Completed', since: '7d' }}      | ${[{ regions: ['us-east-1'], since: new Date('2026-11-22T09:00:00.000Z'), status: 'Completed' }]}                      | ${new Date('2026-11-22T09:00:00.000Z')} | ${'us-east-1 · last 7 days · status Completed'}
    ${'InProgress: every one'}   | ${{ status: 'InProgress' }}                  | ${[{ regions: ['us-east-1'], status: 'InProgress' }]}                                                                    | ${undefined} | ${'us-east-1 · every InProgress job'}
    ${'regions and a cap'}       | ${{ regions: ['eu-west-1'], maxJobs: 100 }}  | ${[{ regions: ['eu-west-1'], since: DAYS_30, maxJobs: 100 }, { regions: ['eu-west-1'], status: 'InProgress' }]}        | ${DAYS_30}   | ${'eu-west-1 · last 30 days + every InProgress job · newest 100'}
  `('$case', ({ scope, requests, windowStart, scopeText }) => {
    const result = digestRequests(scope, ['us-east-1'], NOW);
    expect(result.requests.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))).toEqual(requests);
    expect(result.windowStart).toEqual(windowStart);
    expect(result.scopeText).toBe(scopeText);
  });

  it('olderThanDays rounds to whole days', () => {
    expect(olderThanDays(DAYS_30, NOW)).toBe(30);
  });
});
