import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { createBoltLogger } from './bolt-logger.js';
import { createLogger, scrubSecrets } from './logger.js';

function memoryLogger(secrets: string[] = []) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination, secrets }), lines };
}

describe('createLogger', () => {
  it('redacts known secret fields by path', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ token: 'abc', slack: { botToken: 'def' }, headers: { authorization: 'Bearer x' } }, 'configured');
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.token).toBe('[Redacted]');
    expect(line.slack.botToken).toBe('[Redacted]');
    expect(line.headers.authorization).toBe('[Redacted]');
    expect(line.msg).toBe('configured');
  });

  it('scrubs known secret values and token shapes anywhere, including error messages', () => {
    const { logger, lines } = memoryLogger(['signing-secret-123']);
    logger.error({ err: new Error('bad signature with signing-secret-123 and xoxb-1111-2222-abcd') }, 'request failed');
    const all = lines.join('');
    expect(all).not.toContain('signing-secret-123');
    expect(all).not.toContain('xoxb-1111');
    expect(all).toContain('[Redacted]');
  });
});

describe('scrubSecrets', () => {
  it.each([
    ['token xoxp-123-abc end', 'token [Redacted] end'],
    ['app xapp-1-A0-123 end', 'app [Redacted] end'],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AWS_SECRET_ACCESS_KEY=[Redacted]'],
    ['nothing secret here', 'nothing secret here'],
  ])('%s', (input, expected) => {
    expect(scrubSecrets(input, [])).toBe(expected);
  });
});

describe('createBoltLogger', () => {
  it('maps variadic Bolt calls onto pino and supports setLevel/getLevel/setName', () => {
    const { logger, lines } = memoryLogger();
    const bolt = createBoltLogger(logger);
    bolt.setName('bolt-app');
    bolt.warn('listener failed', new Error('boom'));
    bolt.setLevel(LogLevel.ERROR);
    bolt.info('dropped');
    expect(bolt.getLevel()).toBe(LogLevel.ERROR);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line).toMatchObject({ component: 'bolt-app', msg: 'listener failed', level: 40 });
    expect(line.err.message).toBe('boom');
  });
});
