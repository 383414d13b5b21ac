/**
 * Scheduled channel digests (DESIGN.md §6): schedules, runs, diff, exactly-once bookkeeping.
 * @module
 */
export { buildDigest, type BuildDigestOptions, type DigestReport } from './build-digest.js';
export { systemClock, type Clock } from './clock.js';
export { nextTick, latestTick } from './cron.js';
export { createDigestAccumulator, diffJob, isKnownFailing, runJobOf, type DigestJobLine, type JobChange } from './digest-diff.js';
export { digestRequests, DEFAULT_DIGEST_SINCE } from './digest-scope.js';
export { createDigests, seedDigestSchedules, type Digests, type DigestsOptions } from './digests.js';
export { renderDigestMessage, renderDigestText, digestNotes, toDigestView } from './render-digest.js';
export { channelStream, scheduleStream } from './scheduler.js';
