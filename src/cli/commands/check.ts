/**
 * `check <job>`, `check --all` and `remediate <job>`: thin callers of the audit service.
 * @module
 */
import { resolveSince, type Command } from '../../app/command-grammar.js';
import type { CliContext } from '../../app/container.js';
import type { AuditSummary, CollectorError, JobReport } from '../../audit/model.js';
import { createJsonDocumentWriter } from '../format/json-stream.js';
import { createProgressReporter } from '../format/progress.js';
import { FLEET_HEADER, formatFleetRow, formatJobReport, formatRemediation } from '../format/text.js';
import type { CliIo } from '../main.js';

export function exitCodeFor(summary: AuditSummary, complete = true): number {
  if (summary.fail > 0) return 1;
  if (summary.unknown > 0 || !complete) return 3;
  return 0;
}

type CheckJob = Extract<Command, { kind: 'check-job' }>;
type CheckAll = Extract<Command, { kind: 'check-all' }>;
type Remediate = Extract<Command, { kind: 'remediate' }>;

/** Checks one job (the service defaults the region) and prints the document with `--json`, else `text`. */
async function checkOne(command: CheckJob | Remediate, context: CliContext, io: CliIo, text: (report: JobReport, errors: CollectorError[]) => string): Promise<number> {
  const outcome = await context.service.checkJob({ name: command.job, region: command.region });
  if (outcome.status === 'invalid' || outcome.status === 'not_found') {
    io.stderr.write(`error: ${outcome.message}\n`);
    return 2;
  }
  io.stdout.write(command.json ? `${JSON.stringify(outcome.document, null, 2)}\n` : text(outcome.report, outcome.document.errors));
  return exitCodeFor(outcome.document.summary);
}

export function runCheckJob(command: CheckJob, context: CliContext, io: CliIo): Promise<number> {
  return checkOne(command, context, io, (report, errors) => {
    let out = `${formatJobReport(report)}\n`;
    if (errors.length > 0) out += `\n${errors.map((error) => `  could not read: ${error.operation} (${error.code}) ${error.message}\n`).join('')}`;
    if (report.findings.some((f) => f.remediation)) out += `\nFix and backout: sagemaker-vpc remediate ${report.name} --region ${report.region}\n`;
    return out;
  });
}

export function runRemediate(command: Remediate, context: CliContext, io: CliIo): Promise<number> {
  return checkOne(command, context, io, (report) => `${formatJobReport(report)}\n\n${formatRemediation(report)}\n`);
}

export async function runCheckAll(command: CheckAll, context: CliContext, io: CliIo): Promise<number> {
  const regions = command.regions.length > 0 ? command.regions : context.regions;
  if (regions.length === 0) {
    io.stderr.write('error: no region: pass --region (repeatable) or set AWS_REGION / AUDIT_REGIONS\n');
    return 2;
  }
  const generatedAt = new Date().toISOString();
  const progress = createProgressReporter(io.stderr);
  const writer = command.json ? createJsonDocumentWriter(io.stdout, generatedAt) : undefined;
  let passing = 0;
  let headerShown = false;
  const outcome = await context.service.auditFleet(
    { regions, since: resolveSince(command.since, new Date()), status: command.status, maxJobs: command.maxJobs },
    {
      onProgress: (p) => progress.update(p),
      onJob: async (report) => {
        if (writer) return writer.job(report);
        if (report.verdict === 'pass') {
          passing += 1;
          return;
        }
        if (!headerShown) {
          progress.done();
          io.stdout.write(`${FLEET_HEADER}\n`);
          headerShown = true;
        }
        io.stdout.write(`${formatFleetRow(report)}\n`);
      },
    },
  );
  progress.done();
  const code = exitCodeFor(outcome.summary, outcome.complete);
  if (writer) {
    await writer.end({ summary: outcome.summary, errors: outcome.errors, notes: outcome.notes, complete: outcome.complete });
    return code;
  }
  const { jobs, pass, fail, unknown } = outcome.summary;
  const pct = jobs === 0 ? 100 : Math.floor((pass / jobs) * 1000) / 10;
  const lines = [
    '',
    `${jobs} jobs in ${regions.join(', ')}: ${pass} pass, ${fail} fail, ${unknown} unknown — ${pct}% compliant${passing > 0 ? ` (${passing} passing jobs not listed; --json lists every job)` : ''}`,
  ];
  for (const note of outcome.notes) lines.push(`note: ${note}`);
  if (!outcome.complete) lines.push('warning: the run did not complete; some jobs may be missing');
  for (const error of outcome.errors) lines.push(`could not read: ${error.operation} (${error.code}) ${error.message}`);
  if (fail > 0) lines.push('Fix and backout for a job: sagemaker-vpc remediate <job> --region <region>');
  io.stdout.write(`${lines.join('\n')}\n`);
  return code;
}
