/**
 * `DIGEST_SCHEDULES`: a JSON list of schedules that seeds the store on first start only
 * (DESIGN.md §6: schedules are managed from Slack afterwards).
 * @module
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { AWS_REGION_PATTERN } from './schema.js';

/** The statuses a fleet audit (`--status`) or a digest scope can filter on. */
export const FLEET_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'] as const;

export const DigestScope = z
  .object({
    regions: z.array(z.string().regex(AWS_REGION_PATTERN, 'is not an AWS region')).optional(),
    since: z.string().optional(),
    status: z.enum(FLEET_STATUSES).optional(),
    maxJobs: z.number().int().positive().optional(),
  })
  .strict();
export type DigestScope = z.infer<typeof DigestScope>;

/** True when `tz` is an IANA time zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The reason a cron expression is invalid, or undefined when croner accepts it. */
export function cronProblem(expression: string, timezone?: string): string | undefined {
  try {
    new Cron(expression, { paused: true, timezone });
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export const DigestScheduleSeed = z
  .object({
    channel: z.string().regex(/^[CGD][A-Z0-9]+$/, 'is not a Slack channel id (C…)'),
    cron: z.string().min(1),
    timezone: z.string().default('UTC'),
    scope: DigestScope.default({}),
  })
  .superRefine((seed, ctx) => {
    if (!isValidTimeZone(seed.timezone)) {
      ctx.addIssue({ code: 'custom', path: ['timezone'], message: `"${seed.timezone}" is not an IANA time zone (e.g. Europe/Berlin)` });
      return;
    }
    const problem = cronProblem(seed.cron, seed.timezone);
    if (problem) ctx.addIssue({ code: 'custom', path: ['cron'], message: `"${seed.cron}" is not a valid cron expression: ${problem}` });
  });
export type DigestScheduleSeed = z.infer<typeof DigestScheduleSeed>;

export const DigestScheduleSeeds = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw) return [];
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON (expected a list of {channel, cron, timezone, scope})' });
      return z.NEVER;
    }
  })
  .pipe(z.array(DigestScheduleSeed));
