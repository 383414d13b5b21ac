/**
 * DESIGN.md §3: "a proposed VpcConfig is offered only after it passes the three control rules
 * itself". Before a clone or launcher snippet proposes a network — the approved one from
 * REMEDIATION_NETWORK, or the job's own private subnets with its security groups — the same
 * engine judges it as a synthetic job against the network as read now.
 *
 * Only the control rules decide a verdict, so only they are run; and a fleet audit passes a
 * `ProposalCache`, because thousands of failing jobs propose the same few networks (without it,
 * vetting was ~40 % of the audit service's CPU in a fleet audit: BENCHMARKS.md).
 * @module
 */
import { evaluateJob } from '../audit/engine.js';
import { isControlRule, type JobReport, type NetworkSnapshot, type TrainingJobSnapshot } from '../audit/model.js';
import { rules } from '../audit/rules/index.js';
import type { ApprovedNetwork } from '../config/schema.js';
import { preflightJob } from './preflight.js';

export interface VettedProposal {
  /** Passed only when it passes the control rules. */
  approvedNetwork?: ApprovedNetwork;
  /** Authoritative: empty when the job's private subnets (with its SGs) do not pass. */
  privateSubnets: string[];
}

/**
 * Verdicts of proposed networks, keyed by account, region, subnets and security groups. Valid for as
 * long as the facts about those ids do not change: one fleet run, whose collector reads each id once.
 */
export type ProposalCache = Map<string, boolean>;

const CONTROL_RULES = rules.filter((rule) => isControlRule(rule.id));

function passes(
  job: TrainingJobSnapshot,
  subnets: string[],
  securityGroups: string[],
  network: NetworkSnapshot,
  now: Date,
  cache: ProposalCache | undefined,
): boolean {
  if (subnets.length === 0 || securityGroups.length === 0) return false;
  // Instance count, encryption and isolation only feed advisory rules: not part of the verdict, nor the key.
  const key = `${job.account}|${job.region}|${subnets.join(',')}|${securityGroups.join(',')}`;
  const known = cache?.get(key);
  if (known !== undefined) return known;
  const candidate = preflightJob({
    region: job.region,
    account: job.account,
    subnets,
    securityGroups,
    instances: job.instanceCount,
    interContainerEncryption: job.enableInterContainerTrafficEncryption,
    networkIsolation: job.enableNetworkIsolation,
  });
  const verdict = evaluateJob({ ok: true, job: candidate }, network, { now }, CONTROL_RULES).verdict;
  cache?.set(key, verdict === 'pass');
  return verdict === 'pass';
}

/** Ids to read so an approved network can be judged alongside the job's own. */
export function approvedIds(approved: ApprovedNetwork | undefined): { subnets: string[]; securityGroups: string[] } {
  return { subnets: approved?.subnets ?? [], securityGroups: approved?.securityGroups ?? [] };
}

export function vetProposal(
  job: TrainingJobSnapshot,
  report: JobReport,
  approved: ApprovedNetwork | undefined,
  network: NetworkSnapshot,
  now: Date,
  cache?: ProposalCache,
): VettedProposal {
  const vetted: VettedProposal = { privateSubnets: [] };
  if (approved && passes(job, approved.subnets, approved.securityGroups, network, now, cache)) vetted.approvedNetwork = approved;
  const privateSubnets = (report.subnetViews ?? []).filter((s) => s.classification === 'private').map((s) => s.id);
  const groups = job.vpcConfig?.securityGroupIds ?? [];
  if (passes(job, privateSubnets, groups, network, now, cache)) vetted.privateSubnets = privateSubnets;
  return vetted;
}
