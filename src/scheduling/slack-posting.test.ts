import { describe, expect, it } from 'vitest';
import { createChannelPacer, isRetryable, needsInvite, withRetry } from './slack-posting.js';
import { slackError } from './testing/fake-chat.js';
import { createManualClock } from './testing/manual-clock.js';

describe('createChannelPacer', () => {
  it('spaces messages in one channel by 1 s and leaves other channels alone', async () => {
    const clock = createManualClock('2026-11-29T09:00:00.000Z');
    const pacer = createChannelPacer(clock, 1000);
    const released: string[] = [];
    const wait = (channel: string, label: string) => pacer.wait(channel).then(() => released.push(`${label}@${clock.now().getTime() % 10_000}`));
    const all = Promise.all([wait('C1', 'a'), wait('C1', 'b'), wait('C2', 'c'), wait('C1', 'd')]);
    await clock.advance(5000);
    await all;
    expect(released.sort()).toEqual(['a@0', 'b@1000', 'c@0', 'd@2000']);
  });
});

describe('withRetry', () => {
  it.each`
    code                    | retryable | invite
    ${'ratelimited'}        | ${true}   | ${false}
    ${'http_503'}           | ${true}   | ${false}
    ${'slack_webapi_request_error'} | ${true} | ${false}
    ${'not_in_channel'}     | ${false}  | ${true}
    ${'channel_not_found'}  | ${false}  | ${true}
    ${'is_archived'}        | ${false}  | ${false}
    ${'invalid_blocks'}     | ${false}  | ${false}
  `('$code: retryable $retryable, invite hint $invite', ({ code, retryable, invite }) => {
    expect(isRetryable(code)).toBe(retryable);
    expect(needsInvite(code)).toBe(invite);
  });

  it('backs off 2 s, 8 s, 32 s between attempts and records each failure', async () => {
    const clock = createManualClock('2026-11-29T09:00:00.000Z');
    const failures: Array<[number, string, boolean, number]> = [];
    let calls = 0;
    const result = withRetry(
      async () => {
        calls += 1;
        if (calls < 4) throw slackError('internal_error');
        return 'ok';
      },
      { clock, onFailure: (attempt, code, willRetry) => void failures.push([attempt, code, willRetry, clock.now().getTime() % 100_000]) },
    );
    await clock.advance(60_000);
    expect(await result).toEqual({ ok: true, value: 'ok', attempts: 4 });
    expect(failures).toEqual([
      [1, 'internal_error', true, 0],
      [2, 'internal_error', true, 2000],
      [3, 'internal_error', true, 10_000],
    ]);
  });

  it('honours Retry-After when it is longer than the backoff', async () => {
    const clock = createManualClock('2026-11-29T09:00:00.000Z');
    let calls = 0;
    const result = withRetry(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
      return clock.now().getTime() % 100_000;
    }, { clock });
    await clock.advance(31_000);
    expect(await result).toMatchObject({ ok: true, value: 30_000 });
  });

  it('gives up at once on errors waiting will not fix, and after the last attempt otherwise', async () => {
    const clock = createManualClock('2026-11-29T09:00:00.000Z');
    expect(await withRetry(async () => Promise.reject(slackError('not_in_channel')), { clock })).toMatchObject({ ok: false, code: 'not_in_channel', attempts: 1 });
    const exhausted = withRetry(async () => Promise.reject(slackError('ratelimited')), { clock, attempts: 2, baseDelayMs: 100 });
    await clock.advance(1000);
    expect(await exhausted).toMatchObject({ ok: false, code: 'ratelimited', attempts: 2 });
  });
});
