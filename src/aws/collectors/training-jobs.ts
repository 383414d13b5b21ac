/**
 * Training-job inventory. A fleet is read with `Search` (100 full records per call, tags included),
 * falling back to `ListTrainingJobs` + one `DescribeTrainingJob` per job when Search is denied
 * (aws-reference §5). Pages are streamed, never accumulated: accounts with 400k+ jobs exist.
 * AWS failures are data (`CollectorError`); only bugs throw.
 * @module
 */
import {
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SearchCommand,
} from '@aws-sdk/client-sagemaker';
import type {
  ListTrainingJobsCommandInput,
  SearchCommandInput,
  SearchExpression,
  Tag as SdkTag,
  TrainingJobSummary,
} from '@aws-sdk/client-sagemaker';

import type { CollectorError, JobInput, TrainingJobSnapshot, TrainingStatus } from '../../audit/model.js';
import type { AwsClients } from '../clients.js';
import { toCollectorError } from '../errors.js';
import { accountFromArn, mapTrainingJob } from './map-training-job.js';
import type { DescribedTrainingJob } from './map-training-job.js';
import { mapWithConcurrency } from './map-with-concurrency.js';
import { nextTokenParam } from './next-token.js';
import { readAhead } from './read-ahead.js';

/** IAM actions this collector calls (compared with iam-policy.json by a test). */
export const requiredPermissions = [
  'sagemaker:Search',
  'sagemaker:ListTrainingJobs',
  'sagemaker:DescribeTrainingJob',
  'sagemaker:ListTags',
] as const;

type SageMakerClients = Pick<AwsClients, 'region' | 'sagemaker'>;

export type DescribeTrainingJobResult =
  | {
      ok: true;
      job: TrainingJobSnapshot;
      description: DescribedTrainingJob;
      /** Set when tags were asked for and could not be read; the job itself is still good. */
      tagsError?: CollectorError;
    }
  | { ok: false; error: CollectorError };

export interface DescribeOptions {
  /** Also read the job's tags (`ListTags`, one more SageMaker call). */
  withTags?: boolean;
  /**
   * Work that needs only the described job — reading its network — run at the same time as
   * `ListTags` (which needs the ARN, so it can only follow the Describe) and awaited before the
   * result is returned: a single-job check then costs one sequential round trip less.
   */
  whileTagging?: (job: TrainingJobSnapshot) => Promise<unknown>;
}

/**
 * Describe one job (and, when asked, read its tags). A missing job is `not_found` whether SageMaker
 * says `ResourceNotFound` or `ValidationException: Requested resource not found.`
 * @example
 * const result = await describeTrainingJob(clients, 'train-42', { withTags: true, whileTagging: (job) => network.load(idsOf(job)) });
 */
export async function describeTrainingJob(
  clients: SageMakerClients,
  name: string,
  options: DescribeOptions = {},
): Promise<DescribeTrainingJobResult> {
  let description: DescribedTrainingJob;
  try {
    const { $metadata: _metadata, ...output } = await clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
    description = output;
  } catch (err) {
    return { ok: false, error: toCollectorError(err, 'sagemaker:DescribeTrainingJob', name) };
  }
  const job = mapTrainingJob(description, clients.region);
  const arn = description.TrainingJobArn;
  const [tags] = await Promise.all([
    options.withTags === true && arn !== undefined ? listTags(clients, arn, name) : undefined,
    options.whileTagging?.(job),
  ]);
  if (tags === undefined) return { ok: true, job, description };
  if (!tags.ok) return { ok: true, job, description, tagsError: tags.error };
  const tagged: DescribedTrainingJob = { ...description, Tags: tags.value };
  return { ok: true, job: mapTrainingJob(tagged, clients.region), description: tagged };
}

async function listTags(
  clients: SageMakerClients,
  arn: string,
  name: string,
): Promise<{ ok: true; value: SdkTag[] } | { ok: false; error: CollectorError }> {
  const tags: SdkTag[] = [];
  let nextToken: string | undefined;
  try {
    do {
      // ListTags accepts MaxResults 50–100 only.
      const page = await clients.sagemaker.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 100, ...nextTokenParam(nextToken) }));
      tags.push(...(page.Tags ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
  } catch (err) {
    return { ok: false, error: toCollectorError(err, 'sagemaker:ListTags', name) };
  }
  return { ok: true, value: tags };
}

export interface TrainingJobScope {
  /** Jobs created at or after this time. */
  since?: Date;
  status?: TrainingStatus;
  /** Stop after this many jobs, newest first. */
  maxJobs?: number;
}

export interface StreamTrainingJobsHooks {
  /** Something the run's report should say, e.g. that Search was denied and the fallback was used. */
  onNotice?: (message: string) => void;
  /** The listing itself failed: the stream ends and the run is incomplete. */
  onError?: (error: CollectorError) => void;
  /** DescribeTrainingJob calls in flight on the fallback path. [4] */
  describeConcurrency?: number;
  /** Pages fetched ahead while the consumer works on the current one (bounded memory). [0] */
  readAhead?: number;
}

const PAGE_SIZE = 100;

export const SEARCH_FALLBACK_NOTICE =
  'sagemaker:Search was denied, so the audit fell back to ListTrainingJobs + DescribeTrainingJob (one call per job, slower, no tags): grant sagemaker:Search to the bot\'s role (see iam-policy.json).';

/**
 * Pages of jobs for one region, newest first.
 * @example
 * for await (const page of streamTrainingJobs(clients, { since }, { onError, readAhead: 5 })) audit(page);
 */
export function streamTrainingJobs(
  clients: SageMakerClients,
  scope: TrainingJobScope,
  hooks: StreamTrainingJobsHooks = {},
): AsyncGenerator<JobInput[], void, undefined> {
  return readAhead(searchPages(clients, scope, hooks), hooks.readAhead ?? 0);
}

async function* searchPages(
  clients: SageMakerClients,
  scope: TrainingJobScope,
  hooks: StreamTrainingJobsHooks,
): AsyncGenerator<JobInput[], void, undefined> {
  const limit = scope.maxJobs ?? Number.POSITIVE_INFINITY;
  const expression = searchExpression(scope);
  let emitted = 0;
  let nextToken: string | undefined;
  let firstPage = true;
  while (emitted < limit) {
    const input: SearchCommandInput = {
      Resource: 'TrainingJob',
      MaxResults: PAGE_SIZE,
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      ...(expression === undefined ? {} : { SearchExpression: expression }),
      ...nextTokenParam(nextToken),
    };
    let results;
    try {
      ({ Results: results, NextToken: nextToken } = await clients.sagemaker.send(new SearchCommand(input)));
    } catch (err) {
      const error = toCollectorError(err, 'sagemaker:Search');
      if (firstPage && error.code === 'access_denied') {
        hooks.onNotice?.(SEARCH_FALLBACK_NOTICE);
        yield* listAndDescribe(clients, scope, hooks);
      } else {
        hooks.onError?.(error);
      }
      return;
    }
    firstPage = false;
    const page: JobInput[] = [];
    for (const result of results ?? []) {
      if (result.TrainingJob === undefined || emitted + page.length >= limit) continue;
      page.push({ ok: true, job: mapTrainingJob(result.TrainingJob, clients.region) });
    }
    emitted += page.length;
    if (page.length > 0) yield page;
    if (!nextToken) return;
  }
}

/** Server-side filters on time and status only; `VpcConfig` is judged client-side (aws-reference §5). */
function searchExpression(scope: TrainingJobScope): SearchExpression | undefined {
  const filters: NonNullable<SearchExpression['Filters']> = [];
  if (scope.since !== undefined) {
    // Search wants `YYYY-MM-DDTHH:MM:SS`: no milliseconds, no zone (UTC).
    filters.push({ Name: 'CreationTime', Operator: 'GreaterThanOrEqualTo', Value: scope.since.toISOString().slice(0, 19) });
  }
  if (scope.status !== undefined) filters.push({ Name: 'TrainingJobStatus', Operator: 'Equals', Value: scope.status });
  return filters.length === 0 ? undefined : { Filters: filters };
}

async function* listAndDescribe(
  clients: SageMakerClients,
  scope: TrainingJobScope,
  hooks: StreamTrainingJobsHooks,
): AsyncGenerator<JobInput[], void, undefined> {
  const limit = scope.maxJobs ?? Number.POSITIVE_INFINITY;
  const concurrency = hooks.describeConcurrency ?? 4;
  let emitted = 0;
  let nextToken: string | undefined;
  while (emitted < limit) {
    const input: ListTrainingJobsCommandInput = {
      MaxResults: PAGE_SIZE,
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      ...(scope.since === undefined ? {} : { CreationTimeAfter: scope.since }),
      ...(scope.status === undefined ? {} : { StatusEquals: scope.status }),
      ...nextTokenParam(nextToken),
    };
    let summaries: TrainingJobSummary[];
    try {
      const output = await clients.sagemaker.send(new ListTrainingJobsCommand(input));
      summaries = (output.TrainingJobSummaries ?? []).slice(0, limit - emitted);
      nextToken = output.NextToken;
    } catch (err) {
      hooks.onError?.(toCollectorError(err, 'sagemaker:ListTrainingJobs'));
      return;
    }
    const page = await mapWithConcurrency(summaries, concurrency, (summary) => describeSummary(clients, summary));
    emitted += page.length;
    if (page.length > 0) yield page;
    // With StatusEquals, pages can be empty while more remain: only a missing token ends the list.
    if (!nextToken) return;
  }
}

async function describeSummary(clients: SageMakerClients, summary: TrainingJobSummary): Promise<JobInput> {
  const name = summary.TrainingJobName ?? '';
  const result = await describeTrainingJob(clients, name);
  if (result.ok) return { ok: true, job: result.job };
  // Never dropped: the engine reports it as unknown, naming the error.
  return { ok: false, ref: { account: accountFromArn(summary.TrainingJobArn) ?? '', region: clients.region, name }, error: result.error };
}
