/**
 * The Bolt app's wiring that needs no network: transport choice and its preconditions, and the
 * Socket Mode health state (503 until the WebSocket reports `connected`). Socket Mode itself
 * cannot be exercised without Slack; everything over HTTP is covered in test/integration/slack-*.
 */
import { SocketModeReceiver, HTTPReceiver } from '@slack/bolt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuditService } from '../app/audit-service.js';
import { createSlackBot, type SlackBotOptions } from './app.js';

function options(overrides: Partial<SlackBotOptions>): SlackBotOptions {
  return {
    mode: 'http',
    botToken: 'xoxb-unit-test',
    // Never contacted: nothing here starts the app. A closed local port, in case something tried.
    apiUrl: 'http://127.0.0.1:9/api/',
    port: 0,
    host: '127.0.0.1',
    access: { allowAll: true, userIds: [], channelIds: [] },
    regions: ['us-east-1'],
    service: {} as AuditService,
    logger: pino({ level: 'silent' }),
    ...overrides,
  };
}

describe('createSlackBot', () => {
  it.each`
    mode        | given                                    | error
    ${'http'}   | ${{}}                                    | ${'HTTP mode needs SLACK_SIGNING_SECRET'}
    ${'socket'} | ${{ signingSecret: 'a-signing-secret' }} | ${'Socket Mode needs SLACK_APP_TOKEN'}
  `('refuses $mode mode without its credential', ({ mode, given, error }: { mode: 'http' | 'socket'; given: Partial<SlackBotOptions>; error: string }) => {
    expect(() => createSlackBot(options({ mode, ...given }))).toThrow(error);
  });

  it('uses an HTTP receiver in HTTP mode, healthy without a connection', () => {
    const bot = createSlackBot(options({ signingSecret: 'a-signing-secret' }));

    expect(bot.receiver).toBeInstanceOf(HTTPReceiver);
    expect(bot.health()).toEqual({ ok: true, mode: 'http' });
  });

  it('in Socket Mode reports unhealthy until the WebSocket is connected, and again when it drops', () => {
    const bot = createSlackBot(options({ mode: 'socket', appToken: 'xapp-unit-test' }));
    if (!(bot.receiver instanceof SocketModeReceiver)) throw new Error('expected a SocketModeReceiver');
    const client = bot.receiver.client;
    const states: unknown[] = [bot.health()];

    for (const event of ['connecting', 'connected', 'reconnecting', 'connected', 'disconnected']) {
      client.emit(event);
      states.push(bot.health());
    }

    expect(states).toEqual([
      { ok: false, mode: 'socket', socket: 'starting' },
      { ok: false, mode: 'socket', socket: 'connecting' },
      { ok: true, mode: 'socket', socket: 'connected' },
      { ok: false, mode: 'socket', socket: 'reconnecting' },
      { ok: true, mode: 'socket', socket: 'connected' },
      { ok: false, mode: 'socket', socket: 'disconnected' },
    ]);
  });
});
