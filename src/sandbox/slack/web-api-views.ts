/**
 * The sandbox Slack's surfaces: `views.open` (spends a `trigger_id`: unknown, reused and expired
 * triggers fail as on Slack), `views.push`, `views.update` (by `view_id` or `external_id`, with
 * optional `hash` for optimistic locking) and `views.publish` (one Home per user).
 * @module
 */
import { checkView } from './block-limits.js';
import type { ViewRecord } from './conversation.js';
import type { ApiArgs } from './read-body.js';
import { SlackApiError, jsonArg, requiredString, stringArg, viewJson, type FakeState, type MethodHandler } from './web-api-kit.js';

type ViewObject = Record<string, unknown>;

function viewArg(args: ApiArgs, expectedType: ViewRecord['type']): ViewObject {
  const view = jsonArg(args, 'view', 'invalid_arguments');
  if (view === undefined) throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: view']);
  const problem = checkView(view, expectedType);
  if (problem) throw new SlackApiError(problem.error, problem.messages);
  return view as ViewObject;
}

function checkHash(args: ApiArgs, record: ViewRecord | undefined): void {
  const hash = stringArg(args, 'hash');
  // The hash guards against a stale update racing a newer one.
  if (hash !== undefined && record !== undefined && hash !== record.hash) throw new SlackApiError('hash_conflict');
}

function openWithTrigger(args: ApiArgs, state: FakeState) {
  const use = state.triggers.consume(requiredString(args, 'trigger_id', 'invalid_trigger_id'));
  if (!use.ok) throw new SlackApiError(use.error);
  const record = state.conversation.openView(use.context.userId, viewArg(args, 'modal'));
  return { ok: true as const, view: viewJson(record, state.identity) };
}

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': openWithTrigger,
  'views.push': openWithTrigger,

  'views.update': (args, state) => {
    const viewId = stringArg(args, 'view_id');
    const externalId = stringArg(args, 'external_id');
    if (viewId === undefined && externalId === undefined) throw new SlackApiError('invalid_arguments', ['[ERROR] view_id or external_id is required']);
    const record =
      viewId !== undefined
        ? state.conversation.view(viewId)
        : state.conversation.views().find((v) => v.view['external_id'] === externalId);
    if (!record) throw new SlackApiError('not_found');
    checkHash(args, record);
    state.conversation.updateView(record, viewArg(args, record.type));
    return { ok: true, view: viewJson(record, state.identity) };
  },

  'views.publish': (args, state) => {
    const userId = requiredString(args, 'user_id', 'invalid_arguments');
    if (!state.conversation.user(userId)) throw new SlackApiError('user_not_found');
    checkHash(args, state.conversation.home(userId));
    const record = state.conversation.publishHome(userId, viewArg(args, 'home'));
    return { ok: true, view: viewJson(record, state.identity) };
  },
};
