/**
 * `check --all` from Slack: one fleet audit at a time per scope (a second request joins the
 * running one), a per-user cooldown, one progress message edited at most every 10 s where the
 * bot can post (else a single final `respond()`), then the summary with failing jobs and — when
 * the list does not fit — the full report as a CSV file streamed to disk and uploaded.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RespondFn } from '@slack/bolt';
import type { FleetRequest } from '../app/audit-service.js';
import type { JobReport, RuleId } from '../audit/model.js';
import type { BotDeps } from './bot-deps.js';
import { createCoalescedUpdater, postReply, slackErrorCode, type ChatClient, type SlackMessage } from './delivery.js';
import { CSV_EOL, CSV_HEADER, csvRow } from './views/fleet-csv.js';
import { errorMessage, FLEET_REPORT_PAGE_SIZE, fleetProgressMessage, fleetReportMessage, type FleetReportView } from './views/index.js';

export interface FleetScope extends FleetRequest {
  /** Human description, e.g. "us-east-1 · last 30 days (--since all for everything)". */
  scopeText: string;
  /** Stable key for single-flight: regions + filters. */
  key: string;
  /** The window as asked (`30d`, `2026-01-01`, `all`): "Run it again" re-resolves a relative one. */
  sinceText?: string;
}

export interface FleetRunData {
  view: FleetReportView;
}

export interface FleetRequester {
  userId: string;
  teamId?: string;
  channelId?: string;
  respond?: RespondFn;
}

/** What a run's joiners receive. */
export interface FleetRunResult {
  message: SlackMessage;
  /** The channel the report landed in (a joiner there gets its copy ephemerally). */
  channel?: string;
}

/**
 * The single-flight key. A relative window is keyed by its text (`30d`), not by the instant it
 * resolves to: two requests for "the last 30 days" a second apart are the same audit, even across
 * an hour boundary.
 */
export function fleetScopeKey(request: FleetRequest & { sinceText?: string }): string {
  return JSON.stringify([
    [...(request.regions ?? [])].sort(),
    request.sinceText ?? (request.since ? request.since.toISOString() : null),
    request.status ?? null,
    request.maxJobs ?? null,
  ]);
}

export function createFleetRunner(deps: BotDeps) {
  const cooldownUntil = new Map<string, number>();

  async function execute(scope: FleetScope, first: FleetRequester, client: ChatClient): Promise<FleetRunResult> {
    const startedAt = deps.now();
    const log = deps.logger.child({ trigger: 'slack-fleet', scope: scope.key });
    // Progress: only where the bot can post a message it can later edit.
    let progressTs: string | undefined;
    let progressChannel: string | undefined;
    if (first.channelId) {
      try {
        const posted = await client.chat.postMessage({
          channel: first.channelId,
          ...fleetProgressMessage({ scopeText: scope.scopeText, jobs: 0, pass: 0, fail: 0, unknown: 0, regionsDone: 0, regions: scope.regions?.length ?? 1, startedAt, now: startedAt }),
        });
        progressTs = posted.ts;
        progressChannel = posted.channel ?? first.channelId;
      } catch (err) {
        log.info({ code: slackErrorCode(err) }, 'cannot post progress in this channel; the answer will come by response_url');
      }
    }
    const updater = createCoalescedUpdater(
      async (message) => {
        if (!progressTs || !progressChannel) return;
        await client.chat.update({ channel: progressChannel, ts: progressTs, text: message.text, blocks: message.blocks });
      },
      { minIntervalMs: deps.progressIntervalMs },
    );

    const dir = await mkdtemp(join(tmpdir(), 'sagemaker-vpc-'));
    const fileName = `sagemaker-vpc-${startedAt.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
    const csvPath = join(dir, fileName);
    const csv = createWriteStream(csvPath);
    csv.write(`${CSV_HEADER}${CSV_EOL}`);
    const failing: FleetReportView['failing'] = [];
    const unknown: FleetReportView['unknown'] = [];
    try {
      const outcome = await deps.service.auditFleet(scope, {
        onJob: async (report: JobReport) => {
          deps.memory.noteAccount(report.region, report.account);
          if (!csv.write(`${csvRow(report)}${CSV_EOL}`)) await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
          if (report.verdict === 'fail') {
            const rules = report.findings.filter((f) => f.status === 'fail').map((f) => f.rule as RuleId);
            failing.push({ account: report.account, region: report.region, job: report.name, rules });
          } else if (report.verdict === 'unknown') {
            const reason = report.findings.find((f) => f.status === 'unknown')?.message ?? 'some evidence could not be read';
            unknown.push({ account: report.account, region: report.region, job: report.name, reason });
          }
        },
        onProgress: (p) =>
          updater.push(fleetProgressMessage({ scopeText: scope.scopeText, ...p, startedAt, now: deps.now() })),
      });
      await new Promise<void>((resolve, reject) => csv.end((err?: Error | null) => (err ? reject(err) : resolve())));
      await updater.close();

      const runId = randomUUID().slice(0, 8);
      const needsFile = failing.length + unknown.length > FLEET_REPORT_PAGE_SIZE;
      let uploaded: string | undefined;
      if (needsFile && progressChannel) {
        try {
          await client.filesUploadV2({
            channel_id: progressChannel,
            thread_ts: progressTs,
            file: createReadStream(csvPath),
            filename: fileName,
            title: `sagemaker-vpc fleet report (${outcome.summary.jobs} jobs)`,
          });
          uploaded = fileName;
        } catch (err) {
          log.warn({ err, code: slackErrorCode(err) }, 'CSV upload failed');
        }
      }
      const view: FleetReportView = {
        runId,
        scopeText: scope.scopeText,
        generatedAt: outcome.generatedAt,
        summary: outcome.summary,
        complete: outcome.complete,
        notes: [
          ...outcome.notes,
          ...(needsFile && !uploaded ? ['The full list did not fit and could not be attached here: run `sagemaker-vpc check --all --json` for every job.'] : []),
        ],
        errors: outcome.errors,
        failing,
        unknown,
        fileName: uploaded,
      };
      deps.runs.put(runId, { view }, scope);
      deps.memory.setLastSummary({ source: 'fleet', scopeText: scope.scopeText, generatedAt: outcome.generatedAt, summary: outcome.summary });
      const message = fleetReportMessage(view, 0);
      if (progressTs && progressChannel) {
        try {
          await client.chat.update({ channel: progressChannel, ts: progressTs, text: message.text, blocks: message.blocks });
          return { message, channel: progressChannel };
        } catch (err) {
          log.warn({ err, code: slackErrorCode(err) }, 'final chat.update failed; replying instead');
        }
      }
      const delivered = await postReply(client, { channelId: first.channelId, userId: first.userId, respond: first.respond }, message, deps.logger);
      return { message, channel: delivered.route === 'none' ? undefined : first.channelId };
    } catch (err) {
      await updater.close();
      const correlationId = randomUUID().slice(0, 8);
      log.error({ err, correlationId }, 'fleet audit failed');
      const message = errorMessage('internal', { correlationId });
      await postReply(client, { channelId: first.channelId, userId: first.userId, respond: first.respond }, message, deps.logger);
      return { message };
    } finally {
      csv.destroy();
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  return {
    /**
     * Starts (or joins) a fleet audit. Resolves when the answer has been delivered. Returns
     * `cooldown` without running anything when the user started one too recently.
     */
    async run(scope: FleetScope, requester: FleetRequester, client: ChatClient): Promise<'started' | 'joined' | 'cooldown'> {
      const until = cooldownUntil.get(requester.userId) ?? 0;
      if (!deps.fleetFlights.inFlight(scope.key) && deps.now().getTime() < until) {
        await postReply(client, { ...requester }, errorMessage('cooldown', { seconds: Math.ceil((until - deps.now().getTime()) / 1000) }), deps.logger, {
          visibility: 'ephemeral',
        });
        return 'cooldown';
      }
      cooldownUntil.set(requester.userId, deps.now().getTime() + deps.fleetCooldownMs);
      const { value, joined } = await deps.fleetFlights.run(scope.key, () => execute(scope, requester, client));
      if (joined) {
        // The run answered its starter; a joiner gets the same answer by its own response_url —
        // only to them when the report is already in their channel, so it does not appear twice.
        const sameChannel = value.channel !== undefined && value.channel === requester.channelId;
        await postReply(client, { ...requester }, value.message, deps.logger, { visibility: sameChannel ? 'ephemeral' : 'in_channel' });
      }
      return joined ? 'joined' : 'started';
    },
  };
}

export type FleetRunner = ReturnType<typeof createFleetRunner>;
