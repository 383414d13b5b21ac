import { ErrorCode, WebClient, WebClientEvent, type WebAPIHTTPError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQuietLogger } from './quiet-logger.js';
import { startSlackFake, type SlackFake } from './server.js';

const TOKEN = 'xoxb-sandbox-test';

let fake: SlackFake;

function clientWith(options: ConstructorParameters<typeof WebClient>[1] = {}): WebClient {
  return new WebClient(TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createQuietLogger(), ...options });
}

beforeAll(async () => {
  fake = await startSlackFake({ botToken: TOKEN });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe('fault injection', () => {
  it('answers 429 with Retry-After, which WebClient surfaces as WebAPIRateLimitedError', async () => {
    fake.setFaults({ 'chat.update': { status: 429, retryAfter: 7 } });

    const error = (await clientWith({ rejectRateLimitedCalls: true })
      .chat.update({ channel: 'C0GENERAL', ts: '1.1', text: 'x' })
      .catch((e: unknown) => e)) as WebAPIRateLimitedError;

    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
    expect(fake.calls('chat.update')[0]).toMatchObject({ status: 429, response: { ok: false, error: 'ratelimited' } });
  });

  it('lets WebClient wait and retry after a 429, then succeeds', async () => {
    fake.setFaults({ 'chat.postMessage': { status: 429, retryAfter: 0, count: 1 } });
    const client = clientWith({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    let rateLimited = 0;
    client.on(WebClientEvent.RATE_LIMITED, () => (rateLimited += 1));

    const result = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'eventually' });

    expect(result.ok).toBe(true);
    expect(rateLimited).toBe(1);
    expect(fake.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.conversation.messages()).toHaveLength(1);
  });

  it('answers other statuses as HTTP errors', async () => {
    fake.setFaults({ 'auth.test': { status: 500 } });

    const error = (await clientWith().auth.test().catch((e: unknown) => e)) as WebAPIHTTPError;

    expect(error.code).toBe(ErrorCode.HTTPError);
    expect(error.statusCode).toBe(500);
  });

  it('injects a platform error exactly count times, then behaves normally', async () => {
    fake.setFaults({ 'chat.postMessage': { error: 'channel_not_found', count: 2 } });
    const client = clientWith();
    const post = () => client.chat.postMessage({ channel: 'C0GENERAL', text: 'x' }).then(
      (r) => (r.ok ? 'ok' : 'not ok'),
      (e: { data?: { error?: string } }) => e.data?.error,
    );

    expect([await post(), await post(), await post()]).toEqual(['channel_not_found', 'channel_not_found', 'ok']);
  });

  it('clears a fault with null and all faults on reset', async () => {
    fake.setFaults({ 'auth.test': { error: 'account_inactive', count: Infinity }, 'chat.postMessage': { error: 'x', count: Infinity } });
    fake.setFaults({ 'auth.test': null });

    await expect(clientWith().auth.test()).resolves.toMatchObject({ ok: true });
    fake.reset();
    await expect(clientWith().chat.postMessage({ channel: 'C0GENERAL', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('can fail a response_url post', async () => {
    const url = fake.createResponseUrl({ channelId: 'C0GENERAL', userId: 'U0ALICE' });
    fake.setFaults({ response_url: { status: 503 } });
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' });

    expect([(await post()).status, (await post()).status]).toEqual([503, 200]);
    expect(fake.responseUrlUses(url)).toBe(1);
  });
});
