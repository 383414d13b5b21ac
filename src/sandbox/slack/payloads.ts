/**
 * Request payloads Slack sends a bot, built with the real field names (slack-reference.md §1–2):
 * the slash command form, the `block_actions` interaction and the Events API envelope.
 * @module
 */
import type { MessageRecord, ViewRecord } from './conversation.js';
import { messageJson, viewJson, type FakeIdentity } from './web-api-kit.js';

/** Slack still sends the deprecated verification token; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'sandbox-verification-token';

export interface SlashCommandFields {
  identity: FakeIdentity;
  channel: { id: string; name: string };
  user: { id: string; name: string };
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}

/** The form body, fields in the order Slack sends them. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams([
    ['token', VERIFICATION_TOKEN],
    ['team_id', fields.identity.teamId],
    ['team_domain', fields.identity.teamDomain],
    ['channel_id', fields.channel.id],
    ['channel_name', fields.channel.name],
    ['user_id', fields.user.id],
    ['user_name', fields.user.name],
    ['command', fields.command],
    ['text', fields.text],
    ['api_app_id', fields.identity.appId],
    ['is_enterprise_install', 'false'],
    ['response_url', fields.responseUrl],
    ['trigger_id', fields.triggerId],
  ]).toString();
}

export interface FoundAction {
  blockId: string | undefined;
  element: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Finds the interactive element with `actionId` in `actions` blocks, section accessories or inputs. */
export function findAction(blocks: unknown[] | undefined, actionId: string): FoundAction | undefined {
  for (const candidate of blocks ?? []) {
    const block = asObject(candidate);
    if (!block) continue;
    const elements = [...(Array.isArray(block['elements']) ? block['elements'] : []), block['accessory'], block['element']];
    for (const element of elements.map(asObject)) {
      if (element?.['action_id'] === actionId) {
        const blockId = block['block_id'];
        return { blockId: typeof blockId === 'string' ? blockId : undefined, element };
      }
    }
  }
  return undefined;
}

export interface BlockActionsFields {
  identity: FakeIdentity;
  user: { id: string; name: string };
  channel?: { id: string; name: string };
  message?: MessageRecord;
  view?: ViewRecord;
  container: Json;
  actionId: string;
  blockId?: string;
  value?: string;
  triggerId: string;
  responseUrl?: string;
  actionTs: string;
}

export function blockActionsPayload(fields: BlockActionsFields): Json {
  const { identity, message, view } = fields;
  const found = findAction(message?.blocks ?? (view?.view['blocks'] as unknown[] | undefined), fields.actionId);
  const element = found?.element ?? { type: 'button' };
  const value = fields.value ?? element['value'];
  const action: Json = {
    action_id: fields.actionId,
    block_id: fields.blockId ?? found?.blockId ?? 'sandbox-block',
    type: element['type'] ?? 'button',
    action_ts: fields.actionTs,
    ...(element['text'] ? { text: element['text'] } : {}),
    ...(value !== undefined ? { value } : {}),
  };
  return {
    type: 'block_actions',
    user: { id: fields.user.id, username: fields.user.name, name: fields.user.name, team_id: identity.teamId },
    api_app_id: identity.appId,
    token: VERIFICATION_TOKEN,
    container: fields.container,
    trigger_id: fields.triggerId,
    team: { id: identity.teamId, domain: identity.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    ...(fields.channel ? { channel: fields.channel } : {}),
    // Slack leaves the message out of clicks on ephemeral messages.
    ...(message && !message.ephemeral ? { message: messageJson(message, identity) } : {}),
    ...(view ? { view: viewJson(view, identity) } : {}),
    state: { values: {} },
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    actions: [action],
  };
}

export interface EventEnvelopeFields {
  identity: FakeIdentity;
  event: Json;
  eventId: string;
  eventTime: number;
}

/** The Events API `event_callback` envelope around one event. */
export function eventEnvelope({ identity, event, eventId, eventTime }: EventEnvelopeFields): Json {
  return {
    token: VERIFICATION_TOKEN,
    team_id: identity.teamId,
    api_app_id: identity.appId,
    event: { event_ts: `${eventTime}.000000`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTime,
    authorizations: [
      { enterprise_id: null, team_id: identity.teamId, user_id: identity.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}
