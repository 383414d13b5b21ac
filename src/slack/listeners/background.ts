/**
 * Work after the ack: never lets an error escape (an unhandled rejection would kill the bot),
 * logs it with context and tells the user what happened where it can.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { BotDeps } from '../bot-deps.js';
import { postReply, type ChatClient, type ReplyTarget } from '../delivery.js';
import { errorMessage } from '../views/index.js';

export function runInBackground(deps: BotDeps, label: string, client: ChatClient, target: ReplyTarget, work: () => Promise<void>): Promise<void> {
  return work().catch(async (err: unknown) => {
    const correlationId = randomUUID().slice(0, 8);
    deps.logger.error({ err, correlationId, label, user: target.userId, channel: target.channelId }, 'background work failed');
    await postReply(client, target, errorMessage('internal', { correlationId }), deps.logger, { visibility: 'ephemeral' }).catch(() => undefined);
  });
}
