/**
 * Configuration schemas (zod) over an injectable environment. Two views of one environment:
 * the CLI needs only the AWS side; the bot needs everything. Every problem is reported at once.
 * @module
 */
import { z } from 'zod';

export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const SLACK_ID_PATTERN = /^[A-Z0-9]{2,}$/;

const commaList = (pattern: RegExp, what: string) =>
  z
    .string()
    .optional()
    .transform((raw) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .superRefine((items, ctx) => {
      for (const item of items) {
        if (!pattern.test(item)) ctx.addIssue({ code: 'custom', message: `"${item}" is not a valid ${what}` });
      }
    });

const booleanFlag = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return false;
    if (/^(true|1|yes)$/i.test(v)) return true;
    if (/^(false|0|no)$/i.test(v)) return false;
    ctx.addIssue({ code: 'custom', message: `expected true or false, got "${v}"` });
    return z.NEVER;
  });

const positiveNumber = (fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0 || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a number between 0 and ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

/** `REMEDIATION_NETWORK`: JSON keyed by `"<account>/<region>"` → the approved network for clones (DESIGN.md §3). */
export const ApprovedNetwork = z.object({
  subnets: z.array(z.string().regex(/^subnet-[0-9a-z]+$/, 'subnet ids look like subnet-0abc…')).min(1).max(16),
  securityGroups: z.array(z.string().regex(/^sg-[0-9a-z]+$/, 'security group ids look like sg-0abc…')).min(1).max(5),
});
export type ApprovedNetwork = z.infer<typeof ApprovedNetwork>;

const remediationNetwork = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
    const result = z
      .record(z.string().regex(/^\d{12}\/[a-z0-9-]+$/, 'keys look like "123456789012/us-east-1"'), ApprovedNetwork)
      .safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
      }
      return z.NEVER;
    }
    return result.data;
  });

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Variables reserved for multi-account fan-out (DESIGN.md §6): refused until that exists, never silently ignored. */
const reserved = z
  .string()
  .optional()
  .refine((v) => v === undefined || v === '', {
    message: 'is reserved for multi-account fan-out, which this version does not support yet; unset it',
  });

export const AwsEnv = z.object({
  AWS_REGION: z.string().regex(AWS_REGION_PATTERN, 'is not an AWS region name').optional(),
  AWS_DEFAULT_REGION: z.string().regex(AWS_REGION_PATTERN, 'is not an AWS region name').optional(),
  AUDIT_REGIONS: commaList(AWS_REGION_PATTERN, 'AWS region'),
  SAGEMAKER_MAX_RPS: positiveNumber(5, 100),
  REMEDIATION_NETWORK: remediationNetwork,
  LOG_LEVEL: logLevel,
  AUDIT_ACCOUNTS: reserved,
  AUDIT_ROLE_NAME: reserved,
  AUDIT_EXTERNAL_ID: reserved,
});

export const BotEnv = AwsEnv.extend({
  SLACK_BOT_TOKEN: z.string({ error: 'is required (xoxb-…)' }).regex(/^xoxb-/, 'must be a bot token (xoxb-…)'),
  SLACK_SIGNING_SECRET: z.string().min(8, 'is too short').optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token (xapp-…)').optional(),
  SLACK_API_URL: z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional(),
  PORT: positiveNumber(3000, 65535),
  DATA_DIR: z.string().min(1).default('./data'),
  REPORT_DIR: z.string().min(1).optional(),
  ALLOWED_USER_IDS: commaList(SLACK_ID_PATTERN, 'Slack user id (U…/W…)'),
  ALLOWED_CHANNEL_IDS: commaList(SLACK_ID_PATTERN, 'Slack channel id (C…/G…/D…)'),
  ALLOW_ALL_USERS: booleanFlag,
  DIGEST_SCHEDULES: z.string().optional(),
  HISTORY_RETENTION_DAYS: positiveNumber(400, 3650),
});
