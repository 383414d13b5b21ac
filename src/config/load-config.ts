/**
 * Loads and validates configuration from an injectable environment (default `process.env`).
 * Invalid settings throw one `ConfigError` listing every problem; values are never echoed
 * for secrets.
 * @module
 */
import type { z } from 'zod';
import { AwsEnv, BotEnv, type ApprovedNetwork } from './schema.js';
import { DigestScheduleSeeds, type DigestScheduleSeed } from './digest-schedules.js';

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export interface AwsConfig {
  /** Regions to audit, in order; the first is the default for single-job commands. */
  regions: string[];
  sagemakerMaxRps: number;
  remediationNetwork: Record<string, ApprovedNetwork>;
  logLevel: string;
}

export interface BotConfig extends AwsConfig {
  mode: 'socket' | 'http';
  slack: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  port: number;
  dataDir: string;
  reportDir?: string;
  access: { allowAll: boolean; userIds: string[]; channelIds: string[] };
  digestSeeds: DigestScheduleSeed[];
  historyRetentionDays: number;
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`);
}

function regionsFrom(env: z.infer<typeof AwsEnv>): string[] {
  if (env.AUDIT_REGIONS.length > 0) return [...new Set(env.AUDIT_REGIONS)];
  const single = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  return single ? [single] : [];
}

/**
 * The CLI's configuration. Regions may be absent here because `--region` can supply them.
 * @example loadAwsConfig({ env: { AWS_REGION: 'us-east-1' } }).regions // ['us-east-1']
 */
export function loadAwsConfig({ env = process.env }: { env?: Env } = {}): AwsConfig {
  const parsed = AwsEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  return {
    regions: regionsFrom(parsed.data),
    sagemakerMaxRps: parsed.data.SAGEMAKER_MAX_RPS,
    remediationNetwork: parsed.data.REMEDIATION_NETWORK,
    logLevel: parsed.data.LOG_LEVEL,
  };
}

/** The bot's configuration: everything DESIGN.md §6 lists, failing closed on access control. */
export function loadBotConfig({ env = process.env }: { env?: Env } = {}): BotConfig {
  const problems: string[] = [];
  const parsed = BotEnv.safeParse(env);
  if (!parsed.success) problems.push(...problemsOf(parsed.error));
  const seeds = DigestScheduleSeeds.safeParse(env.DIGEST_SCHEDULES);
  if (!seeds.success) problems.push(...seeds.error.issues.map((i) => `DIGEST_SCHEDULES ${[...i.path].join('.')} ${i.message}`.replace(/ {2}/g, ' ')));
  // Cross-setting rules are judged on the raw values too, so one message lists every problem.
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if (!set('AUDIT_REGIONS') && !set('AWS_REGION') && !set('AWS_DEFAULT_REGION')) {
    problems.push('AWS_REGION or AUDIT_REGIONS is required (the regions to audit)');
  }
  if (!set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!set('ALLOWED_USER_IDS') && !set('ALLOWED_CHANNEL_IDS') && !/^(true|1|yes)$/i.test(env.ALLOW_ALL_USERS ?? '')) {
    problems.push(
      'ALLOWED_USER_IDS or ALLOWED_CHANNEL_IDS is required: findings reveal account ids and network topology, so the bot ' +
        'refuses to start open to everyone unless ALLOW_ALL_USERS=true says so explicitly',
    );
  }
  if (!parsed.success || !seeds.success || problems.length > 0) throw new ConfigError(problems);

  const data = parsed.data;
  const regions = regionsFrom(data);
  const userIds = data.ALLOWED_USER_IDS;
  const channelIds = data.ALLOWED_CHANNEL_IDS;

  return {
    regions,
    sagemakerMaxRps: data.SAGEMAKER_MAX_RPS,
    remediationNetwork: data.REMEDIATION_NETWORK,
    logLevel: data.LOG_LEVEL,
    mode: data.SLACK_APP_TOKEN ? 'socket' : 'http',
    slack: {
      botToken: data.SLACK_BOT_TOKEN,
      signingSecret: data.SLACK_SIGNING_SECRET,
      appToken: data.SLACK_APP_TOKEN,
      apiUrl: data.SLACK_API_URL,
    },
    port: data.PORT,
    dataDir: data.DATA_DIR,
    reportDir: data.REPORT_DIR,
    access: { allowAll: data.ALLOW_ALL_USERS, userIds, channelIds },
    digestSeeds: seeds.data,
    historyRetentionDays: data.HISTORY_RETENTION_DAYS,
  };
}
