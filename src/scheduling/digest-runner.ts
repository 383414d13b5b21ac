/**
 * Runs one claimed digest run to its end: keeps the lease alive, computes the digest (recording
 * each job's verdict), writes the evidence document, posts with pacing and retries — recording
 * every step in the store, so that whatever happens to the process, a run is posted at most once:
 * a crash before posting is resumed by the next owner, a crash *while* posting is never retried.
 * @module
 */
import { createReadStream } from 'node:fs';
import type { AuditService } from '../app/audit-service.js';
import type { Logger } from '../logging/logger.js';
import type { ChatClient } from '../slack/delivery.js';
import { slackErrorCode } from '../slack/delivery.js';
import { compliancePct } from '../slack/views/blocks.js';
import type { DigestRun, DigestScope, Store } from '../store/index.js';
import { buildDigest, type DigestReport } from './build-digest.js';
import type { Clock } from './clock.js';
import { createCsvFile, createEvidenceWriter, fileStamp, type CsvFile, type EvidenceWriter } from './evidence.js';
import { renderDigestMessage } from './render-digest.js';
import { withRetry, type ChannelPacer } from './slack-posting.js';

export interface DigestTarget {
  scheduleId?: number;
  channelId: string;
  scope: DigestScope;
}

export type RunOutcome =
  | { status: 'posted'; ts?: string; report: DigestReport }
  | { status: 'failed'; code: string; report?: DigestReport }
  | { status: 'cancelled'; reason: string };

export interface DigestRunnerDeps {
  store: Store;
  service: Pick<AuditService, 'auditFleet'>;
  regions: string[];
  clock: Clock;
  logger: Logger;
  owner: string;
  leaseMs: number;
  pacer: ChannelPacer;
  /** The bot's Web API client (button values sealed); set once the Slack app exists. */
  client: () => ChatClient | undefined;
  reportDir?: string;
  retry?: { attempts?: number; baseDelayMs?: number };
  /** Failing + unknown jobs above which the full report is attached as CSV. */
  fileThreshold?: number;
  onPosted?: (report: DigestReport, target: DigestTarget) => void;
}

/** Another process took the run over (our lease ran out): stop without touching it. */
export class LeaseLostError extends Error {
  constructor(runId: number) {
    super(`run ${runId} was taken over by another process`);
    this.name = 'LeaseLostError';
  }
}

const iso = (clock: Clock, plusMs = 0) => new Date(clock.now().getTime() + plusMs).toISOString();

export function createDigestRunner(deps: DigestRunnerDeps) {
  const { store, clock } = deps;
  // Every write is conditional on still holding the run.
  const mine = { owner: deps.owner };
  const threshold = deps.fileThreshold ?? 15;

  /** Renews the lease every third of its length; aborts the run when another owner has it. */
  function keepLease(run: DigestRun, controller: AbortController): () => void {
    let handle: unknown;
    let stopped = false;
    const renew = () => {
      handle = clock.setTimeout(() => {
        void store.renewLease(run.id, deps.owner, iso(clock, deps.leaseMs)).then((held) => {
          if (stopped) return;
          if (!held) controller.abort(new Error('lease lost'));
          else renew();
        });
      }, Math.max(1000, Math.floor(deps.leaseMs / 3)));
    };
    renew();
    return () => {
      stopped = true;
      clock.clearTimeout(handle);
    };
  }

  async function post(run: DigestRun, target: DigestTarget, report: DigestReport, csv: CsvFile | undefined, signal: AbortSignal): Promise<RunOutcome> {
    const client = deps.client();
    if (!client) return { status: 'failed', code: 'no_slack_client', report };
    const needsFile = csv !== undefined && report.summary.fail + report.summary.unknown + report.fixed.length > threshold;
    const message = renderDigestMessage(report, needsFile ? csv.fileName : undefined);
    const log = deps.logger.child({ runId: run.id, stream: run.stream, channel: target.channelId });
    const result = await withRetry(
      async () => {
        await deps.pacer.wait(target.channelId, signal);
        return client.chat.postMessage({ channel: target.channelId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
      },
      {
        clock,
        signal,
        ...deps.retry,
        // `posting` is the one state a crash cannot resolve: it becomes `unconfirmed`, never a second post.
        onAttempt: async (attempt) => {
          if (!(await store.updateRun(run.id, { status: 'posting', attempts: attempt }, mine))) throw new LeaseLostError(run.id);
        },
        onFailure: async (attempt, code, willRetry) => {
          log.warn({ attempt, code, willRetry }, 'digest post failed');
          await store.updateRun(run.id, { status: willRetry ? 'retrying' : 'failed', lastError: code, ...(willRetry ? {} : { finishedAt: iso(clock) }) }, mine);
        },
      },
    );
    if (!result.ok) return { status: 'failed', code: result.code, report };
    const ts = result.value.ts;
    await store.updateRun(run.id, { status: 'posted', postedTs: ts, finishedAt: iso(clock), lastError: null }, mine);
    log.info({ ts, attempts: result.attempts, summary: report.summary }, 'digest posted');
    if (needsFile && csv) {
      try {
        await deps.pacer.wait(target.channelId, signal);
        await client.filesUploadV2({ channel_id: target.channelId, thread_ts: ts, file: createReadStream(csv.path), filename: csv.fileName, title: `sagemaker-vpc digest (${report.summary.jobs} jobs)` });
      } catch (err) {
        const code = slackErrorCode(err);
        log.warn({ code }, 'digest CSV upload failed');
        await store.updateRun(run.id, { lastError: `csv upload failed: ${code}` }, mine);
        // The message must not promise an attachment that is not there.
        if (ts) await client.chat.update({ channel: target.channelId, ts, ...renderDigestMessage(report) }).catch(() => undefined);
      }
    }
    deps.onPosted?.(report, target);
    return { status: 'posted', ts, report };
  }

  return {
    /** Computes and posts a run the caller has claimed. Never throws: the outcome is recorded. */
    async run(run: DigestRun, target: DigestTarget, stop?: AbortSignal): Promise<RunOutcome> {
      const controller = new AbortController();
      const signal = stop ? AbortSignal.any([stop, controller.signal]) : controller.signal;
      const release = keepLease(run, controller);
      let evidence: EvidenceWriter | undefined;
      let csv: CsvFile | undefined;
      try {
        await store.clearRunJobs(run.id);
        const baseline = await store.baselineRun(run.stream, run.id);
        // One reading of the clock: the file names, the evidence document and the digest agree.
        const started = clock.now();
        const generatedAt = started.toISOString();
        const name = `digest-${target.scheduleId !== undefined ? `s${target.scheduleId}` : target.channelId}-${fileStamp(generatedAt)}-run${run.id}`;
        if (deps.reportDir) evidence = await createEvidenceWriter(deps.reportDir, name, generatedAt);
        csv = await createCsvFile(`sagemaker-vpc-${name}.csv`);
        const report = await buildDigest({
          service: deps.service,
          scope: target.scope,
          defaultRegions: deps.regions,
          scheduleId: target.scheduleId ?? 'ad hoc',
          now: started,
          baseline,
          store,
          missedTicks: run.missedTicks,
          signal,
          record: (rows) => store.addRunJobs(run.id, rows, generatedAt, { owner: deps.owner }),
          onReport: async (job) => {
            await evidence?.job(job);
            await csv?.job(job);
          },
        });
        await csv.end();
        if (signal.aborted) {
          // Stopped or lease lost before posting: give the tick back for the next owner to resume.
          await store.updateRun(run.id, { status: 'claimed', leaseUntil: new Date(0).toISOString() }, mine);
          return { status: 'cancelled', reason: String((signal.reason as Error | undefined)?.message ?? 'stopped') };
        }
        const reportPath = evidence ? await evidence.end({ summary: report.summary, errors: report.errors, notes: report.notes, complete: report.complete }) : undefined;
        evidence = undefined;
        await store.updateRun(run.id, { generatedAt: report.generatedAt, summary: report.summary, compliancePct: compliancePct(report.summary) ?? null, complete: report.complete, ...(reportPath ? { reportPath } : {}) }, mine);
        const schedule = target.scheduleId !== undefined ? await store.getSchedule(target.scheduleId) : undefined;
        if (schedule && schedule.state !== 'active') {
          await store.updateRun(run.id, { status: 'cancelled', finishedAt: iso(clock), lastError: 'the schedule was removed' }, mine);
          return { status: 'cancelled', reason: 'the schedule was removed' };
        }
        return await post(run, target, report, csv, signal);
      } catch (err) {
        if (err instanceof LeaseLostError || (await store.getRun(run.id).catch(() => undefined))?.owner !== deps.owner) {
          deps.logger.warn({ runId: run.id, stream: run.stream }, 'digest run taken over by another process; stopped');
          return { status: 'cancelled', reason: 'taken over by another process' };
        }
        deps.logger.error({ err, runId: run.id, stream: run.stream }, 'digest run failed');
        await store.updateRun(run.id, { status: 'failed', finishedAt: iso(clock), lastError: err instanceof Error ? err.message.slice(0, 500) : String(err) }, mine).catch(() => undefined);
        return { status: 'failed', code: 'internal_error' };
      } finally {
        release();
        await evidence?.abort();
        await csv?.remove();
      }
    },
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;
