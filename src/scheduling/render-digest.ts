/**
 * A computed digest as Slack sees it (the pure view `digestMessage`, with notes on how to read it:
 * catch-up, incomplete audit, jobs that left scope, how much of the historical debt is known) and
 * as the CLI's dry run prints it (plain text).
 * @module
 */
import { compliancePct, formatPct, parseTime, utcLabel, type MessageView } from '../slack/views/blocks.js';
import { digestMessage, type DigestView } from '../slack/views/digest-message.js';
import type { DigestReport } from './build-digest.js';
import type { DigestJobLine } from './digest-diff.js';

const day = (iso: string) => iso.slice(0, 10);
const utc = (iso: string) => utcLabel(parseTime(iso));

export function toDigestView(report: DigestReport, fileName?: string): DigestView {
  const view: DigestView = {
    scheduleId: report.scheduleId,
    scopeText: report.scopeText,
    generatedAt: report.generatedAt,
    summary: report.summary,
    newFailures: report.newFailures,
    fixed: report.fixed,
    longestFailing: report.longestFailing.map((l) => ({ ...l, failingSince: day(l.failingSince) })),
    unknowns: report.unknowns,
  };
  if (report.previous?.compliancePct !== undefined) view.previous = { compliancePct: report.previous.compliancePct, generatedAt: report.previous.generatedAt };
  if (report.historicalDebt && report.historicalDebt.failing > 0) {
    view.historicalDebt = { jobs: report.historicalDebt.failing, olderThanDays: report.historicalDebt.olderThanDays };
  }
  if (fileName) view.fileName = fileName;
  return view;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Plain sentences (unescaped) about how to read this digest. */
export function digestNotes(report: DigestReport): string[] {
  const notes: string[] = [];
  if (report.firstDigest) notes.push('First digest of this schedule: nothing to compare with yet, so failing jobs are listed as failing now.');
  if (report.missedTicks > 0) {
    notes.push(`Catch-up: ${plural(report.missedTicks, 'scheduled digest was', 'scheduled digests were')} missed while the bot was not running; this one ${report.missedTicks === 1 ? 'stands in for it' : 'covers them'}.`);
  }
  if (!report.complete) {
    const what = report.errors.slice(0, 3).map((e) => `${e.operation} (${e.code})`).join(', ');
    notes.push(`The audit did not complete${what ? ` — ${what}` : ''}: some jobs may be missing, so none is counted as having left scope.`);
  }
  if (report.previous && report.previous.compliancePct === undefined) notes.push('The previous digest had no jobs in scope.');
  if (report.leftScope !== undefined && report.leftScope > 0) {
    notes.push(`${plural(report.leftScope, 'job')} from the previous digest left scope (older than the window, or no longer listed): neither new nor fixed.`);
  }
  const debt = report.historicalDebt;
  if (debt) {
    const older = `jobs created more than ${debt.olderThanDays} days ago`;
    if (debt.known === 0) notes.push(`Historical debt (${older}) is not known: no digest has judged any of them yet.`);
    else if (debt.failing > 0) notes.push(`Historical debt is each older job's verdict when a digest last judged it${debt.oldestCheck ? ` (oldest ${utc(debt.oldestCheck)})` : ''}; older jobs no digest has seen are not counted.`);
    else notes.push(`No known historical debt: none of the ${debt.known} ${older} judged by earlier digests was failing then.`);
  }
  notes.push(...report.notes);
  return notes;
}

/** The Slack message: the pure view, with the notes on how to read it. */
export function renderDigestMessage(report: DigestReport, fileName?: string): MessageView {
  const notes = digestNotes(report);
  return digestMessage({ ...toDigestView(report, fileName), ...(notes.length > 0 ? { notes } : {}) });
}

function trend(report: DigestReport): string {
  const pct = compliancePct(report.summary);
  const prev = report.previous;
  if (!prev || prev.compliancePct === undefined) return 'first digest — nothing to compare with yet';
  if (pct === undefined) return `no jobs in scope now (was ${formatPct(prev.compliancePct)})`;
  const delta = Math.round((pct - prev.compliancePct) * 10) / 10;
  const since = `since ${utc(prev.generatedAt)}`;
  return delta === 0 ? `no change ${since}` : `${delta > 0 ? '▲' : '▼'} ${Math.abs(delta).toFixed(1)} points ${since}`;
}

function lines<T extends DigestJobLine>(title: string, items: T[], extra: (item: T) => string, max = 50): string[] {
  if (items.length === 0) return [];
  const out = [`${title} (${items.length}):`];
  for (const item of items.slice(0, max)) out.push(`  ${item.job}  ${item.region}  ${item.account}${extra(item)}`);
  if (items.length > max) out.push(`  … and ${items.length - max} more`);
  return out;
}

/** The digest as plain text, for `sagemaker-vpc digest --dry-run`. */
export function renderDigestText(report: DigestReport): string {
  const pct = compliancePct(report.summary);
  const { jobs, pass, fail, unknown } = report.summary;
  const rules = (l: DigestJobLine) => (l.rules.length > 0 ? `  ${l.rules.join(' ')}` : '');
  const out = [
    `Compliance digest — ${formatPct(pct)} (${trend(report)})`,
    `Scope: ${report.scopeText} · network as of ${utc(report.generatedAt)} · schedule ${report.scheduleId}`,
    `Jobs ${jobs} · pass ${pass} · fail ${fail} · unknown ${unknown}`,
    '',
    ...(report.newFailures.length === 0 ? ['New failures: none'] : lines('New failures', report.newFailures, rules)),
    ...(report.fixed.length === 0 ? ['Fixed: none since the last digest'] : lines('Fixed', report.fixed, () => '')),
    ...lines('Longest failing', report.longestFailing, (l) => `${rules(l)}  failing since ${day(l.failingSince)}`),
    ...lines('Unknown', report.unknowns, (l) => `: ${l.reason}`),
  ];
  const debt = report.historicalDebt;
  if (debt && debt.failing > 0) out.push(`Historical debt: ${plural(debt.failing, 'older job')} (created more than ${debt.olderThanDays} days ago) failing when last judged, not counted above.`);
  const notes = digestNotes(report);
  if (notes.length > 0) out.push('', 'Notes:', ...notes.map((n) => `  - ${n}`));
  return out.join('\n');
}
