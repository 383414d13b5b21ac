/**
 * Remediation and backout for one job: in a modal ("Show remediation": a loading view right after
 * the click, then `views.update` with the snippets) or as thread messages when there is no
 * trigger to open a modal with. Snippets go in `rich_text_preformatted` blocks — literal text, so
 * nothing in them needs escaping — with Steps and Backout kept apart.
 * @module
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { Finding, JobReport, Snippet, SnippetKind } from '../../audit/model.js';
import { code, escapeWithin } from '../escape.js';
import { fitMessage, fitView, LIMITS, overflowBlock, textSize, type FitOptions } from '../limits.js';
import { context, header, plain, preformatted, section, STATUS_EMOJI, type MessageView } from './blocks.js';
import { isOpen, sortFindings } from './job-report-parts.js';
import { ruleInfo, type RuleLookup } from './rule-info.js';

const LANGUAGE: Record<SnippetKind, string | undefined> = {
  'aws-cli': 'bash',
  'python-sdk': 'python',
  boto3: 'python',
  'iam-policy': 'json',
  json: 'json',
  text: undefined,
};

/** Snippets longer than this are cut with a pointer to the CLI, which prints them whole. */
const SNIPPET_MAX = 2800;
const MODAL_TITLE = 'Remediation';

export function remediateCommand(report: JobReport): string {
  return `sagemaker-vpc remediate ${report.name} --region ${report.region}`;
}

function snippetText(snippet: Snippet, report: JobReport): string {
  if (snippet.code.length <= SNIPPET_MAX) return snippet.code;
  // Cut at a line break when there is one near the end, so the last line shown is whole.
  const cut = snippet.code.lastIndexOf('\n', SNIPPET_MAX);
  const kept = snippet.code.slice(0, cut > SNIPPET_MAX / 2 ? cut : SNIPPET_MAX);
  return `${kept}\n# … ${snippet.code.length - kept.length} more characters: run \`${remediateCommand(report)}\` for the full snippet`;
}

function snippetBlocks(snippet: Snippet, index: number, report: JobReport): KnownBlock[] {
  const label = [`*${index}. ${escapeWithin(snippet.title, 200)}*`, escapeWithin(snippet.kind, 20)];
  if (snippet.irreversible) label.push(':warning: *irreversible*');
  const needs = (snippet.permissions ?? []).slice(0, 12).map((p) => code(p, 80));
  const labelText = needs.length > 0 ? `${label.join(' · ')}\nneeds ${needs.join(' ')}` : label.join(' · ');
  return [section(labelText), preformatted(snippetText(snippet, report), LANGUAGE[snippet.kind])];
}

/**
 * One group per finding and per snippet, so packing never separates a label from its code:
 * `[finding header + message], [Steps], [1. label, code], …, [Backout], …`.
 */
export function remediationGroups(report: JobReport, lookup?: RuleLookup): KnownBlock[][] {
  const groups: KnownBlock[][] = [];
  const open = sortFindings(report.findings).filter(isOpen);
  for (const finding of open) groups.push(...findingGroups(finding, report, lookup));
  return groups;
}

function findingGroups(finding: Finding, report: JobReport, lookup?: RuleLookup): KnownBlock[][] {
  const info = ruleInfo(finding.rule, lookup);
  const groups: KnownBlock[][] = [
    [
      header(`${STATUS_EMOJI[finding.status]} ${finding.status.toUpperCase()} · ${info.title}`),
      section(`${code(finding.rule)} · ${finding.severity}\n${escapeWithin(finding.message, 1500)}`),
    ],
  ];
  const steps = finding.remediation?.steps ?? [];
  const backout = finding.remediation?.backout ?? [];
  if (steps.length === 0 && backout.length === 0) {
    groups.push([context(`No snippets are attached to this finding here; ${code(remediateCommand(report), 200)} prints the full remediation.`)]);
    return groups;
  }
  if (steps.length > 0) {
    groups.push([section('*Steps*')]);
    steps.forEach((s, i) => groups.push(snippetBlocks(s, i + 1, report)));
  }
  if (backout.length > 0) {
    groups.push([section('*Backout*')]);
    backout.forEach((s, i) => groups.push(snippetBlocks(s, i + 1, report)));
  }
  return groups;
}

function intro(report: JobReport): KnownBlock[] {
  const subject = report.preflight ? `the proposed VpcConfig in ${code(report.region, 40)}` : `${code(report.name, 200)} in ${code(report.region, 40)}`;
  return [
    section(`Remediation and backout for ${subject}.`),
    context(
      'A training job’s network settings cannot be changed after creation: fix what launches it first, then clone the job only if you need its result again. Every step comes with its backout.',
    ),
  ];
}

/** Adds whole groups while they fit in `maxBlocks`; what does not fit becomes one overflow line. */
function pack(groups: readonly KnownBlock[][], maxBlocks: number, hint: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const [i, group] of groups.entries()) {
    if (blocks.length + group.length > maxBlocks - 1) return [...blocks, overflowBlock(groups.length - i, hint)];
    blocks.push(...group);
  }
  return blocks;
}

/** A modal under the one title, so `views.update` visibly replaces the loading view. */
function modal(blocks: KnownBlock[], options?: FitOptions): ModalView {
  return fitView({ type: 'modal', title: plain(MODAL_TITLE, LIMITS.modalTitle), close: plain('Close', LIMITS.modalClose), blocks }, options);
}

function everythingHint(report: JobReport): string {
  return `run ${code(remediateCommand(report), 200)} for everything`;
}

/**
 * The modal "Show remediation" fills in: per non-passing finding its message, Steps and Backout.
 * At most 100 blocks; beyond that, a pointer to `sagemaker-vpc remediate <job>`.
 */
export function remediationModal(report: JobReport, options: { rules?: RuleLookup } = {}): ModalView {
  const groups = remediationGroups(report, options.rules);
  const head = intro(report);
  const hint = everythingHint(report);
  const body =
    groups.length === 0
      ? [section(':white_check_mark: Nothing to remediate: every rule passes or is skipped.')]
      : pack(groups, LIMITS.viewBlocks - head.length, hint);
  return modal([...head, ...body], { overflowHint: hint });
}

/** Shown the moment "Show remediation" is clicked (the trigger expires in 3 s); replaced by `views.update`. */
export function loadingModal(jobName: string): ModalView {
  return modal([
    section(`:hourglass_flowing_sand: Building remediation and backout for ${code(jobName, 200)}…`),
    context('This takes a few seconds: the clone payload is read from SageMaker, with secrets redacted.'),
  ]);
}

/**
 * The modal when the remediation could not be built (job gone, access denied…): the blocks of an
 * `errorMessage`, which are already safe, under the same title so `views.update` replaces the loading view.
 * Buttons stay behind: a "Try again" in a modal has no message to replace.
 */
export function remediationErrorModal(message: MessageView): ModalView {
  return modal(message.blocks.filter((block) => block.type !== 'actions'));
}

/**
 * The same content as thread messages, for when no trigger is available (e.g. a Home or digest
 * click after the trigger expired): as many messages as needed, each within 50 blocks and the text
 * budget, numbered "1/3".
 */
export function remediationThreadMessages(report: JobReport, options: { rules?: RuleLookup } = {}): MessageView[] {
  const groups = remediationGroups(report, options.rules);
  const subject = report.preflight ? `the proposed VpcConfig in ${escapeWithin(report.region, 40)}` : escapeWithin(report.name, 200);
  if (groups.length === 0) {
    return [fitMessage({ text: `Nothing to remediate for ${subject}`, blocks: [section(`:white_check_mark: Nothing to remediate for ${code(report.name, 200)}: every rule passes or is skipped.`)] })];
  }
  const pages: KnownBlock[][] = [];
  let current: KnownBlock[] = [...intro(report)];
  let size = textSize(current);
  const budget = LIMITS.messageTextBudget - 200;
  for (const group of groups) {
    const groupSize = textSize(group);
    if (current.length > 0 && (current.length + group.length > LIMITS.messageBlocks || size + groupSize > budget)) {
      pages.push(current);
      current = [];
      size = 0;
    }
    current.push(...group);
    size += groupSize;
  }
  pages.push(current);
  const hint = everythingHint(report);
  return pages.map((blocks, i) =>
    fitMessage({ text: `Remediation for ${subject} (${i + 1}/${pages.length})`, blocks }, { overflowHint: hint }),
  );
}
