/**
 * The engine: runs every rule on one job and assembles its report (verdict, VPC, per-subnet and
 * per-security-group views). Pure: the network is a snapshot, the clock is `ctx.now`. A rule that
 * throws becomes an `unknown` finding, never a crash of the whole audit.
 * @module
 */
import { explainError } from './explain-error.js';
import {
  CONTROL_RULE_IDS,
  type AuditSummary,
  type CollectorError,
  type Finding,
  type JobInput,
  type JobRef,
  type JobReport,
  type NetworkSnapshot,
  type Rule,
  type RuleContext,
  type SecurityGroupView,
  type SubnetView,
  type TrainingJobSnapshot,
  type Verdict,
} from './model.js';
import { classifySecurityGroup } from './network/security-groups.js';
import { classifySubnet } from './network/subnet-classification.js';
import { rules as registry } from './rules/index.js';
import { unique, vpcIdsOf } from './rules/rule-support.js';

/**
 * Judges one job against `ruleSet` (the registry by default).
 *
 * @example evaluateJob({ ok: true, job }, network, { now: new Date() }).verdict // 'pass' | 'fail' | 'unknown'
 */
export function evaluateJob(
  input: JobInput,
  network: NetworkSnapshot,
  ctx: RuleContext,
  ruleSet: readonly Rule[] = registry,
): JobReport {
  if (!input.ok) return undescribedReport(input.ref, input.error, network, ruleSet);
  const { job } = input;
  const findings = ruleSet.map((rule) => runRule(rule, job, network, ctx));
  const subnets = unique(job.vpcConfig?.subnets ?? []);
  const groups = unique(job.vpcConfig?.securityGroupIds ?? []);
  return {
    name: job.name,
    ...(job.arn === undefined ? {} : { arn: job.arn }),
    account: job.account,
    region: job.region,
    ...(job.status === undefined ? {} : { trainingStatus: job.status }),
    ...(job.creationTime === undefined ? {} : { creationTime: job.creationTime }),
    verdict: verdictOf(findings),
    vpc: job.vpcConfig
      ? { vpcId: vpcIdsOf(job, network)[0] ?? null, subnets: job.vpcConfig.subnets, securityGroups: job.vpcConfig.securityGroupIds }
      : null,
    findings,
    ...(job.vpcConfig
      ? {
          subnetViews: subnets.map((id) => guarded(id, () => subnetView(id, network))),
          securityGroupViews: groups.map((id) => guarded(id, () => groupView(id, network))),
        }
      : {}),
    networkAsOf: network.asOf,
    ...(job.preflight ? { preflight: true as const } : {}),
  };
}

/**
 * A job's verdict, from the three control rules only: `fail` if any fails, else `unknown` if any is
 * unknown (or missing), else `pass`. Advisory findings never change it.
 */
export function verdictOf(findings: Finding[]): Verdict {
  const controls = CONTROL_RULE_IDS.map((id) => findings.find((finding) => finding.rule === id));
  if (controls.some((finding) => finding?.status === 'fail')) return 'fail';
  if (controls.some((finding) => finding === undefined || finding.status === 'unknown')) return 'unknown';
  return 'pass';
}

/** Counts reports by verdict (the `summary` of the `--json` document). */
export function summarize(reports: JobReport[]): AuditSummary {
  const summary: AuditSummary = { jobs: reports.length, pass: 0, fail: 0, unknown: 0 };
  for (const report of reports) summary[report.verdict] += 1;
  return summary;
}

function runRule(rule: Rule, job: TrainingJobSnapshot, network: NetworkSnapshot, ctx: RuleContext): Finding {
  try {
    return rule.evaluate(job, network, ctx);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      rule: rule.id,
      status: 'unknown',
      severity: rule.severity,
      message: `the rule ${rule.id} errored (${reason}); this is a bug in sagemaker-vpc, not a finding about ${job.name}`,
      resources: [job.name],
    };
  }
}

function undescribedReport(ref: JobRef, error: CollectorError, network: NetworkSnapshot, ruleSet: readonly Rule[]): JobReport {
  const detail = error.code === 'invalid_input' || error.code === 'unknown' ? '' : ` (${error.message})`;
  const message = `${ref.name} could not be described: ${explainError(error, ref.name, 'this job')}${detail}`;
  return {
    name: ref.name,
    account: ref.account,
    region: ref.region,
    verdict: 'unknown',
    vpc: null,
    findings: ruleSet.map((rule) => ({ rule: rule.id, status: 'unknown', severity: rule.severity, message, resources: [ref.name] })),
    networkAsOf: network.asOf,
  };
}

/** Views use the same reasoning as the rules; a malformed snapshot must not crash the report either. */
function guarded<T extends SubnetView | SecurityGroupView>(id: string, view: () => T): T | { id: string; classification: 'unknown'; reason: string } {
  try {
    return view();
  } catch (err) {
    return { id, classification: 'unknown', reason: `it could not be classified (${err instanceof Error ? err.message : String(err)})` };
  }
}

function subnetView(id: string, network: NetworkSnapshot): SubnetView {
  const result = classifySubnet(id, network);
  if (result.classification === 'unknown') {
    return {
      id,
      classification: 'unknown',
      ...(result.table ? { routeTableId: result.table.id, viaMainTable: result.viaMainTable ?? false } : {}),
      reason: result.reason,
    };
  }
  const target = result.classification === 'public' ? result.publicRoutes[0]?.gatewayId : result.defaultRoute?.target;
  return {
    id,
    classification: result.classification,
    routeTableId: result.table.id,
    viaMainTable: result.viaMainTable,
    ...(target === undefined ? {} : { defaultRouteTarget: target }),
  };
}

function groupView(id: string, network: NetworkSnapshot): SecurityGroupView {
  const result = classifySecurityGroup(id, network);
  return {
    id,
    ...(result.group ? { name: result.group.name } : {}),
    classification: result.classification,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
  };
}
