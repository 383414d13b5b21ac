/**
 * Errors the user can act on, each saying what happened and what to do next. Internal errors show
 * a short correlation id (to find the log line), never a stack or exception text.
 * @module
 */
import { code, escapeWithin } from '../escape.js';
import { ActionId, encodeValue, JOB_NAME_PATTERN, type ButtonData } from '../ids.js';
import { fitMessage } from '../limits.js';
import { actions, button, context, duration, section, slackDate, type MessageView } from './blocks.js';

/** Kinds are snake_case like the model's `ErrorCode`s; each names the details it shows. */
export interface ErrorDetails {
  not_found: { job: string; region: string; account?: string };
  /** `name` as typed, and/or the grammar's explanation (`detail`, untrusted: it echoes input). */
  invalid_name: { name?: string; detail?: string };
  /** A button value or request the bot refuses (malformed, not issued by us, region not audited). */
  invalid_value: { detail: string };
  /** `action` is the IAM action that was denied, e.g. `sagemaker:DescribeTrainingJob`. */
  access_denied: { action: string; resource?: string; message?: string };
  throttled: { operation?: string };
  timeout: { operation?: string; seconds?: number };
  /** Any other AWS failure (unavailable, rejected input, unexpected): `message` is our sentence naming the operation. */
  aws_error: { operation: string; message: string };
  internal: { correlationId: string };
  /** A fleet audit of the same scope is already running: this request joined it. */
  fleet_running: { scopeText: string; startedAt?: Date };
  cooldown: { seconds: number };
}

export type ErrorKind = keyof ErrorDetails;

function body(kind: ErrorKind, detail: ErrorDetails[ErrorKind]): { text: string; lines: string[] } {
  switch (kind) {
    case 'not_found': {
      const d = detail as ErrorDetails['not_found'];
      // AWS's answer names no account; the bot knows it once it has seen a job there.
      const where = `${code(d.region, 30)} ${d.account ? `(account ${code(d.account, 20)})` : "(in the account of the bot's AWS credentials)"}`;
      return {
        text: `Training job ${escapeWithin(d.job, 200)} not found in ${escapeWithin(d.region, 30)}`,
        lines: [`:mag: No training job ${code(d.job, 200)} in ${where}.`, `Check the name, or add ${code('--region <region>')} if it ran elsewhere.`],
      };
    }
    case 'invalid_name': {
      const d = detail as ErrorDetails['invalid_name'];
      const what = d.name !== undefined ? `${code(d.name, 200)} is not a valid training job name` : 'That is not a valid training job name';
      const lines = [`:warning: ${what}.`];
      if (d.detail) lines.push(escapeWithin(d.detail, 500));
      lines.push(`Names are 1–63 letters, digits and hyphens, starting and ending with a letter or digit: ${code(JOB_NAME_PATTERN.source)}`);
      return { text: d.name !== undefined ? `${escapeWithin(d.name, 200)} is not a valid training job name` : 'Not a valid training job name', lines };
    }
    case 'invalid_value': {
      const d = detail as ErrorDetails['invalid_value'];
      return {
        text: `That request was refused: ${escapeWithin(d.detail, 200)}`,
        lines: [`:no_entry_sign: That request was refused: ${escapeWithin(d.detail, 500)}`, 'Nothing was run. Start again from the slash command if needed.'],
      };
    }
    case 'access_denied': {
      const d = detail as ErrorDetails['access_denied'];
      const on = d.resource ? ` on ${code(d.resource, 200)}` : '';
      const lines = [
        `:lock: AWS denied ${code(d.action, 100)}${on}.`,
        `Grant it to the role sagemaker-vpc runs as; every action the tool needs is listed in ${code('iam-policy.json')}.`,
      ];
      if (d.message) lines.push(`Details: ${escapeWithin(d.message, 500)}`);
      return { text: `Access denied: ${escapeWithin(d.action, 100)}`, lines };
    }
    case 'throttled': {
      const d = detail as ErrorDetails['throttled'];
      const op = d.operation ? ` on ${code(d.operation, 100)}` : '';
      return {
        text: 'AWS is throttling requests; try again in a minute',
        lines: [`:snail: AWS throttled the request${op} even after retries. SageMaker's limits are shared with your pipelines, so sagemaker-vpc backs off instead of pushing. Try again in a minute.`],
      };
    }
    case 'timeout': {
      const d = detail as ErrorDetails['timeout'];
      const op = d.operation ? ` waiting for ${code(d.operation, 100)}` : '';
      const after = d.seconds !== undefined ? ` after ${duration(d.seconds * 1000)}` : '';
      return { text: 'The check timed out; try again', lines: [`:stopwatch: Timed out${op}${after}. Nothing was changed; try again.`] };
    }
    case 'aws_error': {
      const d = detail as ErrorDetails['aws_error'];
      return {
        text: `AWS could not answer ${escapeWithin(d.operation, 100)}; try again`,
        lines: [`:cloud: AWS could not answer ${code(d.operation, 100)}.`, `${escapeWithin(d.message, 500)} Nothing was changed; try again in a moment.`],
      };
    }
    case 'internal': {
      const d = detail as ErrorDetails['internal'];
      const ref = code(d.correlationId, 40);
      return {
        text: `Something went wrong (reference ${escapeWithin(d.correlationId, 40)})`,
        lines: [`:boom: Something went wrong on our side (reference ${ref}). Nothing was changed in AWS.`, 'Try again; if it keeps failing, give the reference to whoever runs the bot.'],
      };
    }
    case 'fleet_running': {
      const d = detail as ErrorDetails['fleet_running'];
      const since = d.startedAt ? ` (started ${slackDate(d.startedAt)})` : '';
      return {
        text: 'A fleet audit of this scope is already running; you will get its result',
        lines: [`:hourglass_flowing_sand: A fleet audit of ${escapeWithin(d.scopeText, 300)} is already running${since}. You joined it: its result will be posted here too.`],
      };
    }
    case 'cooldown': {
      const d = detail as ErrorDetails['cooldown'];
      return {
        text: `Please wait ${duration(d.seconds * 1000)} before starting another fleet audit`,
        lines: [`:hourglass: You started a fleet audit recently. Please wait ${duration(d.seconds * 1000)} before starting another one — fleet audits share SageMaker's API limits with your pipelines.`],
      };
    }
  }
}

export interface ErrorOptions {
  /** A "Try again" button that rechecks this job (e.g. after the missing permission was granted). */
  retry?: ButtonData<'job'>;
}

/**
 * @example errorMessage('access_denied', { action: 'ec2:DescribeRouteTables', resource: 'subnet-0a1b2c3d' })
 * @example errorMessage('throttled', { operation: 'sagemaker:DescribeTrainingJob' }, { retry: { account: '', region: 'us-east-1', job: 'train-42' } })
 */
export function errorMessage<K extends ErrorKind>(kind: K, detail: ErrorDetails[K], options: ErrorOptions = {}): MessageView {
  const { text, lines } = body(kind, detail);
  const [first, ...rest] = lines;
  const retry = options.retry ? encodeValue('job', options.retry) : undefined;
  return fitMessage({
    text,
    blocks: [
      section(first ?? text),
      ...(rest.length > 0 ? [context(rest.join('\n'))] : []),
      ...actions([retry?.ok ? button({ text: 'Try again', actionId: ActionId.recheckJob, value: retry.value }) : undefined]),
    ],
  });
}
