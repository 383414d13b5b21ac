/**
 * pino logger factory: static messages with metadata first, secrets redacted twice over —
 * by path (known fields) and by value (known secrets and token shapes scrubbed from every line),
 * because AWS and Slack error objects can embed headers or bodies anywhere.
 * @module
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Field paths that never reach a log line. */
export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers["x-slack-signature"]',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'credentials',
  'secretAccessKey',
  'sessionToken',
  'slack.botToken',
  'slack.appToken',
  'slack.signingSecret',
  '*.token',
  '*.secret',
  '*.signingSecret',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.authorization',
  'body.token',
  'payload.token',
  'err.config',
  'err.request',
];

/** Token shapes scrubbed from any serialized line (Slack tokens, AWS secret-key assignments). */
const TOKEN_SHAPES: RegExp[] = [
  /xox[abposr]-[0-9A-Za-z-]+/g,
  /xapp-[0-9A-Za-z-]+/g,
  /(aws_secret_access_key|secretAccessKey|AWS_SECRET_ACCESS_KEY)(["'=:\s]+)[A-Za-z0-9/+]{16,}/g,
  /(x-amz-security-token|sessionToken|AWS_SESSION_TOKEN)(["'=:\s]+)[A-Za-z0-9/+=]{16,}/gi,
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A scrubber for known secret values and token shapes; the secrets' patterns are built once, not per line. */
function createScrubber(secrets: readonly string[]): (line: string) => string {
  // The typeof guard tolerates an unset optional secret passed by a JS caller.
  const known = secrets.filter((secret) => typeof secret === 'string' && secret.length >= 6).map((secret) => new RegExp(escapeRegExp(secret), 'g'));
  return (line) => {
    let out = line;
    for (const pattern of known) out = out.replace(pattern, '[Redacted]');
    for (const shape of TOKEN_SHAPES) {
      out = out.replace(shape, (match, key?: string, sep?: string) =>
        typeof key === 'string' && typeof sep === 'string' ? `${key}${sep}[Redacted]` : '[Redacted]',
      );
    }
    return out;
  };
}

/** Removes known secret values and token shapes from a serialized log line. */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  return createScrubber(secrets)(line);
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go; defaults to stderr so stdout stays free for `--json` documents. */
  destination?: DestinationStream;
  /** Secret values (tokens, signing secret, AWS keys) to scrub wherever they appear. */
  secrets?: readonly string[];
  name?: string;
}

/**
 * @example
 * const logger = createLogger({ level: 'info', secrets: [config.slack.botToken] });
 * logger.warn({ err, job, region }, 'DescribeTrainingJob failed');
 */
export function createLogger({ level = 'info', destination, secrets = [], name = 'sagemaker-vpc' }: LoggerOptions = {}): Logger {
  return pino(
    {
      name,
      level,
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      hooks: { streamWrite: createScrubber(secrets) },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** Secrets present in an environment, for `createLogger({ secrets })`. */
export function secretsFromEnv(env: Record<string, string | undefined>): string[] {
  return ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']
    .map((k) => env[k])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
}
