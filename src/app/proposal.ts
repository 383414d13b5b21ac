/**
 * DESIGN.md §3: "a proposed VpcConfig is offered only after it passes the three control rules
 * itself". Before a clone or launcher snippet proposes a network — the approved one from
 * REMEDIATION_NETWORK, or the job's own private subnets with its security groups — the same
 * engine judges it as a synthetic job against the network as read now.
 * @module
 */
import { evaluateJob } from '../audit/engine.js';
import type { JobReport, NetworkSnapshot, TrainingJobSnapshot } from '../audit/model.js';
import type { ApprovedNetwork } from '../config/schema.js';
import { preflightJob } from './preflight.js';

export interface VettedProposal {
  /** Passed only when it passes the control rules. */
  approvedNetwork?: ApprovedNetwork;
  /** Authoritative: empty when the job's private subnets (with its SGs) do not pass. */
  privateSubnets: string[];
}

function passes(job: TrainingJobSnapshot, subnets: string[], securityGroups: string[], network: NetworkSnapshot, now: Date): boolean {
  if (subnets.length === 0 || securityGroups.length === 0) return false;
  const candidate = preflightJob({
    region: job.region,
    account: job.account,
    subnets,
    securityGroups,
    instances: job.instanceCount,
    interContainerEncryption: job.enableInterContainerTrafficEncryption,
    networkIsolation: job.enableNetworkIsolation,
  });
  return evaluateJob({ ok: true, job: candidate }, network, { now }).verdict === 'pass';
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
): VettedProposal {
  const vetted: VettedProposal = { privateSubnets: [] };
  if (approved && passes(job, approved.subnets, approved.securityGroups, network, now)) vetted.approvedNetwork = approved;
  const privateSubnets = (report.subnetViews ?? []).filter((s) => s.classification === 'private').map((s) => s.id);
  const groups = job.vpcConfig?.securityGroupIds ?? [];
  if (passes(job, privateSubnets, groups, network, now)) vetted.privateSubnets = privateSubnets;
  return vetted;
}
