/**
 * Preflight (`check-network`): judge a VpcConfig *before* `CreateTrainingJob`, with the same
 * collectors and the same engine as `check` — only the job snapshot is synthetic.
 * @module
 */
import { summarize } from '../audit/engine.js';
import type { AuditDocument, JobReport, TrainingJobSnapshot } from '../audit/model.js';
import type { ApprovedNetwork } from '../config/schema.js';
import type { AuditService } from './audit-service.js';
import type { Command } from './command-grammar.js';
import { ErrorLog } from './error-log.js';

export interface PreflightRequest {
  region: string;
  subnets: string[];
  securityGroups: string[];
  instances: number;
  interContainerEncryption?: boolean;
  networkIsolation?: boolean;
  /** Expected owner account, when known (e.g. from a REMEDIATION_NETWORK key). */
  account?: string;
  label?: string;
}

/** The synthetic job a preflight judges: no ARN, no status, marked `preflight`. */
export function preflightJob(request: PreflightRequest): TrainingJobSnapshot {
  return {
    name: request.label ?? 'preflight',
    account: request.account ?? '',
    region: request.region,
    vpcConfig: { subnets: [...request.subnets], securityGroupIds: [...request.securityGroups] },
    enableNetworkIsolation: request.networkIsolation === true,
    enableInterContainerTrafficEncryption: request.interContainerEncryption === true,
    instanceCount: request.instances,
    preflight: true,
  };
}

/** Judges several preflight requests into one `--json` document. */
export async function runPreflight(service: AuditService, requests: PreflightRequest[], now = new Date()): Promise<AuditDocument> {
  const jobs: JobReport[] = [];
  const errors = new ErrorLog();
  const notes: string[] = [];
  for (const request of requests) {
    const { report, errors: found, observedAccount } = await service.judgeSnapshot(preflightJob(request));
    errors.addAll(found);
    if (request.account && observedAccount && observedAccount !== request.account) {
      notes.push(
        `${request.label ?? 'preflight'}: the network belongs to account ${observedAccount}, not ${request.account} — are these the right credentials and REMEDIATION_NETWORK key?`,
      );
    }
    jobs.push(report);
  }
  const document: AuditDocument = { schemaVersion: 1, generatedAt: now.toISOString(), jobs, summary: summarize(jobs), errors: errors.list() };
  if (notes.length > 0) document.notes = notes;
  return document;
}

/** The preflight a `check-network` command (without `--approved`) asks for, in `region`; shared by the CLI and Slack. */
export function networkCommandRequest(command: Extract<Command, { kind: 'check-network' }>, region: string): PreflightRequest {
  return {
    region,
    subnets: command.subnets,
    securityGroups: command.securityGroups,
    instances: command.instances,
    interContainerEncryption: command.interContainerEncryption,
    networkIsolation: command.networkIsolation,
  };
}

/** One preflight request per approved network in `REMEDIATION_NETWORK` ("<account>/<region>" keys). */
export function approvedNetworkRequests(networks: Record<string, ApprovedNetwork>): PreflightRequest[] {
  return Object.entries(networks).map(([key, network]) => {
    const [account, region] = key.split('/') as [string, string];
    // Two instances so the multi-node advisory is judged too: clones may be distributed.
    return { account, region, subnets: network.subnets, securityGroups: network.securityGroups, instances: 2, label: `approved-${account}-${region}` };
  });
}
