/**
 * The short ephemeral answers of `digest add|remove|now` that no view in `src/slack/views` covers
 * yet (the schedule list and confirmation use `scheduleListMessage` / `scheduleAddedMessage`).
 * Built with the views' own block helpers and escaping, within Slack's limits.
 * @module
 */
import { code, escapeWithin } from '../slack/escape.js';
import { fitMessage } from '../slack/limits.js';
import { context, section, type MessageView } from '../slack/views/blocks.js';

const INVITE = '/invite @sagemaker-vpc';

function answer(text: string, lines: string[]): MessageView {
  const [first, ...rest] = lines;
  return fitMessage({ text, blocks: [section(first ?? text), ...(rest.length > 0 ? [context(rest.join('\n'))] : [])] });
}

/** `not_in_channel` / `channel_not_found`: the one fix is to invite the bot (DESIGN.md §6). */
export function inviteNeededAnswer(what: 'schedule' | 'digest'): MessageView {
  const nothing = what === 'schedule' ? 'so nothing was scheduled' : 'so the digest was not posted';
  return answer(`I can't post in this channel, ${nothing}. Invite me with ${INVITE} and try again.`, [
    `:warning: I can't post in this channel, ${nothing}.`,
    `Invite me with ${code(INVITE)}, then run the command again. (Private channels and DMs need the invite; public channels too if the app lacks ${code('chat:write.public')}.)`,
  ]);
}

export function postFailedAnswer(what: 'schedule' | 'digest', slackError: string): MessageView {
  const nothing = what === 'schedule' ? 'Nothing was scheduled' : 'The digest was not posted';
  return answer(`Slack refused the message (${escapeWithin(slackError, 80)}). ${nothing}.`, [
    `:warning: Slack refused the message with ${code(slackError, 80)}. ${nothing}.`,
    'Try again in a minute; if it keeps failing, give this error to whoever runs the bot.',
  ]);
}

export function scheduleNotFoundAnswer(id: string): MessageView {
  return answer(`There is no digest schedule ${escapeWithin(id, 20)}.`, [
    `:mag: There is no digest schedule ${code(id, 20)} (it may have been removed already).`,
    `See this channel's schedules with ${code('/sagemaker-vpc digest list')}.`,
  ]);
}

export function scheduleElsewhereAnswer(id: number, channelId: string): MessageView {
  return answer(`Digest ${id} posts to another channel; remove it from there.`, [
    `:warning: Digest ${code(String(id), 20)} posts to another channel (${code(channelId, 40)}), so it was not removed.`,
    `Run ${code(`/sagemaker-vpc digest remove ${id}`, 80)} in that channel.`,
  ]);
}

export function scheduleRemovedAnswer(id: number, cron: string, timezone: string): MessageView {
  return answer(`Digest ${id} removed.`, [
    `:wastebasket: Digest ${code(String(id), 20)} (${code(cron, 80)}, ${escapeWithin(timezone, 60)}) removed: no more digests from it. Its history is kept for the retention period.`,
  ]);
}

export function unauditedRegionsAnswer(regions: string[], audited: string[]): MessageView {
  const list = regions.join(', ');
  return answer(`${escapeWithin(list, 200)}: not audited by this bot, so nothing was scheduled.`, [
    `:warning: ${code(list, 200)} ${regions.length > 1 ? 'are' : 'is'} not audited by this bot (it audits ${code(audited.join(', '), 300)}; see ${code('AUDIT_REGIONS')}), so nothing was scheduled.`,
  ]);
}

export function tooFrequentAnswer(cron: string, minMinutes: number): MessageView {
  return answer(`"${escapeWithin(cron, 80)}" would run more often than every ${minMinutes} minutes.`, [
    `:warning: ${code(cron, 80)} would run more often than once every ${minMinutes} minutes, so nothing was scheduled.`,
    `Each digest audits the whole scope, and SageMaker's API limits are shared with your pipelines. Try e.g. ${code('"0 9 * * 1-5"')} (weekdays at 09:00).`,
  ]);
}

export type DigestNowResult =
  | { id: number | string; status: 'posted'; jobs: number; newFailures: number; fixed: number }
  | { id: number | string; status: 'busy' | 'cancelled' }
  | { id: number | string; status: 'failed'; code: string };

export function digestNowAnswer(results: DigestNowResult[], adHoc: boolean): MessageView {
  const lines = results.map((r) => {
    const name = `Digest ${code(String(r.id), 20)}`;
    switch (r.status) {
      case 'posted':
        return `:white_check_mark: ${name} posted here: ${r.jobs} jobs, ${r.newFailures} new failures, ${r.fixed} fixed.`;
      case 'busy':
        return `:hourglass_flowing_sand: ${name} is being computed right now; it will be posted here.`;
      case 'cancelled':
        return `:heavy_minus_sign: ${name} was not posted: the bot is stopping or the schedule was removed.`;
      case 'failed':
        return `:x: ${name} could not be posted (${code(r.code, 80)}).`;
    }
  });
  if (adHoc) lines.push(`This channel has no digest schedule, so this was a one-off with the default scope. Schedule one with ${code('/sagemaker-vpc digest add "0 9 * * 1" --tz Europe/Berlin')}.`);
  return answer(results.every((r) => r.status === 'posted') ? 'Digest posted.' : 'Digest not (yet) posted.', lines);
}
