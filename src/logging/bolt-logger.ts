/**
 * Adapts pino to the `@slack/logger` interface Bolt expects (variadic calls, setLevel/getLevel/setName).
 * Bolt's own messages are free text; they go out as `msg` with any objects as metadata.
 * @module
 */
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger as PinoLogger } from 'pino';

function split(args: unknown[]): { meta: Record<string, unknown>; msg: string } {
  const meta: Record<string, unknown> = {};
  const words: string[] = [];
  for (const arg of args) {
    if (arg instanceof Error) meta.err = arg;
    else if (arg !== null && typeof arg === 'object') Object.assign(meta, { detail: arg });
    else words.push(String(arg));
  }
  return { meta, msg: words.join(' ') || 'bolt' };
}

export function createBoltLogger(base: PinoLogger): SlackLogger {
  let logger = base.child({ component: 'bolt' });
  const toSlack = (level: string): LogLevel =>
    level === 'error' || level === 'fatal' ? LogLevel.ERROR : level === 'warn' ? LogLevel.WARN : level === 'info' ? LogLevel.INFO : LogLevel.DEBUG;
  return {
    debug: (...args) => { const { meta, msg } = split(args); logger.debug(meta, msg); },
    info: (...args) => { const { meta, msg } = split(args); logger.info(meta, msg); },
    warn: (...args) => { const { meta, msg } = split(args); logger.warn(meta, msg); },
    error: (...args) => { const { meta, msg } = split(args); logger.error(meta, msg); },
    setLevel: (level: LogLevel) => { logger.level = level; },
    getLevel: () => toSlack(logger.level),
    setName: (name) => { logger = base.child({ component: name }); },
  };
}
