/**
 * The peer approach as a baseline (docs/peers.md): what Prowler, Steampipe and Cloud Custodian do
 * for training jobs, made to reach a verdict comparable with ours.
 *
 * 1. `ListTrainingJobs`, paginated (100 per page, newest first), every summary kept in memory as
 *    Prowler keeps its resource list;
 * 2. then 10 concurrent workers (Prowler's `ThreadPoolExecutor(max_workers=10)`), per job: one
 *    `DescribeTrainingJob`, one `ListTags`, and the EC2 look-ups a per-job checker makes for the
 *    job's own ids — `DescribeSubnets`, `DescribeRouteTables` (its VPC's tables, for the explicit
 *    association and the main-table fallback), `DescribeSecurityGroups` — with no cross-job cache;
 * 3. each job judged by *our* engine (`evaluateJob`), so verdicts can be compared job by job.
 *
 * Failures are what the SDK's `standard` retry mode leaves after 3 attempts. A job whose
 * description or network could not be read is judged from what was read (our engine then says
 * `unknown`; Prowler would say FAIL) and flagged `lost`, so the comparison can tell a throttled
 * peer from a disagreement. With `untilComplete`, a call the SDK gave up on for throttling is sent
 * again after a jittered pause until it succeeds — the cost of reaching the *same* answer as ours,
 * every throttled attempt counted. Phase 2 is pipelined per job (EC2 overlaps SageMaker), the
 * peer-friendly choice: Prowler runs its describe and list-tags phases one after the other.
 * @module
 */
import { DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { DescribeTrainingJobCommand, ListTagsCommand, ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import { evaluateJob } from '../../src/audit/engine.js';
import { emptyNetworkSnapshot } from '../../src/audit/model.js';
import type { CollectorError, Fact, JobInput, NetworkSnapshot, TrainingJobSnapshot, Verdict } from '../../src/audit/model.js';
import { isLiveAssociation, normaliseRouteTable, normaliseSecurityGroup, normaliseSubnet } from '../../src/aws/collectors/ec2-normalise.js';
import { mapTrainingJob } from '../../src/aws/collectors/map-training-job.js';
import { toCollectorError } from '../../src/aws/errors.js';
import type { PeerClients } from './peer-clients.js';

export interface PeerAuditOptions {
  clients: PeerClients;
  /** Concurrent per-job workers. [10] */
  workers?: number;
  /** Stop listing after this many jobs (newest first): the sample for sizes too slow to run in full. */
  maxJobs?: number;
  /** Send again what the SDK gave up on for throttling, until it succeeds. [false] */
  untilComplete?: boolean;
  /** Each judged job; `lost` when the peer could not read everything the verdict needs. */
  onVerdict: (name: string, verdict: Verdict, lost: boolean) => void;
  now?: () => Date;
}

export interface PeerAuditOutcome {
  listed: number;
  judged: number;
  lost: number;
  /** False when the listing itself gave up: the peer then audits only what it had listed. */
  listingComplete: boolean;
  /** Final failures (after retries) by `operation code`, e.g. `sagemaker:DescribeTrainingJob throttled`. */
  failures: Record<string, number>;
  /** With `untilComplete`: calls sent again after the SDK had given up. */
  resends: number;
}

/** Sends one AWS call (through the SDK and its retries). */
type Send = <T>(call: () => Promise<T>) => Promise<T>;

const MAX_ROUNDS = 40;

function isThrottling(err: unknown): boolean {
  return toCollectorError(err, 'peer').code === 'throttled';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Summary {
  name: string;
  arn: string;
}

const PAGE = 100;

export async function runPeerAudit(options: PeerAuditOptions): Promise<PeerAuditOutcome> {
  const { clients, workers = 10, maxJobs = Number.POSITIVE_INFINITY, onVerdict } = options;
  const now = options.now ?? (() => new Date());
  let resends = 0;
  const send: Send = async (call) => {
    for (let round = 0; ; round++) {
      try {
        return await call();
      } catch (err) {
        if (!options.untilComplete || round >= MAX_ROUNDS || !isThrottling(err)) throw err;
        resends += 1;
        // Full jitter, as the SDK's own backoff, capped low: the peer should stay busy, not idle.
        await sleep(Math.random() * Math.min(5000, 500 * 2 ** round));
      }
    }
  };
  const failures: Record<string, number> = {};
  const fail = (error: CollectorError) => void (failures[`${error.operation} ${error.code}`] = (failures[`${error.operation} ${error.code}`] ?? 0) + 1);

  // Phase 1: the whole inventory first, as every peer does.
  const summaries: Summary[] = [];
  let listingComplete = true;
  let nextToken: string | undefined;
  do {
    try {
      const token = nextToken;
      const page = await send(() =>
        clients.sagemaker.send(
          new ListTrainingJobsCommand({ MaxResults: PAGE, SortBy: 'CreationTime', SortOrder: 'Descending', ...(token ? { NextToken: token } : {}) }),
        ),
      );
      for (const s of page.TrainingJobSummaries ?? []) {
        if (summaries.length < maxJobs) summaries.push({ name: s.TrainingJobName ?? '', arn: s.TrainingJobArn ?? '' });
      }
      nextToken = page.NextToken;
    } catch (err) {
      fail(toCollectorError(err, 'sagemaker:ListTrainingJobs'));
      listingComplete = false;
      break;
    }
  } while (nextToken && summaries.length < maxJobs);

  // Phase 2: per job, 10 at a time.
  let next = 0;
  let judged = 0;
  let lost = 0;
  async function worker(): Promise<void> {
    while (next < summaries.length) {
      const summary = summaries[next++] as Summary;
      const { input, lost: jobLost } = await readJob(clients, send, summary, fail);
      const network = input.ok ? await readNetwork(clients, send, input.job, now, fail) : { snapshot: emptyNetworkSnapshot(now().toISOString()), lost: false };
      const verdict = evaluateJob(input, network.snapshot, { now: now() }).verdict;
      const isLost = jobLost || network.lost;
      if (isLost) lost += 1;
      judged += 1;
      onVerdict(summary.name, verdict, isLost);
    }
  }
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return { listed: summaries.length, judged, lost, listingComplete, failures, resends };
}

async function readJob(clients: PeerClients, send: Send, summary: Summary, fail: (e: CollectorError) => void): Promise<{ input: JobInput; lost: boolean }> {
  let description;
  try {
    description = await send(() => clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: summary.name })));
  } catch (err) {
    const error = toCollectorError(err, 'sagemaker:DescribeTrainingJob', summary.name);
    fail(error);
    return { input: { ok: false, ref: { account: summary.arn.split(':')[4] ?? '', region: clients.region, name: summary.name }, error }, lost: true };
  }
  let tags;
  try {
    tags = (await send(() => clients.sagemaker.send(new ListTagsCommand({ ResourceArn: summary.arn })))).Tags;
  } catch (err) {
    // Tags never change a verdict: a failure here costs the peer calls, not correctness.
    fail(toCollectorError(err, 'sagemaker:ListTags', summary.name));
  }
  return { input: { ok: true, job: mapTrainingJob({ ...description, ...(tags ? { Tags: tags } : {}) }, clients.region) }, lost: false };
}

/**
 * What a per-resource checker reads for one job: its subnets, its VPC's route tables, its security
 * groups — three calls, one after the other, nothing shared with other jobs. A not-found id fails
 * the whole EC2 call, so the checker then asks for each id alone (as it must, to judge the others).
 */
async function readNetwork(
  clients: PeerClients,
  send: Send,
  job: TrainingJobSnapshot,
  now: () => Date,
  fail: (e: CollectorError) => void,
): Promise<{ snapshot: NetworkSnapshot; lost: boolean }> {
  const snapshot = emptyNetworkSnapshot(now().toISOString());
  let lost = false;
  const record = (error: CollectorError) => {
    fail(error);
    if (error.code !== 'not_found') lost = true;
  };
  const subnetIds = [...new Set(job.vpcConfig?.subnets ?? [])];
  const groupIds = [...new Set(job.vpcConfig?.securityGroupIds ?? [])];

  if (subnetIds.length > 0) {
    const subnets = await byIds(subnetIds, 'ec2:DescribeSubnets', async (ids) =>
      ((await send(() => clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ids })))).Subnets ?? []).map(normaliseSubnet),
    record);
    Object.assign(snapshot.subnets, subnets);
    const vpcIds = [...new Set(Object.values(subnets).flatMap((fact) => (fact.ok ? [fact.value.vpcId] : [])))];
    if (vpcIds.length > 0) {
      try {
        const tables = ((await send(() => clients.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: vpcIds }] })))).RouteTables ?? []).map(
          normaliseRouteTable,
        );
        for (const table of tables) {
          snapshot.routeTables[table.id] = table;
          if (table.associations.some((a) => a.main)) snapshot.mainRouteTableByVpc[table.vpcId] = { ok: true, value: table.id };
        }
        for (const vpcId of vpcIds) snapshot.mainRouteTableByVpc[vpcId] ??= { ok: true, value: null };
        for (const id of subnetIds) {
          const explicit = tables.find((t) => t.associations.some((a) => a.subnetId === id && isLiveAssociation(a.state)));
          snapshot.explicitRouteTableBySubnet[id] = { ok: true, value: explicit?.id ?? null };
        }
      } catch (err) {
        const error = toCollectorError(err, 'ec2:DescribeRouteTables', vpcIds.join(','));
        record(error);
        for (const id of subnetIds) snapshot.explicitRouteTableBySubnet[id] = { ok: false, error };
        for (const vpcId of vpcIds) snapshot.mainRouteTableByVpc[vpcId] = { ok: false, error };
      }
    }
  }
  if (groupIds.length > 0) {
    const groups = await byIds(groupIds, 'ec2:DescribeSecurityGroups', async (ids) =>
      ((await send(() => clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ids })))).SecurityGroups ?? []).map(normaliseSecurityGroup),
    record);
    Object.assign(snapshot.securityGroups, groups);
  }
  return { snapshot, lost };
}

async function byIds<T extends { id: string }>(
  ids: string[],
  operation: string,
  fetch: (ids: string[]) => Promise<T[]>,
  record: (e: CollectorError) => void,
): Promise<Record<string, Fact<T>>> {
  const facts: Record<string, Fact<T>> = {};
  try {
    const items = new Map((await fetch(ids)).map((item) => [item.id, item]));
    for (const id of ids) {
      const item = items.get(id);
      facts[id] = item ? { ok: true, value: item } : { ok: false, error: { code: 'not_found', operation, resource: id, message: `${id} not returned` } };
    }
    return facts;
  } catch (err) {
    const error = toCollectorError(err, operation, ids.join(','));
    if (error.code !== 'not_found' || ids.length === 1) {
      record(error);
      for (const id of ids) facts[id] = { ok: false, error: { ...error, resource: id } };
      return facts;
    }
  }
  for (const id of ids) Object.assign(facts, await byIds([id], operation, fetch, record));
  return facts;
}
