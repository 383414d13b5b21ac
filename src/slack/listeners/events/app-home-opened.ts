/**
 * App Home: the workspace's last fleet or digest summary, the viewer's recent checks and how to
 * use the command, published with `views.publish` (Home clicks carry no response_url).
 * @module
 */
import type { App } from '@slack/bolt';
import { USAGE } from '../../../app/command-grammar.js';
import type { BotDeps } from '../../bot-deps.js';
import { slackErrorCode, type ChatClient } from '../../delivery.js';
import { sealedClient } from '../../outbox.js';
import { homeView } from '../../views/index.js';

/** `showData`: only users the allow-list admits see summaries (findings reveal accounts and topology). */
export async function publishHome(deps: BotDeps, client: ChatClient, userId: string, showData: boolean): Promise<void> {
  const allowed = showData;
  const view = homeView({
    lastSummary: allowed ? deps.memory.lastSummary() : undefined,
    recentChecks: allowed ? deps.memory.recentChecks(userId) : [],
    usage: [...USAGE.slack],
  });
  try {
    await client.views.publish({ user_id: userId, view });
  } catch (err) {
    deps.logger.warn({ err, code: slackErrorCode(err), user: userId }, 'views.publish failed');
  }
}

export function registerHome(app: App, deps: BotDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id;
    const decision = deps.authorize({ teamId, userId: event.user });
    deps.trail.record({ kind: 'event', what: 'app_home_opened', user: event.user, team: teamId, result: decision.allowed ? 'ok' : `limited:${decision.reason}` });
    if (!decision.allowed && decision.reason === 'workspace') return;
    const out = sealedClient(client as unknown as ChatClient, deps.seal);
    // A channel-only allow-list cannot judge a Home view (no channel): the user's own checks are still theirs.
    await publishHome(deps, out, event.user, decision.allowed || decision.reason === 'channel');
  });
}
