/**
 * SDK error → `CollectorError`. Collectors never throw for AWS failures (style practice 6): the
 * error becomes data that a rule turns into `unknown`, naming the IAM action that was missing.
 *
 * Codes come from `e.name` (the wire code, aws-reference §4), `e.code` (Node socket errors) and
 * `e.$metadata.httpStatusCode`. EC2 spells "not found" both `…ID.NotFound` and `…Id.NotFound`,
 * and SageMaker reports a missing job as a `ValidationException`, so matching is by table, not class.
 * @module
 */
import type { CollectorError, ErrorCode } from '../audit/model.js';

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; attempts?: unknown };
  cause?: unknown;
}

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
/** 403s that are about the credentials themselves, not a missing grant: the hint must differ. */
const BAD_CREDENTIALS = new Set([
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'CredentialsProviderError',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'EC2ThrottledException',
  'SlowDown',
]);
const NOT_FOUND = new Set(['ResourceNotFound', 'ResourceNotFoundException', 'NatGatewayNotFound']);
const TIMEOUT = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException']);
const TIMEOUT_SOCKET_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE = new Set(['ServiceUnavailable', 'ServiceUnavailableException', 'InternalFailure', 'InternalError', 'Unavailable']);
const INVALID_INPUT = new Set(['ValidationException', 'InvalidParameterValue', 'InvalidParameterCombination', 'MissingParameter']);

const MAX_AWS_TEXT = 300;

/**
 * Classify any thrown value from an AWS call.
 * @param operation the IAM action that was attempted, e.g. `ec2:DescribeRouteTables`.
 * @param resource the resource the call was about, when it was about one.
 * @example toCollectorError(err, 'sagemaker:DescribeTrainingJob', 'train-42')
 */
export function toCollectorError(err: unknown, operation: string, resource?: string): CollectorError {
  const e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : { message: String(err) };
  const name = firstString(e.name, e.Code) ?? 'Error';
  const socketCode = firstString(e.code, (e.cause as ErrorLike | undefined)?.code);
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const awsText = sanitize(firstString(e.message) ?? '');
  const code = classify(name, socketCode, status, awsText);
  const error: CollectorError = { code, operation, message: describe(code, { name, operation, resource, awsText, socketCode, status, e }) };
  if (resource !== undefined) error.resource = resource;
  return error;
}

/** A resource the call succeeded for but did not return (EC2 can omit an ID instead of failing). */
export function notFoundError(operation: string, resource: string): CollectorError {
  return { code: 'not_found', operation, resource, message: notFoundMessage(operation, resource) };
}

function notFoundMessage(operation: string, resource: string | undefined): string {
  return `${resource ?? 'The requested resource'} was not found (${operation}).`;
}

function classify(name: string, socketCode: string | undefined, status: number | undefined, awsText: string): ErrorCode {
  if (ACCESS_DENIED.has(name) || /\.Unauthorized(Operation)?$/.test(name) || BAD_CREDENTIALS.has(name) || status === 403) {
    return 'access_denied';
  }
  if (THROTTLED.has(name) || status === 429) return 'throttled';
  if (NOT_FOUND.has(name) || /\.notfound$/i.test(name)) return 'not_found';
  if (name === 'ValidationException' && /not found|could not find/i.test(awsText)) return 'not_found';
  if (TIMEOUT.has(name) || (socketCode !== undefined && TIMEOUT_SOCKET_CODES.has(socketCode))) return 'timeout';
  if (UNAVAILABLE.has(name) || (socketCode !== undefined && UNAVAILABLE_SOCKET_CODES.has(socketCode))) return 'unavailable';
  if (status !== undefined && status >= 500) return 'unavailable';
  // EC2 rejects a malformed ID (`InvalidSubnetID.Malformed`) the way SageMaker rejects bad input.
  if (INVALID_INPUT.has(name) || /\.Malformed$/i.test(name)) return 'invalid_input';
  return 'unknown';
}

interface Detail {
  name: string;
  operation: string;
  resource: string | undefined;
  awsText: string;
  socketCode: string | undefined;
  status: number | undefined;
  e: ErrorLike;
}

function describe(code: ErrorCode, d: Detail): string {
  const about = d.resource === undefined ? '' : ` for ${d.resource}`;
  const aws = d.awsText === '' ? d.name : `${d.name}: ${d.awsText}`;
  switch (code) {
    case 'access_denied':
      if (d.name === 'CredentialsProviderError') {
        return `${d.operation}${about} was not attempted: no AWS credentials were found (standard credential chain).`;
      }
      if (BAD_CREDENTIALS.has(d.name)) {
        return `${d.operation}${about} failed because AWS rejected the bot's credentials (${d.name}): check the credentials or role the bot runs with.`;
      }
      if (/explicit deny/i.test(d.awsText)) {
        return `${d.operation} was denied${about} by an explicit deny (an SCP, permissions boundary or resource policy): allow ${d.operation} for the bot's role (see iam-policy.json).`;
      }
      return `${d.operation} was denied${about}: grant ${d.operation} to the bot's role (see iam-policy.json).`;
    case 'throttled': {
      const attempts = typeof d.e.$metadata?.attempts === 'number' ? ` after ${d.e.$metadata.attempts} attempts` : '';
      // Only SageMaker is paced client-side; EC2 throttling is the account's own budget.
      const hint = d.operation.startsWith('sagemaker:') ? 'try again later or lower the request rate (SAGEMAKER_MAX_RPS)' : 'try again later';
      return `${d.operation} was throttled by AWS${about}${attempts}; ${hint}.`;
    }
    case 'not_found':
      return notFoundMessage(d.operation, d.resource);
    case 'timeout':
      return `${d.operation}${about} timed out (${d.socketCode ?? d.name}).`;
    case 'unavailable':
      return `${d.operation}${about} failed because AWS was unavailable (${d.socketCode ?? httpDetail(d)}).`;
    case 'invalid_input':
      return `${d.operation} rejected the request${about} (${aws}).`;
    case 'unknown':
      return `${d.operation}${about} failed (${aws}).`;
  }
}

function httpDetail(d: Detail): string {
  return d.status === undefined ? d.name : `HTTP ${d.status} ${d.name}`;
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

/**
 * AWS error text is untrusted and may echo request details; keep it short and strip anything that
 * looks like a credential (access key IDs, signatures, session tokens) before it reaches a message.
 */
function sanitize(text: string): string {
  const cleaned = text
    .replace(/\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '<redacted>')
    .replace(/(Credential|Signature|X-Amz-Security-Token|X-Amz-Signature|SessionToken|aws_secret_access_key)=[^\s,&]+/gi, '$1=<redacted>')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > MAX_AWS_TEXT ? `${cleaned.slice(0, MAX_AWS_TEXT - 1)}…` : cleaned;
}
