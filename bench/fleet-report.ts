/**
 * Turning fleet runs into what BENCHMARKS.md reports: sampled peer runs extrapolated from their
 * measured rate (and marked so), ours-vs-peer ratios, the issue's targets, and a plain-text table.
 * Pure, so the arithmetic is tested.
 * @module
 */
import type { Approach, RunResult } from './fleet-run.js';
import type { VerdictComparison } from './verdict-map.js';

/** A run's figures at the full fleet size: measured, or extrapolated from a sample's rate. */
export interface Projection {
  basis: 'measured' | 'extrapolated';
  /** Jobs actually judged (the sample size when extrapolated). */
  fromJobs: number;
  size: number;
  wallMs: number;
  sagemakerCalls: number;
  ec2Calls: number;
  throttled: number;
  callsByOperation: Record<string, number>;
}

export interface SizeReport {
  size: number;
  runs: Partial<Record<Approach, RunResult>>;
  /** Each approach's verdicts against the fleet's expected verdicts (every job). */
  vsExpected: Partial<Record<Approach, VerdictComparison>>;
  /** Each peer run's verdicts against ours (default pacing), on the jobs the peer judged. */
  peerVsOurs: Partial<Record<Approach, VerdictComparison>>;
}

export interface Ratio {
  size: number;
  ours: Approach;
  peer: Approach;
  basis: Projection['basis'];
  sagemakerCalls: number;
  allCalls: number;
  wall: number;
}

export interface TargetCheck {
  target: string;
  /** Undefined when the runs needed were not part of this invocation. */
  met: boolean | undefined;
  detail: string;
}

export function project(run: RunResult): Projection {
  const scale = run.sampled && run.judged > 0 ? run.size / run.judged : 1;
  const callsByOperation = Object.fromEntries(Object.entries(run.calls).map(([op, c]) => [op, Math.round(c.calls * scale)]));
  return {
    basis: scale === 1 ? 'measured' : 'extrapolated',
    fromJobs: run.judged,
    size: run.size,
    wallMs: run.wallMs * scale,
    sagemakerCalls: Math.round(run.sagemakerCalls * scale),
    ec2Calls: Math.round(run.ec2Calls * scale),
    throttled: Math.round(run.throttled * scale),
    callsByOperation,
  };
}

export function ratiosFor(report: SizeReport): Ratio[] {
  const ratios: Ratio[] = [];
  for (const ours of ['ours', 'ours-matched'] as const) {
    const o = report.runs[ours];
    if (!o) continue;
    for (const peer of ['peer-complete', 'peer'] as const) {
      const p = report.runs[peer];
      if (!p) continue;
      const pp = project(p);
      ratios.push({
        size: report.size,
        ours,
        peer,
        basis: pp.basis,
        sagemakerCalls: pp.sagemakerCalls / Math.max(1, o.sagemakerCalls),
        allCalls: (pp.sagemakerCalls + pp.ec2Calls) / Math.max(1, o.sagemakerCalls + o.ec2Calls),
        wall: pp.wallMs / Math.max(1, o.wallMs),
      });
    }
  }
  return ratios;
}

/** The issue's targets, judged on ours at the product's default pacing against the peer that reaches the same answer. */
export function checkTargets(reports: SizeReport[]): TargetCheck[] {
  const at = (size: number) => reports.find((r) => r.size === size);
  const checks: TargetCheck[] = [];
  const tenK = at(10_000);
  const r10 = tenK ? ratiosFor(tenK).find((r) => r.ours === 'ours' && r.peer === 'peer-complete') : undefined;
  checks.push({
    target: '10,000 jobs: ≥ 150× fewer SageMaker calls than the peer',
    met: r10 ? r10.sagemakerCalls >= 150 : undefined,
    detail: r10 ? `${fmtRatio(r10.sagemakerCalls)} (${r10.basis})` : 'not run',
  });
  checks.push({
    target: '10,000 jobs: ≥ 50× less wall time than the peer',
    met: r10 ? r10.wall >= 50 : undefined,
    detail: r10 ? `${fmtRatio(r10.wall)} (${r10.basis})` : 'not run',
  });
  // Each id is read once per run, so EC2 calls are bounded by the pool; a later window may still meet
  // an id the earlier ones did not, hence a tolerance instead of strict equality.
  const ec2 = reports.flatMap((r) => (r.runs.ours ? [{ size: r.size, calls: r.runs.ours.ec2Calls }] : []));
  const ec2At10k = ec2.find((e) => e.size === 10_000);
  const ec2Largest = ec2.at(-1);
  checks.push({
    target: 'EC2 calls independent of N (largest size ≤ 1.25× those at 10,000)',
    met: ec2At10k && ec2Largest && ec2Largest.size > ec2At10k.size ? ec2Largest.calls <= 1.25 * ec2At10k.calls : undefined,
    detail: ec2.length > 0 ? ec2.map((e) => `${fmtInt(e.size)}: ${e.calls}`).join(', ') : 'not run',
  });
  const small = tenK?.runs.ours;
  const big = at(100_000)?.runs.ours;
  const rssRatio = small && big ? big.memory.rss / small.memory.rss : undefined;
  checks.push({
    target: '100,000 jobs: peak RSS < 1.5× that of 10,000 jobs',
    met: rssRatio === undefined ? undefined : rssRatio < 1.5,
    detail: small && big && rssRatio !== undefined ? `${fmtMb(big.memory.rss)} / ${fmtMb(small.memory.rss)} = ${rssRatio.toFixed(2)}×` : 'not run',
  });
  return checks;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtMs(ms: number): string {
  if (ms >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function fmtMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function fmtRatio(r: number): string {
  return `${r >= 100 ? r.toFixed(0) : r.toFixed(1)}×`;
}

const OP_ORDER = ['Search', 'ListTrainingJobs', 'DescribeTrainingJob', 'ListTags'];

function sagemakerBreakdown(calls: Record<string, number>): string {
  return OP_ORDER.filter((op) => (calls[op] ?? 0) > 0)
    .map((op) => `${op} ${fmtInt(calls[op] ?? 0)}`)
    .join(' + ');
}

function verdictCell(report: SizeReport, approach: Approach): string {
  const vs = report.peerVsOurs[approach] ?? report.vsExpected[approach];
  if (!vs) return '';
  const against = report.peerVsOurs[approach] ? 'ours' : 'expected';
  const lost = vs.lostByB > 0 ? `, ${fmtInt(vs.lostByB)} lost` : '';
  const bad = vs.disagreements + vs.missingInA + vs.missingInB;
  return `${fmtInt(vs.identical)}/${fmtInt(vs.compared)} = ${against}${lost}${bad > 0 ? `, ${fmtInt(bad)} MISMATCH` : ''}`;
}

/** One row per run (plus an extrapolated row under a sampled one), as aligned plain text. */
export function formatTable(reports: SizeReport[]): string {
  const header = ['jobs', 'approach', 'judged', 'SageMaker calls', 'EC2', 'throttled', 'wall', 'CPU', 'peak RSS', 'peak heap', 'heap kept', 'verdicts'];
  const rows: string[][] = [header];
  for (const report of reports) {
    for (const [approach, run] of Object.entries(report.runs) as Array<[Approach, RunResult]>) {
      const calls = Object.fromEntries(Object.entries(run.calls).map(([op, c]) => [op, c.calls]));
      rows.push([
        fmtInt(report.size),
        approach + (run.pacing ? ` (${run.pacing}/s)` : ''),
        run.sampled ? `${fmtInt(run.judged)} (sample)` : fmtInt(run.judged),
        `${fmtInt(run.sagemakerCalls)} (${sagemakerBreakdown(calls)})`,
        fmtInt(run.ec2Calls),
        fmtInt(run.throttled),
        fmtMs(run.wallMs),
        fmtMs(run.cpuMs),
        fmtMb(run.memory.rss),
        fmtMb(run.memory.heapUsed),
        run.retainedHeap ? fmtMb(run.retainedHeap.after - run.retainedHeap.before) : '',
        verdictCell(report, approach),
      ]);
      if (run.sampled) {
        const p = project(run);
        rows.push(['', `  → extrapolated`, fmtInt(p.size), `${fmtInt(p.sagemakerCalls)} (${sagemakerBreakdown(p.callsByOperation)})`, fmtInt(p.ec2Calls), fmtInt(p.throttled), fmtMs(p.wallMs), '', '', '', '', '']);
      }
    }
  }
  const widths = header.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function formatRatios(reports: SizeReport[]): string {
  return reports
    .flatMap(ratiosFor)
    .map(
      (r) =>
        `${fmtInt(r.size).padStart(7)} jobs  ${r.peer.padEnd(13)} / ${r.ours.padEnd(12)}  SageMaker calls ${fmtRatio(r.sagemakerCalls).padStart(6)}  all calls ${fmtRatio(r.allCalls).padStart(6)}  wall ${fmtRatio(r.wall).padStart(6)}${r.basis === 'extrapolated' ? '  (peer extrapolated from a sample)' : ''}`,
    )
    .join('\n');
}
