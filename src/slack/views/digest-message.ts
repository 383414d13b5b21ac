/**
 * The scheduled channel digest: compliance % and its trend since the previous digest, new failures
 * (with Recheck buttons), fixes, the longest-failing jobs, unknowns with reasons, and one line of
 * historical debt. Only control rules count as failures: advisory findings never appear here.
 * @module
 */
import type { KnownBlock } from '@slack/types';
import { isControlRule, type AuditSummary, type RuleId } from '../../audit/model.js';
import { code, escapeWithin } from '../escape.js';
import { ActionId, encodeValue } from '../ids.js';
import { fitMessage } from '../limits.js';
import {
  button,
  compliancePct,
  context,
  count,
  divider,
  formatPct,
  header,
  jobRefLabel,
  joinWithin,
  parseTime,
  plural,
  section,
  slackDate,
  summaryFields,
  type MessageView,
} from './blocks.js';

export interface JobLine {
  account: string;
  region: string;
  job: string;
  rules: RuleId[];
}

export interface DigestView {
  scheduleId: string | number;
  scopeText: string;
  /** ISO 8601. */
  generatedAt: string;
  summary: AuditSummary;
  previous?: { compliancePct: number; generatedAt: string };
  newFailures: JobLine[];
  fixed: JobLine[];
  longestFailing: Array<JobLine & { failingSince: string }>;
  unknowns: Array<JobLine & { reason: string }>;
  historicalDebt?: { jobs: number; olderThanDays: number };
  fileName?: string;
  /** How to read this digest (catch-up, incomplete audit, jobs that left scope…): plain text, escaped here. */
  notes?: string[];
}

/** New failures get a section and a Recheck button each, up to this many. */
export const DIGEST_RECHECK_BUTTONS = 10;
const LIST_MAX = 15;

/** Keeps only control rules: advisory findings never make a job "failing" in a digest. */
function controlRules(line: JobLine): RuleId[] {
  return line.rules.filter(isControlRule);
}

function jobLabel(line: JobLine, rules: readonly RuleId[]): string {
  return `${jobRefLabel(line)}${rules.length > 0 ? ` — ${rules.map((r) => code(r)).join(' ')}` : ''}`;
}

/** "▲ 2.5 points since <date>", "▼ …", "no change since …", or the first-digest line. */
export function trendText(current: number | undefined, previous: DigestView['previous']): string {
  if (!previous) return 'first digest — nothing to compare with yet';
  const since = `since ${slackDate(parseTime(previous.generatedAt))}`;
  if (current === undefined) return `no jobs in scope now (was ${formatPct(previous.compliancePct)}) ${since}`;
  const delta = Math.round((current - previous.compliancePct) * 10) / 10;
  if (delta > 0) return `▲ ${delta.toFixed(1)} points ${since}`;
  if (delta < 0) return `▼ ${Math.abs(delta).toFixed(1)} points ${since}`;
  return `no change ${since}`;
}

function listSection(title: string, lines: string[], total: number): KnownBlock {
  const shown = lines.slice(0, LIST_MAX);
  if (total > shown.length) shown.push(`… and ${count(total - shown.length)} more`);
  return section(joinWithin(title ? [title, ...shown] : shown));
}

function newFailureBlocks(view: DigestView): KnownBlock[] {
  const failures = view.newFailures.map((l) => ({ line: l, rules: controlRules(l) })).filter((f) => f.rules.length > 0);
  // A first digest has no baseline: its failing jobs are "failing now", not "new".
  const title = view.previous ? 'New failures' : 'Failing now';
  if (failures.length === 0) return [section(`*${title}*: none :tada:`)];
  const blocks: KnownBlock[] = [section(`*:x: ${title}* (${count(failures.length)})`)];
  for (const { line, rules } of failures.slice(0, DIGEST_RECHECK_BUTTONS)) {
    const value = encodeValue('job', { account: line.account, region: line.region, job: line.job });
    blocks.push(section(jobLabel(line, rules), value.ok ? button({ text: 'Recheck', actionId: ActionId.digestRecheck, value: value.value }) : undefined));
  }
  if (failures.length > DIGEST_RECHECK_BUTTONS) {
    const rest = failures.slice(DIGEST_RECHECK_BUTTONS).map(({ line, rules }) => `• ${jobLabel(line, rules)}`);
    blocks.push(listSection('', rest, rest.length));
  }
  return blocks;
}

export function digestMessage(view: DigestView): MessageView {
  const pct = compliancePct(view.summary);
  const { summary } = view;
  const trend = trendText(pct, view.previous);
  const blocks: KnownBlock[] = [
    header(`:bar_chart: Compliance digest — ${formatPct(pct)}`),
    section(`*${formatPct(pct)}* of training jobs comply (pass / jobs) · ${trend}`),
    summaryFields(summary),
    context(`Scope: ${escapeWithin(view.scopeText, 400)} · generated ${slackDate(parseTime(view.generatedAt))} · schedule ${code(String(view.scheduleId), 20)}`),
    ...(view.notes && view.notes.length > 0 ? [context(view.notes.slice(0, 8).map((n) => `:information_source: ${escapeWithin(n, 600)}`).join('\n'))] : []),
    divider(),
    ...newFailureBlocks(view),
  ];
  const fixed = view.fixed.map((l) => `• ${jobLabel(l, [])}`);
  blocks.push(fixed.length > 0 ? listSection(`*:white_check_mark: Fixed* (${count(fixed.length)})`, fixed, fixed.length) : section('*Fixed*: none since the last digest'));

  const longest = view.longestFailing
    .map((l) => ({ line: l, rules: controlRules(l) }))
    .filter((l) => l.rules.length > 0)
    .map(({ line, rules }) => `• ${jobLabel(line, rules)} · failing since ${escapeWithin(line.failingSince, 40)}`);
  if (longest.length > 0) blocks.push(listSection(`*:hourglass: Longest failing*`, longest, longest.length));

  const unknowns = view.unknowns.map((u) => `• ${jobLabel(u, [])}: ${escapeWithin(u.reason, 200)}`);
  if (unknowns.length > 0) blocks.push(listSection(`*:grey_question: Unknown* (${count(unknowns.length)}) — evidence could not be read`, unknowns, unknowns.length));

  if (view.historicalDebt && view.historicalDebt.jobs > 0) {
    blocks.push(
      context(
        `:card_file_box: Historical debt: ${plural(view.historicalDebt.jobs, 'older job')} (created more than ${count(view.historicalDebt.olderThanDays)} days ago) ${view.historicalDebt.jobs === 1 ? 'was' : 'were'} non-compliant when a digest last judged ${view.historicalDebt.jobs === 1 ? 'it' : 'them'}; not counted above.`,
      ),
    );
  }
  if (view.fileName) blocks.push(context(`:page_facing_up: The full report is attached as CSV: ${code(view.fileName, 200)}`));

  const newCount = view.newFailures.filter((l) => controlRules(l).length > 0).length;
  const failures = view.previous ? plural(newCount, 'new failure') : `${count(newCount)} failing`;
  const text = `Compliance digest: ${formatPct(pct)} (${trend.replace(/<!date\^[^>]*\|([^>]*)>/g, '$1')}) — ${failures}, ${count(view.fixed.length)} fixed`;
  return fitMessage({ text, blocks }, { overflowHint: view.fileName ? 'see the attached report' : 'run `sagemaker-vpc check --all` for every job' });
}
