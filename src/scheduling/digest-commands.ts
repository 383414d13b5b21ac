/**
 * `/sagemaker-vpc digest add|list|remove|now` (DESIGN.md §6), behind the Slack listener's
 * `DigestCommands` hook: the listener acks, calls `handle`, and posts the answer ephemerally.
 *
 * `digest add` is all-or-nothing: the schedule is written as *pending*, its confirmation is posted
 * into the channel, and only then is it activated — on `not_in_channel` / `channel_not_found` the
 * pending row is deleted and the user gets the `/invite` hint, so a schedule exists only if the
 * channel saw its confirmation. Schedules belong to their channel: list and remove act there.
 * @module
 */
import type { Command } from '../app/command-grammar.js';
import type { Logger } from '../logging/logger.js';
import type { DigestCommands } from '../slack/bot-deps.js';
import { slackErrorCode, type ChatClient } from '../slack/delivery.js';
import { scheduleAddedMessage, scheduleListMessage, type ScheduleSummary } from '../slack/views/schedule-messages.js';
import type { DigestSchedule, DigestScope, Store } from '../store/index.js';
import type { Clock } from './clock.js';
import { nextTick, shortestInterval } from './cron.js';
import {
  digestNowAnswer,
  inviteNeededAnswer,
  postFailedAnswer,
  scheduleElsewhereAnswer,
  scheduleNotFoundAnswer,
  scheduleRemovedAnswer,
  tooFrequentAnswer,
  unauditedRegionsAnswer,
  type DigestNowResult,
} from './digest-answers.js';
import { digestRequests } from './digest-scope.js';
import { channelStream, scheduleStream, type DigestScheduler } from './scheduler.js';
import { needsInvite, type ChannelPacer } from './slack-posting.js';

export interface DigestCommandsOptions {
  store: Store;
  scheduler: DigestScheduler;
  clock: Clock;
  logger: Logger;
  pacer: ChannelPacer;
  regions: string[];
  /** Schedules firing more often than this are refused (each digest audits its whole scope). */
  minIntervalMs?: number;
}

type DigestCommand = Parameters<DigestCommands['handle']>[0];

function scopeOf(command: Extract<Command, { kind: 'digest-add' }>): DigestScope {
  const scope: DigestScope = {};
  if (command.regions.length > 0) scope.regions = command.regions;
  if (command.since !== undefined) scope.since = command.since;
  if (command.status !== undefined) scope.status = command.status as DigestScope['status'];
  if (command.maxJobs !== undefined) scope.maxJobs = command.maxJobs;
  return scope;
}

export function createDigestCommands(options: DigestCommandsOptions): DigestCommands {
  const { store, clock } = options;
  const minIntervalMs = options.minIntervalMs ?? 3_600_000;

  async function summaryOf(schedule: DigestSchedule, now: Date): Promise<ScheduleSummary> {
    const last = await store.lastPostedRun(scheduleStream(schedule.id));
    const next = nextTick(schedule.cron, schedule.timezone, now);
    return {
      id: schedule.id,
      channelId: schedule.channelId,
      cron: schedule.cron,
      timezone: schedule.timezone,
      scopeText: digestRequests(schedule.scope, options.regions, now).scopeText,
      ...(next ? { nextRun: next } : {}),
      ...(last ? { lastRun: new Date(last.finishedAt ?? last.claimedAt) } : {}),
    };
  }

  async function listFor(channelId: string) {
    const now = clock.now();
    const schedules = await store.listSchedules({ channelId });
    return scheduleListMessage(await Promise.all(schedules.map((s) => summaryOf(s, now))));
  }

  async function add(command: Extract<DigestCommand, { kind: 'digest-add' }>, who: { userId: string; channelId: string }, client: ChatClient) {
    const now = clock.now();
    const outside = command.regions.filter((r) => !options.regions.includes(r));
    if (outside.length > 0) return unauditedRegionsAnswer(outside, options.regions);
    const shortest = shortestInterval(command.cron, command.timezone, now);
    if (shortest !== undefined && shortest < minIntervalMs) return tooFrequentAnswer(command.cron, Math.round(minIntervalMs / 60_000));
    const pending = await store.createPendingSchedule({ channelId: who.channelId, cron: command.cron, timezone: command.timezone, scope: scopeOf(command), createdBy: who.userId }, now.toISOString());
    const log = options.logger.child({ schedule: pending.id, channel: who.channelId, user: who.userId });
    try {
      await options.pacer.wait(who.channelId);
      await client.chat.postMessage({ channel: who.channelId, ...scheduleAddedMessage(await summaryOf(pending, now)), unfurl_links: false, unfurl_media: false });
    } catch (err) {
      await store.discardPendingSchedule(pending.id);
      const code = slackErrorCode(err);
      log.info({ code }, 'digest schedule refused: confirmation could not be posted');
      return needsInvite(code) ? inviteNeededAnswer('schedule') : postFailedAnswer('schedule', code);
    }
    await store.activateSchedule(pending.id);
    log.info({ cron: command.cron, timezone: command.timezone }, 'digest schedule added');
    // A schedule another process should see at once; ours is armed right away.
    await options.scheduler.wake();
    return listFor(who.channelId);
  }

  async function remove(id: string, channelId: string) {
    const schedule = await store.getSchedule(Number(id));
    if (!schedule || schedule.state !== 'active') return scheduleNotFoundAnswer(id);
    if (schedule.channelId !== channelId) return scheduleElsewhereAnswer(schedule.id, schedule.channelId);
    if (!(await store.removeSchedule(schedule.id, clock.now().toISOString()))) return scheduleNotFoundAnswer(id);
    options.logger.info({ schedule: schedule.id }, 'digest schedule removed');
    return scheduleRemovedAnswer(schedule.id, schedule.cron, schedule.timezone);
  }

  async function now(channelId: string) {
    const schedules = await store.listSchedules({ channelId });
    const targets = schedules.length > 0
      ? schedules.map((s) => ({ id: s.id as number | string, stream: scheduleStream(s.id), target: { scheduleId: s.id, channelId, scope: s.scope } }))
      : [{ id: 'ad hoc' as number | string, stream: channelStream(channelId), target: { channelId, scope: {} } }];
    const results: DigestNowResult[] = [];
    for (const { id, stream, target } of targets) {
      const outcome = await options.scheduler.runManual(stream, target);
      if (!outcome) results.push({ id, status: 'busy' });
      else if (outcome.status === 'posted') results.push({ id, status: 'posted', jobs: outcome.report.summary.jobs, newFailures: outcome.report.newFailures.length, fixed: outcome.report.fixed.length });
      else if (outcome.status === 'failed') {
        if (needsInvite(outcome.code)) return inviteNeededAnswer('digest');
        results.push({ id, status: 'failed', code: outcome.code });
      } else results.push({ id, status: 'cancelled' });
    }
    return digestNowAnswer(results, schedules.length === 0);
  }

  return {
    async handle(command, who, client) {
      switch (command.kind) {
        case 'digest-list':
          return listFor(who.channelId);
        case 'digest-add':
          return add(command, who, client);
        case 'digest-remove':
          return remove(command.id, who.channelId);
        case 'digest-now':
          return now(who.channelId);
      }
    },
  };
}
