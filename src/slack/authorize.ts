/**
 * Who may use the bot (DESIGN.md §6): it fails closed. A request is allowed when it comes from the
 * bot's own workspace and the user and channel pass the configured allow-lists. Every command and
 * click is checked *before* any AWS call.
 * @module
 */
export interface AccessPolicy {
  allowAll: boolean;
  userIds: readonly string[];
  channelIds: readonly string[];
}

export interface RequestIdentity {
  teamId?: string;
  userId?: string;
  channelId?: string;
}

export type AccessDecision = { allowed: true } | { allowed: false; reason: 'workspace' | 'user' | 'channel' | 'anonymous' };

export function createAuthorizer(policy: AccessPolicy, botTeamId: () => string | undefined) {
  const users = new Set(policy.userIds);
  const channels = new Set(policy.channelIds);
  return function authorize(who: RequestIdentity): AccessDecision {
    const team = botTeamId();
    if (team && who.teamId && who.teamId !== team) return { allowed: false, reason: 'workspace' };
    if (team && !who.teamId) return { allowed: false, reason: 'workspace' };
    if (!who.userId) return { allowed: false, reason: 'anonymous' };
    if (policy.allowAll) return { allowed: true };
    // Each configured list must admit the request; an unset list does not restrict.
    if (users.size > 0 && !users.has(who.userId)) return { allowed: false, reason: 'user' };
    if (channels.size > 0 && (!who.channelId || !channels.has(who.channelId))) return { allowed: false, reason: 'channel' };
    return { allowed: true };
  };
}

export type Authorize = ReturnType<typeof createAuthorizer>;
