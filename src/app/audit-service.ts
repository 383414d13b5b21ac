/**
 * The audit service: one API used by the CLI, the Slack bot and the digest scheduler
 * (DESIGN.md §4). It wires collectors (I/O) to the pure engine and remediation builders.
 *
 * Fleet audits stream: Search pages are grouped into windows of up to ~1000 jobs while they bring
 * subnet/SG ids not read yet, those ids are read in batched EC2 calls (cached for the run), each
 * job is judged and handed to `onJob`, and nothing per job is kept here — memory does not grow
 * with the number of jobs. Once a window's ids are all known (after the first window, nearly
 * always) each page is judged as it arrives, while the next pages are already being fetched:
 * paced Search calls, not judging, set the pace (numbers in BENCHMARKS.md).
 * @module
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { evaluateJob, summarize } from '../audit/engine.js';
import type {
  AuditDocument,
  AuditSummary,
  CollectorError,
  Fact,
  JobInput,
  JobReport,
  NetworkSnapshot,
  TrainingJobSnapshot,
  TrainingStatus,
} from '../audit/model.js';
import {
  createNetworkCollector,
  describeTrainingJob,
  streamTrainingJobs,
  type AwsClients,
  type DescribedTrainingJob,
} from '../aws/index.js';
import type { ApprovedNetwork } from '../config/schema.js';
import type { Logger } from '../logging/logger.js';
import { buildRemediation } from '../remediation/index.js';
import { jobNameProblem } from './command-grammar.js';
import { ErrorLog } from './error-log.js';
import { approvedIds, vetProposal, type ProposalCache } from './proposal.js';

export interface AuditServiceOptions {
  /** Configured regions; the first is the default for single-job commands. */
  regions: string[];
  /** AWS clients for a region (the caller caches them: one per account, region and service). */
  clientsFor: (region: string) => AwsClients;
  remediationNetwork?: Record<string, ApprovedNetwork>;
  logger: Logger;
  now?: () => Date;
  /** Jobs judged per batch of EC2 look-ups in fleet audits. */
  windowSize?: number;
}

export interface JobRequest {
  name: string;
  region?: string;
}

export type CheckJobOutcome =
  | { status: 'ok'; report: JobReport; document: AuditDocument; description?: DescribedTrainingJob }
  | { status: 'not_found'; name: string; region: string; message: string }
  | { status: 'invalid'; message: string };

export interface FleetRequest {
  /** Regions to audit; defaults to every configured region. */
  regions?: string[];
  since?: Date;
  status?: TrainingStatus;
  maxJobs?: number;
}

export interface FleetProgress extends AuditSummary {
  regionsDone: number;
  regions: number;
}

export interface FleetHooks {
  /** Each judged job, in arrival order; may be async (backpressure for writers). */
  onJob?: (report: JobReport) => void | Promise<void>;
  onProgress?: (progress: FleetProgress) => void;
  signal?: AbortSignal;
}

export interface FleetOutcome {
  generatedAt: string;
  regions: string[];
  summary: AuditSummary;
  errors: CollectorError[];
  notes: string[];
  /** False when a listing failed or the run was aborted: some jobs may be missing. */
  complete: boolean;
}

export interface AuditService {
  checkJob(request: JobRequest, options?: { withRemediation?: boolean }): Promise<CheckJobOutcome>;
  auditFleet(request: FleetRequest, hooks?: FleetHooks): Promise<FleetOutcome>;
  /**
   * Judges a job made up from a VpcConfig (preflight), reading the real network. `observedAccount`
   * is the account that owns the security groups (else the subnets), when they agree.
   */
  judgeSnapshot(job: TrainingJobSnapshot): Promise<{ report: JobReport; errors: CollectorError[]; observedAccount?: string }>;
  defaultRegion(): string | undefined;
}

/** Search pages fetched ahead of the one being judged (100 jobs each): about 1 s at the default pace. */
const READ_AHEAD_PAGES = 5;
/** Jobs judged between turns of the event loop, so paced requests and responses are not held up. */
const JOBS_PER_TURN = 100;

/** For fleet audits, which keep no reports: `summarize` counts a list. */
function addToSummary(summary: AuditSummary, report: Pick<JobReport, 'verdict'>): void {
  summary.jobs += 1;
  summary[report.verdict] += 1;
}

/** Every lookup in a snapshot that failed, as run-level errors. */
export function snapshotErrors(network: NetworkSnapshot): CollectorError[] {
  const errors: CollectorError[] = [];
  const facts = [
    network.subnets,
    network.explicitRouteTableBySubnet,
    network.mainRouteTableByVpc,
    network.securityGroups,
    network.vpcEndpointsByVpc,
    network.natGatewaysByVpc,
  ];
  for (const table of facts) {
    for (const fact of Object.values(table)) if (!fact.ok) errors.push(fact.error);
  }
  return errors;
}

/**
 * The account a made-up job would run in: security groups belong to the account that created them
 * (also in a RAM-shared VPC, whose subnets belong to the owner), so they are asked first.
 */
function observedAccount(job: TrainingJobSnapshot, network: NetworkSnapshot): string | undefined {
  const owners = (ids: string[], facts: Record<string, Fact<{ ownerId?: string | undefined }>>) => {
    const found = new Set(
      ids.flatMap((id) => {
        const fact = facts[id];
        return fact?.ok && fact.value.ownerId ? [fact.value.ownerId] : [];
      }),
    );
    return found.size === 1 ? [...found][0] : undefined;
  };
  return owners(job.vpcConfig?.securityGroupIds ?? [], network.securityGroups) ?? owners(job.vpcConfig?.subnets ?? [], network.subnets);
}

function readableJobs(inputs: JobInput[]): TrainingJobSnapshot[] {
  return inputs.flatMap((input) => (input.ok ? [input.job] : []));
}

function jobIds(
  jobs: Iterable<TrainingJobSnapshot>,
  extra: Array<{ subnets: string[]; securityGroups: string[] }> = [],
): { subnets: string[]; securityGroups: string[] } {
  const subnets = new Set<string>();
  const securityGroups = new Set<string>();
  for (const job of jobs) {
    for (const s of job.vpcConfig?.subnets ?? []) subnets.add(s);
    for (const g of job.vpcConfig?.securityGroupIds ?? []) securityGroups.add(g);
  }
  for (const ids of extra) {
    for (const s of ids.subnets) subnets.add(s);
    for (const g of ids.securityGroups) securityGroups.add(g);
  }
  return { subnets: [...subnets], securityGroups: [...securityGroups] };
}

export function createAuditService(options: AuditServiceOptions): AuditService {
  const now = options.now ?? (() => new Date());
  const windowSize = options.windowSize ?? 1000;
  const logger = options.logger;

  function approvedNetworkFor(job: TrainingJobSnapshot): ApprovedNetwork | undefined {
    return options.remediationNetwork?.[`${job.account}/${job.region}`];
  }

  /**
   * Attaches remediation to every non-passing finding; `description` enables the clone payload.
   * Proposed networks are vetted first (proposal.ts): only a network that passes is offered.
   */
  function withRemediation(
    report: JobReport,
    input: JobInput,
    network: NetworkSnapshot,
    description?: DescribedTrainingJob,
    proposals?: ProposalCache,
  ): JobReport {
    if (!input.ok || report.findings.every((f) => f.status === 'pass' || f.status === 'skip')) return report;
    const at = now();
    const proposal = vetProposal(input.job, report, approvedNetworkFor(input.job), network, at, proposals);
    return {
      ...report,
      findings: report.findings.map((finding) => {
        // buildRemediation answers undefined for pass and skip.
        const remediation = buildRemediation({
          job: input.job,
          finding,
          description,
          approvedNetwork: proposal.approvedNetwork,
          privateSubnets: proposal.privateSubnets,
          vpcId: report.vpc?.vpcId ?? undefined,
          now: at,
        });
        return remediation ? { ...finding, remediation } : finding;
      }),
    };
  }

  /** The job's ids plus its account's approved network, so proposals can be judged from the same snapshot. */
  function idsFor(jobs: TrainingJobSnapshot[]): { subnets: string[]; securityGroups: string[] } {
    const approved = jobs.map((job) => approvedIds(approvedNetworkFor(job)));
    return jobIds(jobs, approved);
  }

  return {
    defaultRegion: () => options.regions[0],

    async checkJob(request, { withRemediation: wantRemediation = true } = {}) {
      const nameProblem = jobNameProblem(request.name);
      if (nameProblem) return { status: 'invalid', message: nameProblem };
      const region = request.region ?? options.regions[0];
      if (!region) return { status: 'invalid', message: 'no region: pass --region or set AWS_REGION / AUDIT_REGIONS' };
      // A check usually runs right after its caller answered (a Slack ack): yield once, so requests
      // already waiting are answered before this one spends CPU preparing AWS calls (bench/slack.ts).
      await nextTurn();
      const generatedAt = now().toISOString();
      const clients = options.clientsFor(region);
      const collector = createNetworkCollector(clients);
      // Describe, then ListTags and the EC2 reads at once: three sequential round trips in all.
      const described = await describeTrainingJob(clients, request.name, {
        withTags: true,
        whileTagging: (job) => collector.load(idsFor([job])),
      });
      if (!described.ok && described.error.code === 'not_found') {
        return {
          status: 'not_found',
          name: request.name,
          region,
          message: `Training job ${request.name} was not found in ${region} (for the credentials in use). Check the name and --region.`,
        };
      }
      const input: JobInput = described.ok
        ? { ok: true, job: described.job }
        : { ok: false, ref: { account: 'unknown', region, name: request.name }, error: described.error };
      const network = collector.snapshot();
      const judged = evaluateJob(input, network, { now: now() });
      const description = described.ok ? described.description : undefined;
      const report = wantRemediation ? withRemediation(judged, input, network, description) : judged;
      const errors = new ErrorLog();
      if (!input.ok) errors.add(input.error);
      if (described.ok && described.tagsError) errors.add(described.tagsError);
      errors.addAll(snapshotErrors(network));
      logger.info({ job: request.name, region, verdict: report.verdict }, 'job checked');
      return {
        status: 'ok',
        report,
        description,
        document: { schemaVersion: 1, generatedAt, jobs: [report], summary: summarize([report]), errors: errors.list() },
      };
    },

    async judgeSnapshot(job) {
      const clients = options.clientsFor(job.region);
      const collector = createNetworkCollector(clients);
      await collector.load(idsFor([job]));
      const network = collector.snapshot();
      const observed = observedAccount(job, network);
      // A preflight job has no ARN: unless the caller knows the account, the network's owner is the best evidence.
      const input: JobInput = { ok: true, job: { ...job, account: job.account || observed || '' } };
      const report = evaluateJob(input, network, { now: now() });
      return { report: withRemediation(report, input, network), errors: snapshotErrors(network), observedAccount: observed };
    },

    async auditFleet(request, hooks = {}) {
      const generatedAt = now().toISOString();
      const regions = request.regions && request.regions.length > 0 ? request.regions : options.regions;
      const summary = summarize([]);
      const errors = new ErrorLog();
      const notes: string[] = [];
      let complete = true;
      let regionsDone = 0;
      const progress = () => hooks.onProgress?.({ ...summary, regionsDone, regions: regions.length });

      async function auditRegion(region: string): Promise<void> {
        const clients = options.clientsFor(region);
        const collector = createNetworkCollector(clients);
        const proposals: ProposalCache = new Map();
        const log = logger.child({ region, trigger: 'fleet' });
        let window: JobInput[] = [];

        const flush = async () => {
          const batch = window;
          window = [];
          await collector.load(idsFor(readableJobs(batch)));
          const network = collector.snapshot();
          const ctx = { now: now() };
          for (const [index, input] of batch.entries()) {
            if (index > 0 && index % JOBS_PER_TURN === 0) await nextTurn();
            if (!input.ok) errors.add(input.error);
            const report = withRemediation(evaluateJob(input, network, ctx), input, network, undefined, proposals);
            addToSummary(summary, report);
            await hooks.onJob?.(report);
          }
          progress();
        };

        const pages = streamTrainingJobs(
          clients,
          { since: request.since, status: request.status, maxJobs: request.maxJobs },
          {
            onNotice: (message) => notes.push(`${region}: ${message}`),
            onError: (error) => {
              complete = false;
              errors.add(error);
              log.warn({ code: error.code, operation: error.operation }, 'job listing stopped early');
            },
            readAhead: READ_AHEAD_PAGES,
          },
        );
        for await (const page of pages) {
          if (hooks.signal?.aborted) {
            complete = false;
            break;
          }
          window.push(...page);
          // New ids wait for a full window, to be read in few EC2 calls; known ones are judged right away.
          if (window.length >= windowSize || collector.covers(idsFor(readableJobs(window)))) await flush();
        }
        if (window.length > 0) await flush();
        errors.addAll(snapshotErrors(collector.snapshot()));
        regionsDone += 1;
        progress();
        log.info({ stats: collector.stats() }, 'region audited');
      }

      await Promise.all(regions.map((region) => auditRegion(region)));
      if (hooks.signal?.aborted) notes.push('The run was cancelled before it finished.');
      return { generatedAt, regions, summary, errors: errors.list(), notes, complete };
    },
  };
}
