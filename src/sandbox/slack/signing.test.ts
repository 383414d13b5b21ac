import { isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signSlackRequest } from './signing.js';

// The worked example on Slack's "Verifying requests from Slack" page.
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_TIMESTAMP = 1531420618;
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
  '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
  '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

describe('signSlackRequest', () => {
  it("reproduces Slack's documented test vector", () => {
    const headers = signSlackRequest({ signingSecret: DOC_SECRET, body: DOC_BODY, timestamp: DOC_TIMESTAMP });

    expect(headers).toEqual({ 'x-slack-signature': DOC_SIGNATURE, 'x-slack-request-timestamp': '1531420618' });
  });

  it("is accepted by Bolt's verifySlackRequest at the vector's time", () => {
    const headers = signSlackRequest({ signingSecret: DOC_SECRET, body: DOC_BODY, timestamp: DOC_TIMESTAMP });

    expect(() =>
      verifySlackRequest({
        signingSecret: DOC_SECRET,
        body: DOC_BODY,
        headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': DOC_TIMESTAMP },
        nowMilliseconds: DOC_TIMESTAMP * 1000,
      }),
    ).not.toThrow();
  });

  it('defaults the timestamp to now', () => {
    const before = Math.floor(Date.now() / 1000);
    const { 'x-slack-request-timestamp': timestamp } = signSlackRequest({ signingSecret: 's', body: 'a=1' });

    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(before + 1);
  });

  it.each`
    case                     | secret           | body          | valid
    ${'same secret and body'} | ${'bot-secret'}  | ${'text=hi'}  | ${true}
    ${'other secret'}         | ${'forged'}      | ${'text=hi'}  | ${false}
    ${'tampered body'}        | ${'bot-secret'}  | ${'text=hj'}  | ${false}
  `('Bolt says $valid for $case', ({ secret, body, valid }: { secret: string; body: string; valid: boolean }) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = signSlackRequest({ signingSecret: secret, body: 'text=hi', timestamp });

    const accepted = isValidSlackRequest({
      signingSecret: 'bot-secret',
      body,
      headers: { 'x-slack-signature': headers['x-slack-signature'], 'x-slack-request-timestamp': timestamp },
    });

    expect(accepted).toBe(valid);
  });
});
