/**
 * The answer to `/sagemaker-vpc check <job>` (and to its Recheck button): verdict, where the job
 * runs, what its network looks like *now*, every finding, and the buttons to recheck, see the
 * remediation and open the job in the AWS console. A preflight (`check-network`) report gets a
 * "Check again" button instead.
 * @module
 */
import type { Button, KnownBlock } from '@slack/types';
import type { JobReport, Verdict } from '../../audit/model.js';
import { code, escapeWithin } from '../escape.js';
import { ActionId, encodeValue, REGION_PATTERN, USER_ID_PATTERN } from '../ids.js';
import { fitMessage, LIMITS, textSize } from '../limits.js';
import {
  actions,
  button,
  context,
  divider,
  fields,
  header,
  parseTime,
  slackDate,
  VERDICT_EMOJI,
  type MessageView,
} from './blocks.js';
import { findingBlocks, findingBudget, isOpen, networkBlocks, settledBlocks, sortFindings } from './job-report-parts.js';
import type { RuleLookup } from './rule-info.js';

export interface RecheckInfo {
  /** The clicking user's id from the payload (`U…`/`W…`); anything else is not mentioned. */
  by: string;
  at: Date;
  previousVerdict?: Verdict;
}

/** The preflight request behind a `report.preflight`, so "Check again" repeats exactly it. */
export interface PreflightFlags {
  instances: number;
  interContainerEncryption: boolean;
  networkIsolation: boolean;
}

export interface JobReportOptions {
  recheck?: RecheckInfo;
  /** For preflight reports; without it the flags are inferred from the findings (see `inferPreflightFlags`). */
  preflight?: PreflightFlags;
  rules?: RuleLookup;
}

/** `https://<region>.console.aws.amazon.com/sagemaker/home?region=<region>#/jobs/<job>`, or nothing for an odd region. */
export function consoleUrl(region: string, job: string): string | undefined {
  if (!REGION_PATTERN.test(region) || job === '') return undefined;
  return `https://${region}.console.aws.amazon.com/sagemaker/home?region=${region}#/jobs/${encodeURIComponent(job)}`;
}

/**
 * Best effort when the caller did not pass the flags: isolation from `network-isolation`, and
 * "multi-instance" from `inter-container-encryption` not being skipped. The exact count only matters
 * for the free-IP note, so 2 stands for "more than one".
 */
export function inferPreflightFlags(report: JobReport): PreflightFlags {
  const status = (rule: string) => report.findings.find((f) => f.rule === rule)?.status;
  const ice = status('inter-container-encryption');
  const multi = ice === 'pass' || ice === 'warn';
  return { instances: multi ? 2 : 1, interContainerEncryption: ice === 'pass', networkIsolation: status('network-isolation') === 'pass' };
}

function recheckLine(recheck: RecheckInfo, verdict: Verdict): string {
  const who = USER_ID_PATTERN.test(recheck.by) ? `<@${recheck.by}>` : 'someone';
  const change = recheck.previousVerdict
    ? recheck.previousVerdict === verdict
      ? `still ${verdict.toUpperCase()}`
      : `was ${recheck.previousVerdict.toUpperCase()}, now ${verdict.toUpperCase()}`
    : `now ${verdict.toUpperCase()}`;
  return `:arrows_counterclockwise: Rechecked by ${who} at ${slackDate(recheck.at)} — ${change}`;
}

function summaryFields(report: JobReport): string[] {
  const vpc = report.vpc ? (report.vpc.vpcId ? code(report.vpc.vpcId, 60) : 'unknown (subnets unreadable)') : 'none (no VpcConfig)';
  if (report.preflight) {
    return [
      '*Check*\nPreflight of a proposed VpcConfig',
      `*Account*\n${report.account ? code(report.account, 40) : 'from the credentials in use'}`,
      `*Region*\n${code(report.region, 40)}`,
      `*VPC* (derived from the subnets)\n${vpc}`,
    ];
  }
  return [
    `*Job*\n${code(report.name, 200)}`,
    `*Account*\n${report.account ? code(report.account, 40) : 'unknown'}`,
    `*Region*\n${code(report.region, 40)}`,
    `*Training status*\n${report.trainingStatus ? escapeWithin(report.trainingStatus, 40) : 'unknown'}`,
    `*VPC* (derived from the subnets)\n${vpc}`,
  ];
}

function jobButtons(report: JobReport): Button[] {
  const ref = encodeValue('job', { account: report.account, region: report.region, job: report.name });
  const out: Button[] = [];
  if (ref.ok) {
    out.push(button({ text: 'Recheck', actionId: ActionId.recheckJob, value: ref.value }));
    const remediable = report.findings.some((f) => f.status === 'fail' || f.status === 'warn' || (f.remediation?.steps.length ?? 0) > 0);
    if (remediable) out.push(button({ text: 'Show remediation', actionId: ActionId.showRemediation, value: ref.value }));
  }
  const url = consoleUrl(report.region, report.name);
  if (url) out.push(button({ text: 'Open in AWS console', actionId: ActionId.openConsole, url, ...(ref.ok ? { value: ref.value } : {}) }));
  return out;
}

function preflightButtons(report: JobReport, flags: PreflightFlags): Button[] {
  const value = encodeValue('preflight', {
    region: report.region,
    subnets: report.vpc?.subnets ?? [],
    sgs: report.vpc?.securityGroups ?? [],
    instances: flags.instances,
    ice: flags.interContainerEncryption,
    iso: flags.networkIsolation,
  });
  return value.ok ? [button({ text: 'Check again', actionId: ActionId.checkNetworkAgain, value: value.value })] : [];
}

function fallbackText(report: JobReport, recheck?: RecheckInfo): string {
  const failing = report.findings.filter((f) => f.status === 'fail').length;
  const unknown = report.findings.filter((f) => f.status === 'unknown').length;
  const subject = report.preflight ? `network preflight in ${escapeWithin(report.region, 40)}` : `${escapeWithin(report.name, 200)} in ${escapeWithin(report.region, 40)}`;
  const prefix = recheck?.previousVerdict && recheck.previousVerdict !== report.verdict ? `Rechecked (was ${recheck.previousVerdict.toUpperCase()}): ` : recheck ? 'Rechecked: ' : '';
  return `${prefix}${report.verdict.toUpperCase()} — ${subject}: ${failing} failing, ${unknown} unknown`;
}

/**
 * Renders one job report as a chat message.
 * @example jobReportMessage(report, { recheck: { by: body.user.id, at: now, previousVerdict: 'fail' } })
 */
export function jobReportMessage(report: JobReport, options: JobReportOptions = {}): MessageView {
  const title = report.preflight ? `network preflight (${report.region})` : report.name;
  const top: KnownBlock[] = [header(`${VERDICT_EMOJI[report.verdict]} ${report.verdict.toUpperCase()} — ${title}`)];
  if (options.recheck) top.push(context(recheckLine(options.recheck, report.verdict)));
  top.push(fields(summaryFields(report)));
  top.push(context(`Network as of ${slackDate(parseTime(report.networkAsOf))} — routes and security groups are judged as they are now, not as they were when the job ran.`));
  top.push(...networkBlocks(report), divider());

  const sorted = sortFindings(report.findings);
  const open = sorted.filter(isOpen);
  const settled = settledBlocks(sorted);
  const buttons = report.preflight ? preflightButtons(report, options.preflight ?? inferPreflightFlags(report)) : jobButtons(report);
  const bottom: KnownBlock[] = [...settled, ...actions(buttons)];

  // Share what is left of the text budget between the findings; shrink and re-render if the
  // estimate was generous, so every finding keeps its line instead of the last ones being dropped.
  const fixed = textSize(top) + textSize(bottom) + 200;
  let room = LIMITS.messageTextBudget - fixed;
  let findings: KnownBlock[] = [];
  for (let attempt = 0; attempt < 4; attempt += 1) {
    findings = open.flatMap((f) => findingBlocks(f, findingBudget(room, open.length), options.rules));
    const over = fixed + textSize(findings) - LIMITS.messageTextBudget;
    if (over <= 0) break;
    room -= over;
  }
  if (open.length === 0) findings.push(context(':tada: Every rule passes or is skipped.'));

  const hint = report.preflight
    ? 'run `sagemaker-vpc check-network` for the full report'
    : `run ${code(`sagemaker-vpc check ${report.name} --region ${report.region}`, 200)} for the full report`;
  return fitMessage({ text: fallbackText(report, options.recheck), blocks: [...top, ...findings, ...bottom] }, { overflowHint: hint });
}
