/**
 * `/sagemaker-vpc`: authorize, parse with the CLI's grammar, `ack()` within milliseconds with a
 * short answer, then do the work in the background and deliver by the best route.
 * @module
 */
import type { App, RespondFn } from '@slack/bolt';
import { describeSince, parseCommand, resolveSince, tokenize, type Command } from '../../../app/command-grammar.js';
import { networkCommandRequest, runPreflight } from '../../../app/preflight.js';
import type { BotDeps } from '../../bot-deps.js';
import { postReply, type ChatClient } from '../../delivery.js';
import { fleetScopeKey, type FleetRunner, type FleetScope } from '../../fleet-runner.js';
import { checkJobForSlack } from '../../job-answers.js';
import { sealedClient, sealedRespond } from '../../outbox.js';
import {
  checkingMessage,
  helpMessage,
  jobReportMessage,
  refusalMessage,
  remediationThreadMessages,
  usageMessage,
} from '../../views/index.js';
import { runInBackground } from '../background.js';

interface Invocation {
  userId: string;
  channelId: string;
  teamId?: string;
  respond?: RespondFn;
  client: ChatClient;
}

export function describeFleetScope(regions: string[], since: string | undefined, status?: string, maxJobs?: number): string {
  const parts = [regions.join(', ') || 'default regions', describeSince(since)];
  if (status) parts.push(`status ${status}`);
  if (maxJobs) parts.push(`newest ${maxJobs}`);
  return parts.join(' · ');
}

/** The Slack default window (DESIGN.md §6): 30 days unless `--since` says otherwise, and say so. */
export function slackFleetScope(command: Extract<Command, { kind: 'check-all' }>, deps: BotDeps): FleetScope {
  const regions = command.regions.length > 0 ? command.regions : deps.regions;
  const since = command.since ?? deps.defaultFleetSince;
  const request = { regions, since: resolveSince(since, deps.now()), status: command.status, maxJobs: command.maxJobs };
  const defaulted = command.since === undefined ? ` (default; \`--since all\` for everything)` : '';
  return {
    ...request,
    sinceText: since,
    scopeText: `${describeFleetScope(regions, since, command.status, command.maxJobs)}${defaulted}`,
    key: fleetScopeKey({ ...request, sinceText: since }),
  };
}

/** The region a single-job command names, else the bot's first (BotDeps.regions). */
function regionOf(command: { region?: string }, deps: BotDeps): string {
  return command.region ?? deps.regions[0] ?? 'us-east-1';
}

/** A report goes to the channel; an error (not found, access denied…) only to the person who asked. */
async function answerCheckJob(deps: BotDeps, inv: Invocation, job: string, region: string): Promise<void> {
  const { message, report } = await checkJobForSlack(deps, { job, region }, { userId: inv.userId });
  await postReply(inv.client, inv, message, deps.logger, {
    visibility: report ? 'in_channel' : 'ephemeral',
  });
}

async function answerRemediate(deps: BotDeps, inv: Invocation, job: string, region: string): Promise<void> {
  const { report, message } = await checkJobForSlack(deps, { job, region }, { userId: inv.userId });
  if (!report) {
    await postReply(inv.client, inv, message, deps.logger, { visibility: 'ephemeral' });
    return;
  }
  // Snippets can be long: ephemeral, so only the person who asked sees the runbook.
  for (const part of remediationThreadMessages(report).slice(0, 4)) {
    await postReply(inv.client, inv, part, deps.logger, { visibility: 'ephemeral' });
  }
}

async function answerCheckNetwork(deps: BotDeps, inv: Invocation, command: Extract<Command, { kind: 'check-network' }>): Promise<void> {
  const document = await runPreflight(deps.service, [networkCommandRequest(command, regionOf(command, deps))]);
  const report = document.jobs[0];
  if (!report) return;
  const preflight = { instances: command.instances, interContainerEncryption: command.interContainerEncryption, networkIsolation: command.networkIsolation };
  await postReply(inv.client, inv, jobReportMessage(report, { preflight }), deps.logger);
}

/** The regions a command names that this bot does not audit (its buttons would refuse them too). */
function unauditedRegions(cmd: Command, deps: BotDeps): string[] {
  const named = cmd.kind === 'check-all' || cmd.kind === 'digest-add' ? cmd.regions : 'region' in cmd && typeof cmd.region === 'string' ? [cmd.region] : [];
  return named.filter((region) => !deps.regions.includes(region));
}

export function registerSlashCommand(app: App, deps: BotDeps, fleet: FleetRunner): void {
  app.command('/sagemaker-vpc', async ({ command, ack, respond, client }) => {
    const who = { teamId: command.team_id, userId: command.user_id, channelId: command.channel_id };
    const started = Date.now();
    const decision = deps.authorize(who);
    if (!decision.allowed) {
      await ack({ response_type: 'ephemeral', ...refusalMessage() });
      deps.trail.record({ kind: 'command', what: 'refused', ...who, team: who.teamId, user: who.userId, channel: who.channelId, result: `refused:${decision.reason}`, input: command.text });
      return;
    }
    if (!deps.claim(`command:${command.trigger_id ?? `${command.user_id}:${command.text}:${started}`}`)) {
      await ack();
      return; // a redelivery of a command already being answered
    }
    const tokens = tokenize(command.text ?? '');
    const parsed = tokens.ok ? parseCommand(tokens.tokens, 'slack') : { ok: false as const, error: tokens.error };
    const audit = (what: string, result: string) =>
      deps.trail.record({ kind: 'command', what, user: who.userId, team: who.teamId, channel: who.channelId, result, input: command.text, durationMs: Date.now() - started });
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', ...usageMessage({ error: parsed.error, input: command.text }) });
      audit('invalid', 'invalid');
      return;
    }
    const cmd = parsed.command;
    const outside = unauditedRegions(cmd, deps);
    if (outside.length > 0) {
      const error = `${outside.join(', ')} ${outside.length > 1 ? 'are' : 'is'} not audited by this bot (it audits ${deps.regions.join(', ')}; see AUDIT_REGIONS)`;
      await ack({ response_type: 'ephemeral', ...usageMessage({ error, input: command.text }) });
      audit(cmd.kind, 'invalid');
      return;
    }
    const out = sealedClient(client as unknown as ChatClient, deps.seal);
    const inv: Invocation = { ...who, respond: sealedRespond(respond, deps.seal), client: out };

    switch (cmd.kind) {
      case 'help':
        await ack({ response_type: 'ephemeral', ...helpMessage() });
        audit('help', 'ok');
        return;
      case 'check-job': {
        const region = regionOf(cmd, deps);
        await ack({ response_type: 'ephemeral', ...checkingMessage(`${cmd.job} in ${region}`) });
        audit('check-job', 'accepted');
        void runInBackground(deps, 'check-job', out, inv, () => answerCheckJob(deps, inv, cmd.job, region));
        return;
      }
      case 'remediate': {
        const region = regionOf(cmd, deps);
        await ack({ response_type: 'ephemeral', ...checkingMessage(`remediation for ${cmd.job} in ${region}`) });
        audit('remediate', 'accepted');
        void runInBackground(deps, 'remediate', out, inv, () => answerRemediate(deps, inv, cmd.job, region));
        return;
      }
      case 'check-all': {
        const scope = slackFleetScope(cmd, deps);
        const joining = deps.fleetFlights.inFlight(scope.key);
        await ack({ response_type: 'ephemeral', ...checkingMessage(joining ? `${scope.scopeText} — joining the audit already running` : scope.scopeText) });
        audit('check-all', joining ? 'joined' : 'accepted');
        void runInBackground(deps, 'check-all', out, inv, async () => {
          await fleet.run(scope, inv, out);
        });
        return;
      }
      case 'check-network':
        await ack({ response_type: 'ephemeral', ...checkingMessage(`network ${cmd.subnets.join(', ')} / ${cmd.securityGroups.join(', ')}`) });
        audit('check-network', 'accepted');
        void runInBackground(deps, 'check-network', out, inv, () => answerCheckNetwork(deps, inv, cmd));
        return;
      case 'digest-now':
      case 'digest-list':
      case 'digest-add':
      case 'digest-remove': {
        if (!deps.digests) {
          await ack({ response_type: 'ephemeral', ...usageMessage({ error: 'digests are not enabled on this bot' }) });
          audit(cmd.kind, 'unavailable');
          return;
        }
        const digests = deps.digests;
        await ack({ response_type: 'ephemeral', ...checkingMessage(cmd.kind.replace('-', ' ')) });
        audit(cmd.kind, 'accepted');
        void runInBackground(deps, cmd.kind, out, inv, async () => {
          const message = await digests.handle(cmd, { userId: inv.userId, channelId: inv.channelId, teamId: inv.teamId }, out);
          await postReply(out, inv, message, deps.logger, { visibility: 'ephemeral' });
        });
        return;
      }
      default:
        await ack({ response_type: 'ephemeral', ...usageMessage({ error: `${cmd.kind} is a CLI command`, input: command.text }) });
        audit(cmd.kind, 'invalid');
    }
  });
}
