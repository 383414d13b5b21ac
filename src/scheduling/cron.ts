/**
 * Cron arithmetic in a schedule's own time zone, with croner used as a calculator only (paused:
 * it never owns a timer), so the scheduler decides when to wake and tests can use a fake clock.
 * Five-field expressions fire on whole minutes; croner's DST handling applies: a local time that
 * does not exist (spring forward) fires at the next valid time, one that occurs twice fires once.
 * @module
 */
import { Cron } from 'croner';

function cronOf(expression: string, timezone: string): Cron {
  return new Cron(expression, { paused: true, timezone });
}

/** The first tick strictly after `after`, or undefined when the expression never fires again. */
export function nextTick(expression: string, timezone: string, after: Date): Date | undefined {
  return cronOf(expression, timezone).nextRun(after) ?? undefined;
}

/** The latest tick at or before `at`, or undefined when there is none. */
export function latestTick(expression: string, timezone: string, at: Date): Date | undefined {
  const cron = cronOf(expression, timezone);
  // previousRuns is exclusive of its reference and works in whole seconds: look from 1 s later.
  const [candidate] = cron.previousRuns(1, new Date(at.getTime() + 1000));
  if (!candidate) return undefined;
  if (candidate.getTime() <= at.getTime()) return candidate;
  return cron.previousRuns(1, candidate)[0];
}

/** How many ticks fall strictly between `after` and `before` (capped: a count, not a list). */
export function ticksBetween(expression: string, timezone: string, after: Date, before: Date, cap = 10_000): number {
  const cron = cronOf(expression, timezone);
  let n = 0;
  let at: Date | null = cron.nextRun(after);
  while (at && at.getTime() < before.getTime() && n < cap) {
    n += 1;
    at = cron.nextRun(at);
  }
  return n;
}

/** The shortest gap between the next `sample` ticks, in ms (for a "not more often than" guard). */
export function shortestInterval(expression: string, timezone: string, from: Date, sample = 24): number | undefined {
  const runs = cronOf(expression, timezone).nextRuns(sample, from);
  let shortest: number | undefined;
  for (let i = 1; i < runs.length; i += 1) {
    const gap = (runs[i] as Date).getTime() - (runs[i - 1] as Date).getTime();
    shortest = shortest === undefined ? gap : Math.min(shortest, gap);
  }
  return shortest;
}
