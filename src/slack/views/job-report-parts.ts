/**
 * The pieces of a job report message: the network (subnets public/private/unknown with their
 * route table, security groups open/restricted/unknown) and the findings (non-passing ones one by
 * one, sorted by status then severity; passing and skipped ones folded into one line).
 * @module
 */
import type { KnownBlock } from '@slack/types';
import type { Finding, JobReport, SecurityGroupView, SubnetView } from '../../audit/model.js';
import { code, escapeWithin } from '../escape.js';
import { LIMITS } from '../limits.js';
import { context, joinWithin, section, SEVERITY_ORDER, STATUS_EMOJI, STATUS_ORDER } from './blocks.js';
import { complianceLine, ruleInfo, type RuleLookup } from './rule-info.js';

const SUBNET_MARK: Record<SubnetView['classification'], string> = {
  public: ':red_circle: public',
  private: ':large_green_circle: private',
  unknown: ':grey_question: unknown',
};
const GROUP_MARK: Record<SecurityGroupView['classification'], string> = {
  open: ':red_circle: open to a public range',
  restricted: ':large_green_circle: restricted',
  unknown: ':grey_question: unknown',
};

export function subnetLine(view: SubnetView): string {
  const parts = [`• ${code(view.id, 40)} ${SUBNET_MARK[view.classification]}`];
  if (view.routeTableId) parts.push(`route table ${code(view.routeTableId, 40)}${view.viaMainTable ? ' (main table)' : ''}`);
  if (view.defaultRouteTarget) parts.push(`default route ${code(view.defaultRouteTarget, 60)}`);
  const line = parts.join(' · ');
  // 16 subnets must fit one 3000-character section.
  return view.reason ? `${line} — ${escapeWithin(view.reason, 60)}` : line;
}

export function groupLine(view: SecurityGroupView): string {
  const name = view.name ? ` ${code(view.name, 60)}` : '';
  const line = `• ${code(view.id, 40)}${name} ${GROUP_MARK[view.classification]}`;
  return view.reason ? `${line} — ${escapeWithin(view.reason, 200)}` : line;
}

/** Subnet and security-group sections; a single context line for a job without VpcConfig. */
export function networkBlocks(report: JobReport): KnownBlock[] {
  if (!report.vpc) return [context(':no_entry: No VpcConfig: the job does not run in any VPC.')];
  const subnetLines =
    report.subnetViews && report.subnetViews.length > 0
      ? report.subnetViews.map(subnetLine)
      : report.vpc.subnets.map((id) => `• ${code(id, 40)} not classified`);
  const groupLines =
    report.securityGroupViews && report.securityGroupViews.length > 0
      ? report.securityGroupViews.map(groupLine)
      : report.vpc.securityGroups.map((id) => `• ${code(id, 40)} not classified`);
  const blocks: KnownBlock[] = [];
  blocks.push(section(joinWithin([`*Subnets* (${subnetLines.length})`, ...(subnetLines.length > 0 ? subnetLines : ['none listed'])])));
  blocks.push(section(joinWithin([`*Security groups* (${groupLines.length})`, ...(groupLines.length > 0 ? groupLines : ['none listed'])])));
  return blocks;
}

/** Non-passing findings first: fail, unknown, warn; within a status, the most severe first. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
}

export function isOpen(finding: Finding): boolean {
  return finding.status === 'fail' || finding.status === 'unknown' || finding.status === 'warn';
}

export interface FindingBudget {
  /** Characters for the message of one finding. */
  message: number;
  /** Notes shown per finding (the rest are counted). */
  notes: number;
  /** Characters for each note. */
  note: number;
}

/** Markup around one finding's message and notes: status line, rule id, kind and mappings. */
const FINDING_OVERHEAD = 260;

/** Splits `room` characters fairly between findings: long AWS messages must not crowd out the rest. */
export function findingBudget(room: number, count: number): FindingBudget {
  const per = Math.max(0, Math.floor(Math.max(0, room) / Math.max(1, count)) - FINDING_OVERHEAD);
  const message = Math.min(2500, Math.max(160, Math.floor(per * 0.65)));
  const notesRoom = Math.max(0, per - message);
  const notes = Math.min(LIMITS.contextElements - 2, Math.max(1, Math.floor(notesRoom / 100)));
  return { message, notes, note: Math.min(600, Math.max(60, Math.floor(notesRoom / notes) - 25)) };
}

/** One non-passing finding: a section (status, rule, severity, message) and a context (kind, mappings, notes). */
export function findingBlocks(finding: Finding, budget: FindingBudget, lookup?: RuleLookup): KnownBlock[] {
  const info = ruleInfo(finding.rule, lookup);
  const head = `${STATUS_EMOJI[finding.status]} *${finding.status.toUpperCase()}* · *${escapeWithin(info.title, 120)}* ${code(finding.rule)} · ${finding.severity}`;
  const meta = [info.kind === 'advisory' ? '_advisory: never changes the verdict_' : '_control_', info.compliance.length > 0 ? escapeWithin(complianceLine(info.compliance), 300) : undefined]
    .filter((part): part is string => part !== undefined)
    .join(' · ');
  const all = finding.notes ?? [];
  const notes = all.slice(0, budget.notes).map((note) => `:information_source: ${escapeWithin(note, budget.note)}`);
  if (all.length > notes.length) notes.push(`+${all.length - notes.length} more notes`);
  const suppressed = finding.suppressed
    ? [`:zipper_mouth_face: suppressed by ${escapeWithin(finding.suppressed.by, 80)}${finding.suppressed.until ? ` until ${escapeWithin(finding.suppressed.until, 40)}` : ''}: ${escapeWithin(finding.suppressed.reason, 200)}`]
    : [];
  return [section(`${head}\n${escapeWithin(finding.message, budget.message)}`), context(meta, ...notes, ...suppressed)];
}

/** Passing and skipped rules on one line, plus any notes they carry (trust notes are shown, never judged). */
export function settledBlocks(findings: readonly Finding[], noteMax = 300): KnownBlock[] {
  const passed = findings.filter((f) => f.status === 'pass').map((f) => code(f.rule));
  const skipped = findings.filter((f) => f.status === 'skip').map((f) => code(f.rule));
  const parts = [
    passed.length > 0 ? `${STATUS_EMOJI.pass} Passed: ${passed.join(' ')}` : undefined,
    skipped.length > 0 ? `${STATUS_EMOJI.skip} Skipped: ${skipped.join(' ')}` : undefined,
  ].filter((p): p is string => p !== undefined);
  const blocks: KnownBlock[] = parts.length > 0 ? [context(parts.join('   '))] : [];
  const notes = findings
    .filter((f) => !isOpen(f))
    .flatMap((f) => (f.notes ?? []).map((note) => `:information_source: ${escapeWithin(note, noteMax)} (${code(f.rule)})`));
  if (notes.length > 0) blocks.push(section(joinWithin(['*Notes*', ...notes])));
  return blocks;
}
