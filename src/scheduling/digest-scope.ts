/**
 * A schedule's scope as audit requests (DESIGN.md §6): by default the last 30 days **plus every
 * InProgress job** — two service calls whose results are deduplicated by identity — so a job that
 * started long ago and is still running is never out of sight. Jobs older than the window are the
 * "historical debt", reported as one line.
 * @module
 */
import { describeSince, resolveSince } from '../app/command-grammar.js';
import type { FleetRequest } from '../app/audit-service.js';
import type { DigestScope } from '../store/index.js';

/** A digest's window when its scope names none (DESIGN.md §6). */
const DEFAULT_DIGEST_SINCE = '30d';

export interface DigestRequests {
  /** One or two fleet audits; results are deduplicated by `(account, region, job)`. */
  requests: FleetRequest[];
  regions: string[];
  /** Jobs created before this are outside the window (historical debt); undefined = no window. */
  windowStart?: Date;
  scopeText: string;
}

const DAY_MS = 86_400_000;

/** Whole days between the window start and now, for "created more than N days ago". */
export function olderThanDays(windowStart: Date, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - windowStart.getTime()) / DAY_MS));
}

/**
 * @example digestRequests({}, ['us-east-1'], now).requests
 * // → [{ regions: ['us-east-1'], since: <now − 30 d> }, { regions: ['us-east-1'], status: 'InProgress' }]
 */
export function digestRequests(scope: DigestScope, defaultRegions: string[], now: Date): DigestRequests {
  const regions = scope.regions && scope.regions.length > 0 ? [...scope.regions] : [...defaultRegions];
  const since = scope.since ?? DEFAULT_DIGEST_SINCE;
  const windowStart = resolveSince(since, now);
  const parts = [regions.join(', ') || 'no regions'];
  const requests: FleetRequest[] = [];
  if (scope.status === 'InProgress') {
    // Every running job, whatever its age: the window adds nothing.
    requests.push({ regions, status: 'InProgress', maxJobs: scope.maxJobs });
    parts.push('every InProgress job');
  } else {
    requests.push({ regions, since: windowStart, status: scope.status, maxJobs: scope.maxJobs });
    const window = describeSince(since);
    if (scope.status) parts.push(`${window} · status ${scope.status}`);
    else if (windowStart) {
      requests.push({ regions, status: 'InProgress' });
      parts.push(`${window} + every InProgress job`);
    } else parts.push(window);
  }
  if (scope.maxJobs) parts.push(`newest ${scope.maxJobs}`);
  return {
    requests,
    regions,
    windowStart: scope.status === 'InProgress' ? undefined : windowStart,
    scopeText: parts.join(' · '),
  };
}
