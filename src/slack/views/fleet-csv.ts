/**
 * The fleet report as CSV (RFC 4180), one row per job, written as jobs are judged. Cells that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) get a leading `'`: job
 * names, tags and AWS messages are untrusted, and the file is opened by people in Excel.
 * Neither constant nor rows carry a line ending: join them with `CSV_EOL`.
 * @module
 */
import type { JobReport } from '../../audit/model.js';

export const CSV_COLUMNS = [
  'account',
  'region',
  'job',
  'training_status',
  'verdict',
  'vpc_id',
  'subnets',
  'security_groups',
  'failing_rules',
  'unknown_rules',
  'messages',
] as const;

/** RFC 4180 line ending. */
export const CSV_EOL = '\r\n';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-neutralised, then quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = CSV_COLUMNS.map(csvCell).join(',');

/**
 * One job as a CSV row (no line ending). Lists are space-separated; `messages` holds every
 * non-passing finding as `rule: message`, separated by ` | `.
 */
export function csvRow(report: JobReport): string {
  const failing = report.findings.filter((f) => f.status === 'fail').map((f) => f.rule);
  const unknown = report.findings.filter((f) => f.status === 'unknown').map((f) => f.rule);
  const messages = report.findings
    .filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'warn')
    .map((f) => `${f.rule} (${f.status}): ${f.message}`);
  const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
    account: report.account,
    region: report.region,
    job: report.name,
    training_status: report.trainingStatus ?? '',
    verdict: report.verdict,
    vpc_id: report.vpc?.vpcId ?? '',
    subnets: (report.vpc?.subnets ?? []).join(' '),
    security_groups: (report.vpc?.securityGroups ?? []).join(' '),
    failing_rules: failing.join(' '),
    unknown_rules: unknown.join(' '),
    messages: messages.join(' | '),
  };
  return CSV_COLUMNS.map((column) => csvCell(cells[column])).join(',');
}
