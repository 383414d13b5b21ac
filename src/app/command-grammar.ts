/**
 * The one grammar shared by the CLI and the `/sagemaker-vpc` slash command (DESIGN.md §5, §6).
 * Parsing validates everything that can be validated before an AWS call: job names, regions,
 * ids, numbers, dates. Errors say what was wrong and how to fix it.
 * @module
 */
import { parseArgs } from 'node:util';
import type { TrainingStatus } from '../audit/model.js';
import { cronProblem, FLEET_STATUSES, isValidTimeZone } from '../config/digest-schedules.js';
import { AWS_REGION_PATTERN } from '../config/schema.js';

export type Surface = 'cli' | 'slack';

export const JOB_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const SUBNET_ID_PATTERN = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
export const SECURITY_GROUP_ID_PATTERN = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
export const CHANNEL_ID_PATTERN = /^[CGD][A-Z0-9]{2,}$/;

export interface FleetFilters {
  regions: string[];
  /** Raw `--since` value, validated: `30d`, `12h`, `2w`, `2026-01-01`, an ISO time, or `all`. */
  since?: string;
  status?: TrainingStatus;
  maxJobs?: number;
}

export type Command =
  | { kind: 'check-job'; job: string; region?: string; json: boolean; sandbox: boolean }
  | ({ kind: 'check-all'; json: boolean; sandbox: boolean; maxRps?: number } & FleetFilters)
  | { kind: 'remediate'; job: string; region?: string; json: boolean; sandbox: boolean }
  | {
      kind: 'check-network';
      subnets: string[];
      securityGroups: string[];
      instances: number;
      interContainerEncryption: boolean;
      networkIsolation: boolean;
      approved: boolean;
      region?: string;
      json: boolean;
      sandbox: boolean;
    }
  | { kind: 'rules'; json: boolean }
  | { kind: 'help' }
  | { kind: 'digest-now' }
  | { kind: 'digest-list' }
  | ({ kind: 'digest-add'; cron: string; timezone: string } & FleetFilters)
  | { kind: 'digest-remove'; id: string }
  | { kind: 'digest-dry-run'; channel: string; sandbox: boolean };

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

export const USAGE = {
  cli: [
    'sagemaker-vpc check <job-name> [--region R] [--json]',
    'sagemaker-vpc check --all [--region R]... [--since 30d|2026-01-01|all] [--status InProgress|Completed|Failed|Stopping|Stopped] [--max-jobs N] [--max-rps N] [--json]',
    'sagemaker-vpc remediate <job-name> [--region R] [--json]',
    'sagemaker-vpc check-network --subnets a,b --security-groups sg-1 [--instances N] [--inter-container-encryption] [--network-isolation] [--region R] [--json]',
    'sagemaker-vpc check-network --approved [--json]',
    'sagemaker-vpc digest --channel C0123456789 --dry-run',
    'sagemaker-vpc rules [--json]',
    'sagemaker-vpc help',
    'Add --sandbox to any command to run it against the embedded sandbox account (no credentials).',
  ],
  slack: [
    '/sagemaker-vpc check <job-name> [--region R]',
    '/sagemaker-vpc check --all [--region R] [--since 30d|2026-01-01|all] [--status Completed] [--max-jobs N]',
    '/sagemaker-vpc check-network --subnets a,b --security-groups sg-1 [--instances N]',
    '/sagemaker-vpc digest now | digest list | digest add "<cron>" [--tz Europe/Berlin] | digest remove <id>',
    '/sagemaker-vpc help',
  ],
} as const;

const fail = (error: string): ParseResult => ({ ok: false, error });

/**
 * Splits slash-command text like a shell would: whitespace separates words, single or double
 * quotes group them. Slack clients turn quotes into typographic ones, so “ ” ‘ ’ count too.
 */
export function tokenize(text: string): { ok: true; tokens: string[] } | { ok: false; error: string } {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote: string | undefined;
  const closing: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '‘': '’', '’': '’' };
  for (const ch of text) {
    if (quote) {
      if (ch === closing[quote] || (quote === '“' && ch === '“')) quote = undefined;
      else current += ch;
      continue;
    }
    if (ch in closing) {
      quote = ch;
      inToken = true;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }
    current += ch;
    inToken = true;
  }
  if (quote) return { ok: false, error: 'a quote is not closed' };
  if (inToken) tokens.push(current);
  return { ok: true, tokens };
}

export function jobNameProblem(name: string): string | undefined {
  if (JOB_NAME_PATTERN.test(name)) return undefined;
  return `"${name}" is not a valid training job name: names are 1–63 letters, digits and hyphens, starting and ending with a letter or digit (pattern ${JOB_NAME_PATTERN.source})`;
}

const SINCE_RELATIVE = /^(\d{1,5})([hdw])$/;
const SINCE_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function sinceProblem(value: string): string | undefined {
  if (value === 'all' || SINCE_RELATIVE.test(value)) return undefined;
  if (SINCE_DATE.test(value) && !Number.isNaN(Date.parse(value))) return undefined;
  return `--since "${value}" is not understood: use a duration like 30d, 12h or 2w, a date like 2026-01-01, or all`;
}

/** A validated `--since` in words: "all time", "last 30 days", "since 2026-01-01". */
export function describeSince(value: string | undefined): string {
  if (value === undefined || value === 'all') return 'all time';
  const relative = SINCE_RELATIVE.exec(value);
  if (relative) return `last ${relative[1]} ${{ h: 'hours', d: 'days', w: 'weeks' }[relative[2] as 'h' | 'd' | 'w']}`;
  return `since ${value}`;
}

/** Turns a validated `--since` into the earliest creation time, or undefined for "no window". */
export function resolveSince(value: string | undefined, now: Date): Date | undefined {
  if (value === undefined || value === 'all') return undefined;
  const relative = SINCE_RELATIVE.exec(value);
  if (relative) {
    const unitMs = { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[relative[2] as 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * unitMs);
  }
  // A bare date means midnight UTC of that day.
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

function positiveInt(flag: string, value: string | undefined, max = 10_000_000): number | string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) return `${flag} must be a whole number from 1 to ${max}, got "${value}"`;
  return Number(value);
}

function regionProblem(region: string): string | undefined {
  return AWS_REGION_PATTERN.test(region) ? undefined : `"${region}" is not an AWS region name (e.g. us-east-1)`;
}

/** The one `--region` a single-target subcommand takes (or none), or the problem with it. */
function singleRegion(sub: string, values: Values): { region: string | undefined } | string {
  const regions = values.region ?? [];
  if (regions.length > 1) return `${sub} takes one --region`;
  const region = regions[0];
  const problem = region ? regionProblem(region) : undefined;
  return problem ?? { region };
}

function idList(flag: string, raw: string | undefined, pattern: RegExp, example: string, min: number, max: number): string[] | string {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length < min || items.length > max) {
    return `${flag} takes ${min}–${max} comma-separated ids (the VpcConfig limits), got ${items.length}`;
  }
  const bad = items.find((id) => !pattern.test(id));
  if (bad) return `${flag}: "${bad}" is not a valid id (expected something like ${example})`;
  if (new Set(items).size !== items.length) return `${flag} lists the same id twice`;
  return items;
}

const OPTIONS = {
  region: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  since: { type: 'string' },
  status: { type: 'string' },
  'max-jobs': { type: 'string' },
  'max-rps': { type: 'string' },
  json: { type: 'boolean' },
  sandbox: { type: 'boolean' },
  subnets: { type: 'string' },
  'security-groups': { type: 'string' },
  instances: { type: 'string' },
  'inter-container-encryption': { type: 'boolean' },
  'network-isolation': { type: 'boolean' },
  approved: { type: 'boolean' },
  tz: { type: 'string' },
  channel: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** Flags each surface accepts per subcommand; anything else is refused by name. */
const ALLOWED: Record<string, Record<Surface, (keyof typeof OPTIONS)[]>> = {
  check: {
    cli: ['region', 'all', 'since', 'status', 'max-jobs', 'max-rps', 'json', 'sandbox'],
    slack: ['region', 'all', 'since', 'status', 'max-jobs'],
  },
  remediate: { cli: ['region', 'json', 'sandbox'], slack: ['region'] },
  'check-network': {
    cli: ['subnets', 'security-groups', 'instances', 'inter-container-encryption', 'network-isolation', 'approved', 'region', 'json', 'sandbox'],
    slack: ['subnets', 'security-groups', 'instances', 'inter-container-encryption', 'network-isolation', 'region'],
  },
  rules: { cli: ['json'], slack: [] },
  help: { cli: [], slack: [] },
  digest: { cli: ['channel', 'dry-run', 'sandbox'], slack: ['tz', 'region', 'since', 'status', 'max-jobs'] },
};

function parseFlags(tokens: string[]): { ok: true; values: Values; positionals: string[] } | { ok: false; error: string } {
  try {
    const { values, positionals } = parseArgs({ args: tokens, options: OPTIONS, allowPositionals: true, strict: true });
    return { ok: true, values: values as Values, positionals };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown) return { ok: false, error: `unknown option ${unknown[1]}` };
    const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
    if (missing) return { ok: false, error: `${missing[1]} needs a value` };
    return { ok: false, error: message.split('\n')[0] ?? message };
  }
}

function fleetFilters(values: Values): FleetFilters | string {
  const regions = values.region ?? [];
  for (const r of regions) {
    const problem = regionProblem(r);
    if (problem) return problem;
  }
  if (values.since !== undefined) {
    const problem = sinceProblem(values.since);
    if (problem) return problem;
  }
  let status: TrainingStatus | undefined;
  if (values.status !== undefined) {
    const match = FLEET_STATUSES.find((s) => s.toLowerCase() === values.status?.toLowerCase());
    if (!match) return `--status must be one of ${FLEET_STATUSES.join(', ')}, got "${values.status}"`;
    status = match;
  }
  const maxJobs = positiveInt('--max-jobs', values['max-jobs']);
  if (typeof maxJobs === 'string') return maxJobs;
  return { regions: [...new Set(regions)], since: values.since, status, maxJobs };
}

/**
 * Parses a command line (already split into words) for one surface.
 * @example parseCommand(['check', 'train-42', '--region', 'us-east-1'], 'cli')
 */
export function parseCommand(tokens: readonly string[], surface: Surface): ParseResult {
  const [sub, ...rest] = tokens;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') return { ok: true, command: { kind: 'help' } };
  const allowed = ALLOWED[sub];
  if (!allowed) return fail(`unknown command "${sub}"`);
  const flags = parseFlags(rest);
  if (!flags.ok) return fail(`${sub}: ${flags.error}`);
  const { values, positionals } = flags;
  if (values.help) return { ok: true, command: { kind: 'help' } };
  const disallowed = (Object.keys(values) as (keyof typeof OPTIONS)[]).filter((k) => !allowed[surface].includes(k));
  if (disallowed.length > 0) {
    return fail(`${sub} does not take ${disallowed.map((k) => `--${k}`).join(', ')}${surface === 'slack' ? ' in Slack' : ''}`);
  }
  const json = values.json === true;
  const sandbox = values.sandbox === true;

  switch (sub) {
    case 'check':
      return parseCheck(values, positionals, json, sandbox);
    case 'remediate': {
      const job = singleJob(sub, positionals);
      if (typeof job !== 'object') return fail(job);
      const target = singleRegion(sub, values);
      if (typeof target === 'string') return fail(target);
      return { ok: true, command: { kind: 'remediate', job: job.name, region: target.region, json, sandbox } };
    }
    case 'check-network':
      return parseCheckNetwork(values, positionals, json, sandbox);
    case 'rules':
      if (positionals.length > 0) return fail(`rules takes no arguments, got "${positionals.join(' ')}"`);
      return { ok: true, command: { kind: 'rules', json } };
    case 'digest':
      return surface === 'cli' ? parseCliDigest(values, positionals, sandbox) : parseSlackDigest(values, positionals);
    default:
      return fail(`unknown command "${sub}"`);
  }
}

function singleJob(sub: string, positionals: string[]): { name: string } | string {
  if (positionals.length === 0) return `${sub} needs a training job name, e.g. ${sub} train-42`;
  if (positionals.length > 1) return `${sub} takes one job name, got ${positionals.length}: quote nothing, separate nothing`;
  const name = positionals[0] as string;
  return jobNameProblem(name) ?? { name };
}

function parseCheck(values: Values, positionals: string[], json: boolean, sandbox: boolean): ParseResult {
  if (values.all) {
    if (positionals.length > 0) return fail(`check --all takes no job name (got "${positionals.join(' ')}"): use either check <job> or check --all`);
    const filters = fleetFilters(values);
    if (typeof filters === 'string') return fail(filters);
    const maxRps = values['max-rps'] === undefined ? undefined : Number(values['max-rps']);
    if (maxRps !== undefined && (!Number.isFinite(maxRps) || maxRps <= 0 || maxRps > 100)) {
      return fail(`--max-rps must be a number above 0 and at most 100, got "${values['max-rps']}"`);
    }
    return { ok: true, command: { kind: 'check-all', ...filters, maxRps, json, sandbox } };
  }
  const fleetOnly = (['since', 'status', 'max-jobs', 'max-rps'] as const).filter((k) => values[k] !== undefined);
  if (fleetOnly.length > 0) return fail(`${fleetOnly.map((k) => `--${k}`).join(', ')} only apply to check --all`);
  const job = singleJob('check', positionals);
  if (typeof job !== 'object') return fail(job);
  const target = singleRegion('check <job>', values);
  if (typeof target === 'string') return fail(target);
  return { ok: true, command: { kind: 'check-job', job: job.name, region: target.region, json, sandbox } };
}

function parseCheckNetwork(values: Values, positionals: string[], json: boolean, sandbox: boolean): ParseResult {
  if (positionals.length > 0) return fail(`check-network takes no positional arguments, got "${positionals.join(' ')}"`);
  const target = singleRegion('check-network', values);
  if (typeof target === 'string') return fail(target);
  const { region } = target;
  if (values.approved) {
    const extra = (['subnets', 'security-groups', 'instances'] as const).filter((k) => values[k] !== undefined);
    if (extra.length > 0) return fail(`--approved checks REMEDIATION_NETWORK; it does not take ${extra.map((k) => `--${k}`).join(', ')}`);
    return {
      ok: true,
      command: { kind: 'check-network', subnets: [], securityGroups: [], instances: 1, interContainerEncryption: false, networkIsolation: false, approved: true, region, json, sandbox },
    };
  }
  const subnets = idList('--subnets', values.subnets, SUBNET_ID_PATTERN, 'subnet-0123456789abcdef0', 1, 16);
  if (typeof subnets === 'string') return fail(subnets);
  const securityGroups = idList('--security-groups', values['security-groups'], SECURITY_GROUP_ID_PATTERN, 'sg-0123456789abcdef0', 1, 5);
  if (typeof securityGroups === 'string') return fail(securityGroups);
  const instances = positiveInt('--instances', values.instances, 1000) ?? 1;
  if (typeof instances === 'string') return fail(instances);
  return {
    ok: true,
    command: {
      kind: 'check-network',
      subnets,
      securityGroups,
      instances,
      interContainerEncryption: values['inter-container-encryption'] === true,
      networkIsolation: values['network-isolation'] === true,
      approved: false,
      region,
      json,
      sandbox,
    },
  };
}

function parseCliDigest(values: Values, positionals: string[], sandbox: boolean): ParseResult {
  if (positionals.length > 0 || !values['dry-run'] || !values.channel) {
    return fail('from the CLI, digest only previews: sagemaker-vpc digest --channel C0123456789 --dry-run (manage schedules from Slack)');
  }
  if (!CHANNEL_ID_PATTERN.test(values.channel)) return fail(`--channel "${values.channel}" is not a Slack channel id (C…)`);
  return { ok: true, command: { kind: 'digest-dry-run', channel: values.channel, sandbox } };
}

function parseSlackDigest(values: Values, positionals: string[]): ParseResult {
  const [action, ...args] = positionals;
  const noFlags = Object.keys(values).length === 0;
  switch (action) {
    case 'now':
    case 'list':
      if (args.length > 0 || !noFlags) return fail(`digest ${action} takes no arguments`);
      return { ok: true, command: { kind: action === 'now' ? 'digest-now' : 'digest-list' } };
    case 'remove':
      if (args.length !== 1 || !noFlags) return fail('digest remove takes one schedule id, e.g. digest remove 3 (see digest list)');
      if (!/^\d{1,9}$/.test(args[0] as string)) return fail(`"${args[0]}" is not a schedule id: ids are numbers (see digest list)`);
      return { ok: true, command: { kind: 'digest-remove', id: args[0] as string } };
    case 'add': {
      if (args.length !== 1) {
        return fail('digest add takes one quoted cron expression, e.g. digest add "0 9 * * 1" --tz Europe/Berlin');
      }
      const cron = args[0] as string;
      const timezone = values.tz ?? 'UTC';
      if (!isValidTimeZone(timezone)) return fail(`--tz "${timezone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`);
      const cronIssue = cronProblem(cron, timezone);
      if (cronIssue) {
        return fail(`"${cron}" is not a valid cron expression (${cronIssue}); five fields: minute hour day-of-month month day-of-week, e.g. "0 9 * * 1" for Mondays at 09:00`);
      }
      const filters = fleetFilters(values);
      if (typeof filters === 'string') return fail(filters);
      return { ok: true, command: { kind: 'digest-add', cron, timezone, ...filters } };
    }
    default:
      return fail(action === undefined ? 'digest needs an action: now, list, add or remove' : `unknown digest action "${action}": use now, list, add or remove`);
  }
}
