/**
 * Slack request signing (slack-reference.md §5): `x-slack-signature` is `v0=` + hex
 * HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`), sent with `x-slack-request-timestamp`.
 * Used by the sandbox client to send the bot requests exactly as Slack would.
 * @module
 */
import { createHmac } from 'node:crypto';

export interface SignSlackRequestInput {
  signingSecret: string;
  /** The raw body, byte for byte as it will be sent. */
  body: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
}

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/**
 * @example
 * const headers = signSlackRequest({ signingSecret, body: 'command=%2Fsagemaker-vpc&text=help' });
 * await fetch(botUrl, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body });
 */
export function signSlackRequest({ signingSecret, body, timestamp = Math.floor(Date.now() / 1000) }: SignSlackRequestInput): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}
