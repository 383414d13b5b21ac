/**
 * Human-readable output: a job's findings, a fleet table row, remediation blocks, the rule list.
 * Plain text (no colour codes unless the stream is a TTY) so it pastes cleanly into tickets.
 * @module
 */
import { isControlRule, type Finding, type JobReport, type RuleMetadata, type Snippet, type Status } from '../../audit/model.js';

const MARK: Record<Status, string> = { pass: '✓', fail: '✗', warn: '!', unknown: '?', skip: '-' };

export function verdictLabel(verdict: JobReport['verdict']): string {
  return verdict.toUpperCase();
}

function subnetsLine(report: JobReport): string {
  const views = report.subnetViews ?? [];
  if (views.length === 0) return (report.vpc?.subnets ?? []).join(', ') || '—';
  return views
    .map((s) => `${s.id} (${s.classification}${s.routeTableId ? `, ${s.routeTableId}${s.viaMainTable ? ' main' : ''}` : ''})`)
    .join(', ');
}

function groupsLine(report: JobReport): string {
  const views = report.securityGroupViews ?? [];
  if (views.length === 0) return (report.vpc?.securityGroups ?? []).join(', ') || '—';
  return views.map((g) => `${g.id}${g.name ? ` "${g.name}"` : ''} (${g.classification})`).join(', ');
}

export function formatFinding(finding: Finding): string {
  const head = `  ${MARK[finding.status]} ${finding.status.padEnd(7)} ${finding.severity.padEnd(8)} ${finding.rule.padEnd(31)} ${finding.message}`;
  const notes = (finding.notes ?? []).map((n) => `${' '.repeat(52)}note: ${n}`);
  return [head, ...notes].join('\n');
}

export function formatJobReport(report: JobReport): string {
  const lines = [
    `${verdictLabel(report.verdict)}  ${report.name}  (${[report.account, report.region, report.trainingStatus].filter(Boolean).join(', ')})${report.preflight ? '  [preflight]' : ''}`,
  ];
  if (report.vpc) {
    lines.push(`  VPC ${report.vpc.vpcId ?? 'unknown'}`);
    lines.push(`  subnets: ${subnetsLine(report)}`);
    lines.push(`  security groups: ${groupsLine(report)}`);
  } else {
    lines.push('  no VpcConfig: the job ran outside any VPC');
  }
  lines.push(`  network as of ${report.networkAsOf}`, '');
  for (const finding of report.findings) lines.push(formatFinding(finding));
  return lines.join('\n');
}

/** One row of the fleet table: verdict, job, region, VPC, failing rules. */
export function formatFleetRow(report: JobReport): string {
  // Only what decides the verdict: control-rule fails and unknowns (advisories never change it).
  const failing = report.findings
    .filter((f) => f.status === 'fail' || (f.status === 'unknown' && isControlRule(f.rule)))
    .map((f) => (f.status === 'unknown' ? `${f.rule}?` : f.rule))
    .join(', ');
  return `${verdictLabel(report.verdict).padEnd(8)} ${report.name.padEnd(40)} ${report.region.padEnd(15)} ${(report.vpc?.vpcId ?? (report.vpc ? 'unknown' : 'no VPC')).padEnd(22)} ${failing || '—'}`;
}

export const FLEET_HEADER = `${'VERDICT'.padEnd(8)} ${'JOB'.padEnd(40)} ${'REGION'.padEnd(15)} ${'VPC'.padEnd(22)} FAILING RULES`;

export function formatSnippet(snippet: Snippet, index: number): string {
  const lines = [`  ${index}. ${snippet.title}${snippet.irreversible ? '  [irreversible]' : ''}  (${snippet.kind})`];
  if (snippet.permissions && snippet.permissions.length > 0) lines.push(`     needs: ${snippet.permissions.join(', ')}`);
  lines.push('', ...snippet.code.split('\n').map((l) => `     ${l}`), '');
  return lines.join('\n');
}

export function formatRemediation(report: JobReport): string {
  const sections: string[] = [];
  for (const finding of report.findings) {
    if (!finding.remediation) continue;
    sections.push(`── ${finding.rule} (${finding.status}, ${finding.severity}) ──`, `  ${finding.message}`, '', ' Steps:');
    finding.remediation.steps.forEach((s, i) => sections.push(formatSnippet(s, i + 1)));
    sections.push(' Backout:');
    finding.remediation.backout.forEach((s, i) => sections.push(formatSnippet(s, i + 1)));
  }
  if (sections.length === 0) return `Nothing to remediate for ${report.name}: every rule passes or is skipped.`;
  return sections.join('\n');
}

export function formatRules(rules: readonly RuleMetadata[]): string {
  const rows = rules.map(
    (r) => `${r.id.padEnd(31)} ${r.kind.padEnd(9)} ${r.severity.padEnd(7)} ${r.title}\n${' '.repeat(32)}${r.compliance.join(' · ')}`,
  );
  return [`${'RULE'.padEnd(31)} ${'KIND'.padEnd(9)} ${'SEVERITY'.padEnd(7)} TITLE`, ...rows].join('\n');
}
