/**
 * What a line typed in the playground's composer means, as Slack's client would read it: our slash
 * command (sent to the bot, signed), `/invite` / `/remove` of the bot (so people can try the
 * private-channel path), another slash command (Slack answers "not a valid command"), or a plain
 * chat message.
 * @module
 */

export const SLASH_COMMAND = '/sagemaker-vpc';
export const BOT_NAME = 'sagemaker-vpc';
/** Slack's limit on a slash command's text is generous; this keeps a pasted novel out of the bot. */
export const MAX_LINE = 4000;

export type ComposerIntent =
  | { kind: 'slash'; text: string }
  | { kind: 'membership'; join: boolean }
  | { kind: 'message'; text: string }
  | { kind: 'notice'; text: string }
  | { kind: 'empty' };

function mentionsBot(rest: string, botUserId: string): boolean {
  const target = rest.trim();
  return target === `@${BOT_NAME}` || target === BOT_NAME || target === `<@${botUserId}>`;
}

/**
 * @example interpretLine('/sagemaker-vpc check train-42') // → { kind: 'slash', text: 'check train-42' }
 */
export function interpretLine(line: string, botUserId = 'U0SANDBOXBOT'): ComposerIntent {
  const trimmed = line.trim();
  if (trimmed === '') return { kind: 'empty' };
  if (trimmed.length > MAX_LINE) return { kind: 'notice', text: `That is ${trimmed.length} characters; the playground sends at most ${MAX_LINE}.` };
  if (!trimmed.startsWith('/')) return { kind: 'message', text: trimmed };
  const match = /^(\/[^\s]+)(?:\s+([\s\S]*))?$/.exec(trimmed);
  const command = match?.[1] ?? trimmed;
  const rest = match?.[2] ?? '';
  if (command === SLASH_COMMAND) return { kind: 'slash', text: rest.trim() };
  if (command === '/invite' || command === '/remove' || command === '/kick') {
    if (mentionsBot(rest, botUserId)) return { kind: 'membership', join: command === '/invite' };
    return { kind: 'notice', text: `In the playground ${command} only works for @${BOT_NAME}: try \`${command} @${BOT_NAME}\`.` };
  }
  return { kind: 'notice', text: `${command} is not a valid command here. Try \`${SLASH_COMMAND} help\`, or \`/invite @${BOT_NAME}\` in a channel the bot is not in.` };
}
