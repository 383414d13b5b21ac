/**
 * Button clicks: ack first, re-authorize the clicker, unseal and validate the value, coalesce
 * duplicates (message ts + action + user), then answer — replacing the clicked message where
 * that is what the button means.
 * @module
 */
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { resolveSince } from '../../../app/command-grammar.js';
import { runPreflight } from '../../../app/preflight.js';
import type { BotDeps } from '../../bot-deps.js';
import { postReply, replaceClicked, slackErrorCode, type ChatClient, type ClickedMessage } from '../../delivery.js';
import type { FleetRunner } from '../../fleet-runner.js';
import { ActionId, ActionPattern, decodeValue, VALUE_KIND } from '../../ids.js';
import { checkJobForSlack } from '../../job-answers.js';
import { sealedClient, sealedRespond } from '../../outbox.js';
import {
  errorMessage,
  expiredRunMessage,
  fleetReportMessage,
  jobReportMessage,
  loadingModal,
  refusalMessage,
  remediationErrorModal,
  remediationModal,
  remediationThreadMessages,
} from '../../views/index.js';
import { runInBackground } from '../background.js';
import { publishHome } from '../events/app-home-opened.js';

interface Click {
  body: BlockAction;
  action: ButtonAction;
  userId: string;
  teamId?: string;
  channelId?: string;
  messageTs?: string;
  isEphemeral: boolean;
  fromHome: boolean;
  respond?: RespondFn;
  client: ChatClient;
  clicked: ClickedMessage;
}

function clickOf(deps: BotDeps, body: BlockAction, action: ButtonAction, client: unknown, respond: RespondFn | undefined): Click {
  const container = (body.container ?? {}) as { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
  const out = sealedClient(client as ChatClient, deps.seal);
  const sealedRespondFn = body.response_url ? sealedRespond(respond, deps.seal) : undefined;
  const channelId = body.channel?.id ?? container.channel_id;
  const messageTs = container.message_ts ?? body.message?.ts;
  const isEphemeral = container.is_ephemeral === true;
  return {
    body,
    action,
    userId: body.user.id,
    teamId: body.team?.id ?? body.user.team_id,
    channelId,
    messageTs,
    isEphemeral,
    fromHome: container.type === 'view' && body.view?.type === 'home',
    respond: sealedRespondFn,
    client: out,
    clicked: { respond: sealedRespondFn, channelId, messageTs, isEphemeral, userId: body.user.id },
  };
}

type Handler = (deps: BotDeps, click: Click, value: unknown, fleet: FleetRunner) => Promise<void>;

async function tell(deps: BotDeps, click: Click, message: { text: string; blocks: unknown[] }): Promise<void> {
  await postReply(click.client, { channelId: click.channelId, userId: click.userId, respond: click.respond }, message, deps.logger, { visibility: 'ephemeral' });
}

const recheck: Handler = async (deps, click, value) => {
  const ref = value as { account: string; region: string; job: string };
  const { message, report } = await checkJobForSlack(deps, { job: ref.job, region: ref.region }, { userId: click.userId, recheck: true });
  // An error (job deleted, access denied, throttled) never replaces a report: only the clicker hears of it.
  if (!report) return tell(deps, click, message);
  if (click.fromHome) {
    await publishHome(deps, click.client, click.userId, true);
    return;
  }
  await replaceClicked(click.client, click.clicked, message, deps.logger);
};

/** Recheck from a digest: answer in the digest's thread so the digest itself stays intact. */
const digestRecheck: Handler = async (deps, click, value) => {
  const ref = value as { account: string; region: string; job: string };
  const { message, report } = await checkJobForSlack(deps, { job: ref.job, region: ref.region }, { userId: click.userId, recheck: true });
  if (!report) return tell(deps, click, message);
  await postReply(click.client, { channelId: click.channelId, userId: click.userId, threadTs: click.messageTs }, message, deps.logger);
};

const showRemediation: Handler = async (deps, click, value) => {
  const ref = value as { account: string; region: string; job: string };
  // The trigger expires in 3 s: open the loading modal before any slow work.
  let viewId: string | undefined;
  if (click.body.trigger_id) {
    try {
      const opened = await click.client.views.open({ trigger_id: click.body.trigger_id, view: loadingModal(ref.job) });
      viewId = opened.view?.id;
    } catch (err) {
      deps.logger.info({ code: slackErrorCode(err) }, 'could not open the remediation modal; posting in a thread');
    }
  }
  const { report, message } = await checkJobForSlack(deps, { job: ref.job, region: ref.region }, { userId: click.userId });
  if (!report) {
    if (viewId) await click.client.views.update({ view_id: viewId, view: remediationErrorModal(message) }).catch(() => undefined);
    else await tell(deps, click, message);
    return;
  }
  if (viewId) {
    try {
      await click.client.views.update({ view_id: viewId, view: remediationModal(report) });
      return;
    } catch (err) {
      deps.logger.warn({ err, code: slackErrorCode(err) }, 'views.update failed; posting remediation in a thread');
    }
  }
  for (const part of remediationThreadMessages(report)) {
    await postReply(
      click.client,
      { channelId: click.channelId, userId: click.userId, threadTs: click.isEphemeral ? undefined : click.messageTs, respond: click.isEphemeral ? click.respond : undefined },
      part,
      deps.logger,
      { visibility: click.isEphemeral ? 'ephemeral' : 'in_channel' },
    );
  }
};

const fleetPage: Handler = async (deps, click, value) => {
  const { run, page } = value as { run: string; page: number };
  const cached = deps.runs.get(run);
  const message = cached ? fleetReportMessage(cached.data.view, page) : expiredRunMessage(run);
  await replaceClicked(click.client, click.clicked, message, deps.logger);
};

const fleetDetails: Handler = async (deps, click, value) => {
  const ref = value as { run: string; account: string; region: string; job: string };
  const { message } = await checkJobForSlack(deps, { job: ref.job, region: ref.region }, { userId: click.userId });
  await tell(deps, click, message);
};

const rerunFleet: Handler = async (deps, click, value, fleet) => {
  const { run } = value as { run: string };
  const stored = deps.runs.scopeOf(run);
  if (!stored) return tell(deps, click, errorMessage('invalid_value', { detail: 'that run is too old to repeat: run /sagemaker-vpc check --all again' }));
  // "Last 30 days" means the 30 days before now, not before the original run.
  const scope = stored.sinceText ? { ...stored, since: resolveSince(stored.sinceText, deps.now()) } : stored;
  await fleet.run(scope, { userId: click.userId, teamId: click.teamId, channelId: click.channelId, respond: click.respond }, click.client);
};

const checkNetworkAgain: Handler = async (deps, click, value) => {
  const v = value as { region: string; subnets: string[]; sgs: string[]; instances: number; ice: boolean; iso: boolean };
  const document = await runPreflight(deps.service, [
    { region: v.region, subnets: v.subnets, securityGroups: v.sgs, instances: v.instances, interContainerEncryption: v.ice, networkIsolation: v.iso },
  ]);
  const report = document.jobs[0];
  if (report)
    await replaceClicked(
      click.client,
      click.clicked,
      jobReportMessage(report, {
        recheck: { by: click.userId, at: deps.now() },
        preflight: { instances: v.instances, interContainerEncryption: v.ice, networkIsolation: v.iso },
      }),
      deps.logger,
    );
};

const HANDLERS: Array<{ id: keyof typeof ActionPattern; handle: Handler }> = [
  { id: 'recheckJob', handle: recheck },
  { id: 'digestRecheck', handle: digestRecheck },
  { id: 'showRemediation', handle: showRemediation },
  { id: 'fleetPage', handle: fleetPage },
  { id: 'fleetDetails', handle: fleetDetails },
  { id: 'rerunFleet', handle: rerunFleet },
  { id: 'checkNetworkAgain', handle: checkNetworkAgain },
];

/** Values that name a region must name one this bot audits; the others carry none. */
function answer(deps: BotDeps, click: Click, value: unknown, fleet: FleetRunner, handle: Handler): Promise<void> {
  const { region } = value as { region?: string };
  if (region !== undefined && !deps.regions.includes(region)) {
    return tell(deps, click, errorMessage('invalid_value', { detail: `region ${region} is not audited by this bot` }));
  }
  return handle(deps, click, value, fleet);
}

export function registerActions(app: App, deps: BotDeps, fleet: FleetRunner): void {
  for (const { id: name, handle } of HANDLERS) {
    const id = ActionId[name];
    const kind = VALUE_KIND[id];
    // Patterns also match suffixed ids such as `fleet_page:next` (action ids are unique per block).
    app.action<BlockAction<ButtonAction>>({ action_id: ActionPattern[name] }, async ({ ack, body, action, respond, client }) => {
      await ack();
      const started = Date.now();
      const click = clickOf(deps, body, action, client, respond);
      const audit = (result: string, target?: string) =>
        deps.trail.record({ kind: 'action', what: id, user: click.userId, team: click.teamId, channel: click.channelId, result, target, durationMs: Date.now() - started });
      const decision = deps.authorize({ teamId: click.teamId, userId: click.userId, channelId: click.fromHome ? undefined : click.channelId });
      if (!decision.allowed && !(click.fromHome && decision.reason === 'channel')) {
        audit(`refused:${decision.reason}`);
        await tell(deps, click, refusalMessage()).catch(() => undefined);
        return;
      }
      const unsealed = deps.seal.unseal(action.value ?? '');
      const decoded = unsealed === undefined ? { ok: false as const, error: 'the button value was not issued by this bot' } : decodeValue(kind, unsealed);
      if (!decoded.ok) {
        audit('invalid');
        deps.logger.warn({ action: id, reason: decoded.error }, 'button value rejected');
        await tell(deps, click, errorMessage('invalid_value', { detail: decoded.error })).catch(() => undefined);
        return;
      }
      // Double clicks and redeliveries: same message, action, user and value (DESIGN.md §6).
      const key = `click:${click.messageTs ?? click.body.view?.id ?? ''}:${id}:${click.userId}:${action.value}`;
      if (!deps.claim(key)) {
        audit('duplicate');
        return;
      }
      audit('accepted', unsealed);
      await runInBackground(deps, id, click.client, { channelId: click.channelId, userId: click.userId, respond: click.respond }, () =>
        answer(deps, click, decoded.value, fleet, handle),
      );
      deps.release(key);
    });
  }
  // The console link is a URL button: Slack still sends an action, which must be acked.
  app.action({ action_id: ActionPattern.openConsole }, async ({ ack }) => {
    await ack();
  });
  // Any other action id is not ours (a forged payload or a stale message from an older version):
  // ack at once — unhandled, Bolt would hold the request for 3 s and answer 404 — and say so.
  const known = Object.values(ActionPattern).map((pattern) => pattern.source.replace(/^\^|\$$/g, ''));
  const unknown = new RegExp(`^(?!(?:${known.join('|')})$)`);
  app.action<BlockAction>({ action_id: unknown }, async ({ ack, body, respond, client }) => {
    await ack();
    const action = (body.actions?.[0] ?? { action_id: '' }) as ButtonAction;
    const click = clickOf(deps, body, action, client, respond);
    deps.trail.record({ kind: 'action', what: 'unknown-action', user: click.userId, team: click.teamId, channel: click.channelId, result: 'invalid', target: action.action_id.slice(0, 100) });
    const decision = deps.authorize({ teamId: click.teamId, userId: click.userId, channelId: click.channelId });
    if (!decision.allowed) return;
    await tell(deps, click, errorMessage('invalid_value', { detail: 'this button is not one the bot knows (an older message, or not from this bot)' })).catch(() => undefined);
  });
}
