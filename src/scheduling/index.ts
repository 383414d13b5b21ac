/**
 * Scheduled channel digests (DESIGN.md §6): schedules, runs, diff, exactly-once bookkeeping.
 * @module
 */
export { buildDigest } from './build-digest.js';
export { systemClock, type Clock } from './clock.js';
export { createDigests, seedDigestSchedules, type Digests } from './digests.js';
export { renderDigestText } from './render-digest.js';
export { channelStream, scheduleStream } from './scheduler.js';
