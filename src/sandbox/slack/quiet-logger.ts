/**
 * A Slack `Logger` (the interface Bolt and WebClient take) that records instead of printing, so
 * sandbox runs and tests stay quiet yet can still assert on what the Slack libraries logged.
 * @module
 */
import { LogLevel, type Logger } from '@slack/bolt';

export interface QuietLogger extends Logger {
  /** Every call as `level: message`, in order. */
  readonly lines: string[];
}

export function createQuietLogger(): QuietLogger {
  const lines: string[] = [];
  let level = LogLevel.DEBUG;
  const record = (name: string) => (...msg: unknown[]) => {
    lines.push(`${name}: ${msg.map(String).join(' ')}`);
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
