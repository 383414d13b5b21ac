/**
 * The result of `check --all`: the summary, the failing jobs grouped by rule and the unknown ones
 * with their reasons, one page at a time (Previous/Next buttons; the run is read back from the run
 * cache), each job with a Details button. The full list goes out as a CSV file beside it.
 * @module
 */
import type { Button, KnownBlock } from '@slack/types';
import { RULE_IDS, type AuditSummary, type CollectorError, type RuleId } from '../../audit/model.js';
import { code, escapeWithin } from '../escape.js';
import { ActionId, actionIdWithSuffix, encodeValue } from '../ids.js';
import { fitMessage } from '../limits.js';
import {
  actions,
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
import { ruleInfo, type RuleLookup } from './rule-info.js';

export interface FleetJobRef {
  account: string;
  region: string;
  job: string;
}

export interface FleetReportView {
  runId: string;
  /** e.g. "us-east-1 · last 30 days (use --since all for everything)". */
  scopeText: string;
  /** ISO 8601. */
  generatedAt: string;
  summary: AuditSummary;
  /** False when a listing failed or the run was cut short: some jobs may be missing. */
  complete: boolean;
  notes: string[];
  errors: CollectorError[];
  failing: Array<FleetJobRef & { rules: RuleId[] }>;
  unknown: Array<FleetJobRef & { reason: string }>;
  /** The CSV attached beside this message, when there is one. */
  fileName?: string;
}

/** Jobs (failing, then unknown) listed per page. */
export const FLEET_REPORT_PAGE_SIZE = 20;

type Item = { kind: 'fail'; ref: FleetJobRef; primary: RuleId | undefined; also: RuleId[] } | { kind: 'unknown'; ref: FleetJobRef; reason: string };

function ruleOrder(rule: RuleId): number {
  const i = RULE_IDS.indexOf(rule);
  return i < 0 ? RULE_IDS.length : i;
}

/** Every failing job once, under its first failing rule (registry order); then every unknown job. */
function items(view: FleetReportView): Item[] {
  const failing: Item[] = view.failing.map((f) => {
    const rules = [...new Set(f.rules)].sort((a, b) => ruleOrder(a) - ruleOrder(b));
    return { kind: 'fail', ref: f, primary: rules[0], also: rules.slice(1) };
  });
  failing.sort((a, b) => {
    const pa = a.kind === 'fail' && a.primary ? ruleOrder(a.primary) : RULE_IDS.length;
    const pb = b.kind === 'fail' && b.primary ? ruleOrder(b.primary) : RULE_IDS.length;
    return pa - pb || a.ref.account.localeCompare(b.ref.account) || a.ref.region.localeCompare(b.ref.region) || a.ref.job.localeCompare(b.ref.job);
  });
  return [...failing, ...view.unknown.map((u): Item => ({ kind: 'unknown', ref: u, reason: u.reason }))];
}

function detailsButton(runId: string, ref: FleetJobRef): Button | undefined {
  const value = encodeValue('fleetDetails', { run: runId, account: ref.account, region: ref.region, job: ref.job });
  return value.ok ? button({ text: 'Details', actionId: ActionId.fleetDetails, value: value.value }) : undefined;
}

function pageBlocks(view: FleetReportView, pageItems: Item[], firstIndex: number, all: Item[], lookup?: RuleLookup): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const perRule = new Map<string, number>();
  for (const f of view.failing) for (const rule of new Set(f.rules)) perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
  let group: string | undefined;
  pageItems.forEach((item, offset) => {
    const key = item.kind === 'fail' ? `fail:${item.primary ?? ''}` : 'unknown';
    if (key !== group) {
      group = key;
      const previous = all[firstIndex + offset - 1];
      const continued = previous !== undefined && (previous.kind === 'fail' ? `fail:${previous.primary ?? ''}` : 'unknown') === key ? ' (continued)' : '';
      if (item.kind === 'fail' && item.primary) {
        const info = ruleInfo(item.primary, lookup);
        blocks.push(section(`:x: *${escapeWithin(info.title, 120)}* ${code(item.primary)} — ${plural(perRule.get(item.primary) ?? 0, 'job')} ${perRule.get(item.primary) === 1 ? 'fails' : 'fail'} this rule${continued}`));
      } else if (item.kind === 'fail') {
        blocks.push(section(`:x: *Failing* — rule not recorded${continued}`));
      } else {
        blocks.push(section(`:grey_question: *Unknown* — ${plural(view.unknown.length, 'job')} could not be fully judged${continued}`));
      }
    }
    const also = item.kind === 'fail' && item.also.length > 0 ? `\nalso fails ${item.also.map((r) => code(r)).join(' ')}` : '';
    const reason = item.kind === 'unknown' ? `\n${escapeWithin(item.reason, 200)}` : '';
    blocks.push(section(`${jobRefLabel(item.ref)}${also}${reason}`, detailsButton(view.runId, item.ref)));
  });
  return blocks;
}

function pageButtons(runId: string, page: number, pages: number): Button[] {
  const out: Button[] = [];
  const to = (target: number, text: string, suffix: string) => {
    const value = encodeValue('fleetPage', { run: runId, page: target });
    if (value.ok) out.push(button({ text, actionId: actionIdWithSuffix(ActionId.fleetPage, suffix), value: value.value }));
  };
  if (page > 0) to(page - 1, '◀ Previous', 'prev');
  if (page < pages - 1) to(page + 1, 'Next ▶', 'next');
  return out;
}

function errorLine(error: CollectorError): string {
  const on = error.resource ? ` on ${code(error.resource, 80)}` : '';
  return `• ${code(error.operation, 80)} ${escapeWithin(error.code, 30)}${on}: ${escapeWithin(error.message, 200)}`;
}

/** Notes and errors of the run, escaped and truncated (AWS error text is untrusted). */
function runNotes(view: FleetReportView): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (!view.complete) blocks.push(context(':warning: The run did not complete: some jobs may be missing from these numbers.'));
  if (view.notes.length > 0) {
    const shown = view.notes.slice(0, 5).map((n) => `:information_source: ${escapeWithin(n, 300)}`);
    if (view.notes.length > 5) shown.push(`… and ${count(view.notes.length - 5)} more notes`);
    blocks.push(context(...shown));
  }
  if (view.errors.length > 0) {
    blocks.push(section(joinWithin([`*:warning: ${plural(view.errors.length, 'error')} while reading*`, ...view.errors.slice(0, 5).map(errorLine), ...(view.errors.length > 5 ? [`… and ${count(view.errors.length - 5)} more`] : [])])));
  }
  return blocks;
}

/**
 * One page (0-based; clamped) of a fleet run.
 * @example fleetReportMessage(view, 0)
 */
export function fleetReportMessage(view: FleetReportView, page = 0, options: { rules?: RuleLookup } = {}): MessageView {
  const pct = compliancePct(view.summary);
  const { summary } = view;
  const all = items(view);
  const pages = Math.max(1, Math.ceil(all.length / FLEET_REPORT_PAGE_SIZE));
  const current = Math.min(Math.max(0, Math.floor(Number.isFinite(page) ? page : 0)), pages - 1);
  const first = current * FLEET_REPORT_PAGE_SIZE;
  const pageItems = all.slice(first, first + FLEET_REPORT_PAGE_SIZE);

  const blocks: KnownBlock[] = [
    header(`:bar_chart: Fleet audit — ${formatPct(pct)} compliant`),
    summaryFields(summary, formatPct(pct)),
    context(`Scope: ${escapeWithin(view.scopeText, 400)} · generated ${slackDate(parseTime(view.generatedAt))}`),
    ...runNotes(view),
  ];
  if (all.length === 0) blocks.push(section(summary.jobs > 0 ? ':tada: No failing or unknown jobs.' : 'No training jobs in this scope.'));
  else blocks.push(divider(), ...pageBlocks(view, pageItems, first, all, options.rules));
  if (pages > 1) {
    blocks.push(context(`Page ${count(current + 1)} of ${count(pages)} · jobs ${count(first + 1)}–${count(first + pageItems.length)} of ${count(all.length)} listed`));
  }
  if (view.fileName) blocks.push(context(`:page_facing_up: The full report is attached as CSV: ${code(view.fileName, 200)}`));
  blocks.push(...actions(pageButtons(view.runId, current, pages)));

  const text = `Fleet audit: ${count(summary.jobs)} jobs — ${count(summary.pass)} pass, ${count(summary.fail)} fail, ${count(summary.unknown)} unknown (${formatPct(pct)} compliant)`;
  return fitMessage({ text, blocks }, { overflowHint: view.fileName ? 'see the attached report' : 'run `sagemaker-vpc check --all --json` for every job' });
}

/** A paging or Details click on a run that is no longer cached. */
export function expiredRunMessage(runId: string): MessageView {
  const value = encodeValue('rerun', { run: runId });
  return fitMessage({
    text: 'These fleet results have expired. Run the audit again for fresh ones.',
    blocks: [
      section(':hourglass: These fleet results have expired (runs are kept for a while only). Run the audit again for fresh results.'),
      ...actions([value.ok ? button({ text: 'Run it again', actionId: ActionId.rerunFleet, value: value.value, style: 'primary' }) : undefined]),
    ],
  });
}
