/**
 * The progress message of a running `check --all`, edited in place (coalesced, ≥ 10 s apart).
 * @module
 */
import { escapeWithin } from '../escape.js';
import { fitMessage } from '../limits.js';
import { context, count, duration, section, type MessageView } from './blocks.js';

export interface FleetProgressInput {
  /** Human scope, e.g. "us-east-1 · last 30 days (use --since all for everything)". */
  scopeText: string;
  jobs: number;
  pass: number;
  fail: number;
  unknown: number;
  regionsDone: number;
  regions: number;
  startedAt: Date;
  now: Date;
}

/** `▰▰▰▱▱▱▱▱▱▱` for done/total (regions are the only unit whose total is known up front). */
export function progressBar(done: number, total: number, width = 10): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(ratio * width);
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}

export function fleetProgressMessage(input: FleetProgressInput): MessageView {
  const scope = escapeWithin(input.scopeText, 300);
  const elapsed = duration(input.now.getTime() - input.startedAt.getTime());
  const tally = `${count(input.jobs)} jobs judged · :white_check_mark: ${count(input.pass)} pass · :x: ${count(input.fail)} fail · :grey_question: ${count(input.unknown)} unknown`;
  return fitMessage({
    text: `Auditing ${scope}: ${count(input.jobs)} jobs so far (${count(input.fail)} fail)`,
    blocks: [
      section(`:hourglass_flowing_sand: *Fleet audit in progress* — ${scope}\n${tally}`),
      context(`${progressBar(input.regionsDone, input.regions)} regions ${count(input.regionsDone)}/${count(input.regions)} · running for ${elapsed}`),
    ],
  });
}
