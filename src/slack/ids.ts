/**
 * Action ids and button values: the contract between the views that render buttons and the
 * listeners that handle clicks. A button's `value` comes back from Slack as an untrusted string, so
 * it is small versioned JSON (`v: 1`) parsed with strict zod schemas: wrong shape, extra keys, an
 * unknown version, malformed JSON or more than 2000 characters are refused with a reason. The
 * listener must still re-authorise the clicking user (DESIGN.md §6).
 * @module
 */
import { z } from 'zod';
import { CHANNEL_ID_PATTERN, JOB_NAME_PATTERN, SECURITY_GROUP_ID_PATTERN, SUBNET_ID_PATTERN } from '../app/command-grammar.js';
import { AWS_REGION_PATTERN as REGION_PATTERN } from '../config/schema.js';

/** `action_id`s of every interactive element we render. */
export const ActionId = {
  recheckJob: 'recheck_job',
  showRemediation: 'show_remediation',
  fleetPage: 'fleet_page',
  fleetDetails: 'fleet_details',
  rerunFleet: 'rerun_fleet',
  checkNetworkAgain: 'check_network_again',
  /** A URL button: Slack still sends a `block_actions` payload for it, which must be acked. */
  openConsole: 'open_console',
  /** Recheck from a digest: answers beside the digest instead of replacing it. */
  digestRecheck: 'digest_recheck',
} as const;
export type ActionId = (typeof ActionId)[keyof typeof ActionId];

/**
 * `action_id` must be unique within a block, so two buttons of one kind in the same actions block
 * (Previous/Next page) get a suffix: `fleet_page:next`. Register listeners with these patterns.
 */
export function actionIdWithSuffix(id: ActionId, suffix: string): string {
  if (!/^[a-z0-9_-]{1,32}$/.test(suffix)) throw new RangeError(`action id suffix must be 1–32 of [a-z0-9_-], got ${JSON.stringify(suffix)}`);
  return `${id}:${suffix}`;
}

/** Matches an action id and its suffixed variants, e.g. `ActionPattern.fleetPage.test('fleet_page:prev')`. */
export const ActionPattern = Object.fromEntries(
  Object.entries(ActionId).map(([name, id]) => [name, new RegExp(`^${id}(?::[a-z0-9_-]{1,32})?$`)]),
) as { readonly [K in keyof typeof ActionId]: RegExp };

// Button values accept exactly what the command grammar and the config accept.
export { CHANNEL_ID_PATTERN, JOB_NAME_PATTERN, REGION_PATTERN, SECURITY_GROUP_ID_PATTERN, SUBNET_ID_PATTERN };
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Slack user ids we mention (`<@U…>`): only ever taken from a request payload, and checked anyway. */
export const USER_ID_PATTERN = /^[UW][A-Z0-9]{2,}$/;
export const MAX_VALUE_LENGTH = 2000;
/** Room left for the HMAC seal the bot appends on the way out (button-seal.ts). */
export const SEAL_RESERVE = 32;

const account = z.string().regex(/^(\d{12})?$/, 'account must be 12 digits (or empty for a preflight)');
const region = z.string().regex(REGION_PATTERN, 'not an AWS region name');
const job = z.string().regex(JOB_NAME_PATTERN, 'not a training job name');
const run = z.string().regex(RUN_ID_PATTERN, 'not a run id');
const unique = (list: string[]) => new Set(list).size === list.length;

const schemas = {
  /** A training job: Recheck, Show remediation, console link, digest Recheck. */
  job: z.strictObject({ v: z.literal(1), account, region, job }),
  fleetPage: z.strictObject({ v: z.literal(1), run, page: z.int().min(0).max(1_000_000) }),
  fleetDetails: z.strictObject({ v: z.literal(1), run, account, region, job }),
  rerun: z.strictObject({ v: z.literal(1), run }),
  /** A preflight's VpcConfig and flags (`ice` inter-container encryption, `iso` network isolation). */
  preflight: z.strictObject({
    v: z.literal(1),
    region,
    subnets: z.array(z.string().regex(SUBNET_ID_PATTERN, 'not a subnet id')).min(1).max(16).refine(unique, 'subnets repeat'),
    sgs: z.array(z.string().regex(SECURITY_GROUP_ID_PATTERN, 'not a security group id')).min(1).max(5).refine(unique, 'security groups repeat'),
    instances: z.int().min(1).max(1000),
    ice: z.boolean(),
    iso: z.boolean(),
  }),
} as const;

export type ValueKind = keyof typeof schemas;
export type ButtonValue<K extends ValueKind> = z.infer<(typeof schemas)[K]>;
/** What a view passes to `encodeValue`: the value without its version. */
export type ButtonData<K extends ValueKind> = Omit<ButtonValue<K>, 'v'>;

/** Which value kind each action carries. */
export const VALUE_KIND: Record<ActionId, ValueKind> = {
  recheck_job: 'job',
  show_remediation: 'job',
  open_console: 'job',
  digest_recheck: 'job',
  fleet_page: 'fleetPage',
  fleet_details: 'fleetDetails',
  rerun_fleet: 'rerun',
  check_network_again: 'preflight',
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Serialises a button value, validating it first: a view never renders a button whose click
 * would be refused.
 * @example encodeValue('job', { account: '123456789012', region: 'us-east-1', job: 'train-42' })
 */
export function encodeValue<K extends ValueKind>(kind: K, data: ButtonData<K>): Result<string> {
  const parsed = schemas[kind].safeParse({ v: 1, ...data });
  if (!parsed.success) return { ok: false, error: `invalid ${kind} value: ${describeIssues(parsed.error)}` };
  const raw = JSON.stringify(parsed.data);
  const room = MAX_VALUE_LENGTH - SEAL_RESERVE;
  if (raw.length > room) return { ok: false, error: `${kind} value is ${raw.length} characters; at most ${room} fit beside the seal` };
  return { ok: true, value: raw };
}

/**
 * Parses a clicked button's value. Anything but exactly the expected shape is refused with a reason.
 * @example decodeValue('job', body.actions[0].value)
 */
export function decodeValue<K extends ValueKind>(kind: K, raw: unknown): Result<ButtonValue<K>> {
  if (typeof raw !== 'string' || raw === '') return { ok: false, error: 'the button carries no value' };
  if (raw.length > MAX_VALUE_LENGTH) return { ok: false, error: `value is ${raw.length} characters (over ${MAX_VALUE_LENGTH})` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'value is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, error: 'value is not a JSON object' };
  const version = (json as { v?: unknown }).v;
  if (version !== 1) return { ok: false, error: `unknown value version ${JSON.stringify(version ?? null)} (expected 1)` };
  const parsed = schemas[kind].safeParse(json);
  if (!parsed.success) return { ok: false, error: `invalid ${kind} value: ${describeIssues(parsed.error)}` };
  return { ok: true, value: parsed.data as ButtonValue<K> };
}

/** The base action id of a (possibly suffixed) `action_id`, or `undefined` when it is not ours. */
export function baseActionId(actionId: string): ActionId | undefined {
  const base = actionId.split(':', 1)[0];
  return (Object.values(ActionId) as string[]).includes(base ?? '') && /^[a-z_]+(:[a-z0-9_-]{1,32})?$/.test(actionId) ? (base as ActionId) : undefined;
}
