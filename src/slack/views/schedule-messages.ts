/**
 * Answers to `digest list` and `digest add`: the channel's schedules with their next and last runs,
 * and the confirmation posted into the channel when a schedule is added.
 * @module
 */
import type { KnownBlock } from '@slack/types';
import { code, escapeWithin } from '../escape.js';
import { CHANNEL_ID_PATTERN } from '../ids.js';
import { fitMessage } from '../limits.js';
import { context, section, slackDate, type MessageView } from './blocks.js';

export interface ScheduleSummary {
  id: string | number;
  channelId: string;
  cron: string;
  timezone: string;
  scopeText: string;
  nextRun?: Date;
  lastRun?: Date;
}

/** `<#C…>` only for a well-formed channel id (ours, from the store); anything else as inline code. */
function channel(id: string): string {
  return CHANNEL_ID_PATTERN.test(id) ? `<#${id}>` : code(id, 40);
}

function scheduleText(s: ScheduleSummary): string {
  const when = `${code(s.cron, 80)} (${escapeWithin(s.timezone, 60)})`;
  const runs = [
    s.nextRun ? `next ${slackDate(s.nextRun)}` : 'no next run',
    s.lastRun ? `last ${slackDate(s.lastRun)}` : 'never run yet',
  ].join(' · ');
  return `*Digest ${code(String(s.id), 20)}* · ${when} in ${channel(s.channelId)}\nScope: ${escapeWithin(s.scopeText, 300)}\n${runs}`;
}

const ADD_EXAMPLE = '/sagemaker-vpc digest add "0 9 * * 1" --tz Europe/Berlin';

export function scheduleListMessage(schedules: readonly ScheduleSummary[]): MessageView {
  if (schedules.length === 0) {
    return fitMessage({
      text: 'No digest schedules yet.',
      blocks: [section(`No digest schedules yet. Add one, e.g. ${code(ADD_EXAMPLE)} for Mondays at 09:00 Berlin time.`)],
    });
  }
  const blocks: KnownBlock[] = [section(`*Digest schedules* (${schedules.length})`)];
  for (const s of schedules) blocks.push(section(scheduleText(s)));
  blocks.push(context(`Remove one with ${code('/sagemaker-vpc digest remove <id>')}; run one now with ${code('/sagemaker-vpc digest now')}.`));
  return fitMessage({ text: `${schedules.length} digest schedules`, blocks }, { overflowHint: 'more schedules not shown' });
}

export function scheduleAddedMessage(schedule: ScheduleSummary): MessageView {
  const next = schedule.nextRun ? ` The first digest comes ${slackDate(schedule.nextRun)}.` : '';
  return fitMessage({
    text: `Digest ${escapeWithin(String(schedule.id), 20)} scheduled: ${escapeWithin(schedule.cron, 80)} (${escapeWithin(schedule.timezone, 60)})`,
    blocks: [
      section(`:white_check_mark: Digest ${code(String(schedule.id), 20)} scheduled: ${code(schedule.cron, 80)} (${escapeWithin(schedule.timezone, 60)}) in ${channel(schedule.channelId)}.${next}`),
      context(`Scope: ${escapeWithin(schedule.scopeText, 300)} · remove it with ${code(`/sagemaker-vpc digest remove ${schedule.id}`, 80)}`),
    ],
  });
}
