/**
 * The SageMaker operations the product calls, answered from the world with the service's own
 * validation, defaults, pagination and quirks: `DescribeTrainingJob` (a missing job is a
 * `ValidationException`, as the real service answers), `ListTrainingJobs` (StatusEquals filters
 * *after* the page is cut), `Search` over training jobs, and `ListTags`.
 * @module
 */
import { countMatches, creationRange, cursorFromToken, decodeToken, encodeToken, scanJobs, type SortKey } from './job-query.js';
import { AwsError } from './protocol.js';
import { compileSearch, type SearchExpression } from './sagemaker-search.js';
import type { JobStore, JobSummary, TrainingJobRecord } from './training-job-types.js';
import type { SandboxWorld } from './world.js';

export interface SageMakerContext {
  world: SandboxWorld;
  region: string;
}

type Input = Record<string, unknown>;

export const SAGEMAKER_OPERATIONS = ['DescribeTrainingJob', 'ListTrainingJobs', 'Search', 'ListTags'] as const;

const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped', 'Deleting'];
/** The members a Search record's `TrainingJob` carries (the SearchRecord shape, plus Tags). */
const SEARCH_MEMBERS: ReadonlySet<string> = new Set([
  'TrainingJobName', 'TrainingJobArn', 'TuningJobArn', 'LabelingJobArn', 'AutoMLJobArn', 'ModelArtifacts',
  'TrainingJobStatus', 'SecondaryStatus', 'FailureReason', 'HyperParameters', 'AlgorithmSpecification', 'RoleArn',
  'InputDataConfig', 'OutputDataConfig', 'ResourceConfig', 'WarmPoolStatus', 'VpcConfig', 'StoppingCondition',
  'CreationTime', 'TrainingStartTime', 'TrainingEndTime', 'LastModifiedTime', 'SecondaryStatusTransitions',
  'FinalMetricDataList', 'EnableNetworkIsolation', 'EnableInterContainerTrafficEncryption', 'EnableManagedSpotTraining',
  'CheckpointConfig', 'TrainingTimeInSeconds', 'BillableTimeInSeconds', 'DebugHookConfig', 'ExperimentConfig',
  'DebugRuleConfigurations', 'TensorBoardOutputConfig', 'DebugRuleEvaluationStatuses', 'ProfilerConfig',
  'Environment', 'RetryStrategy', 'Tags',
]);

function invalid(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

function constraint(value: unknown, member: string, rule: string): AwsError {
  return invalid(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`);
}

function intParam(input: Input, key: string, member: string, min: number, max: number, fallback: number): number {
  const value = input[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw constraint(value, member, 'Member must be an integer');
  if (value < min) throw constraint(value, member, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw constraint(value, member, `Member must have value less than or equal to ${max}`);
  return value;
}

function enumParam<T extends string>(input: Input, key: string, member: string, allowed: readonly T[], fallback: T): T {
  const value = input[key];
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw constraint(value, member, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  return value as T;
}

/** awsJson timestamps arrive as epoch seconds. */
function timeParam(input: Input, key: string): number | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw invalid(`${key} must be a timestamp.`);
  return Math.round(value * 1000);
}

function tokenParam(input: Input): Record<string, unknown> | undefined {
  const token = input.NextToken;
  if (token === undefined) return undefined;
  const payload = typeof token === 'string' ? decodeToken(token) : undefined;
  if (!payload) throw invalid('Invalid pagination token.');
  return payload;
}

export function describeRecord(job: TrainingJobRecord): Omit<TrainingJobRecord, 'Tags'> {
  const { Tags: _tags, ...describe } = job;
  return describe;
}

export function searchRecord(job: TrainingJobRecord): Partial<TrainingJobRecord> {
  return Object.fromEntries(Object.entries(job).filter(([key]) => SEARCH_MEMBERS.has(key)));
}

function describeTrainingJob(input: Input, store: JobStore): unknown {
  const name = input.TrainingJobName;
  if (typeof name !== 'string' || !JOB_NAME.test(name)) {
    throw constraint(name, 'trainingJobName', `Member must satisfy regular expression pattern: ${JOB_NAME.source}`);
  }
  const index = store.indexOf(name);
  // The model names ResourceNotFound, but the service answers a missing job like this.
  if (index === undefined) throw invalid('Requested resource not found.');
  return describeRecord(store.get(index));
}

function listTrainingJobs(input: Input, store: JobStore): unknown {
  const limit = intParam(input, 'MaxResults', 'maxResults', 1, 100, 10);
  const sortBy = enumParam(input, 'SortBy', 'sortBy', ['Name', 'CreationTime', 'Status'] as const, 'CreationTime');
  const descending = enumParam(input, 'SortOrder', 'sortOrder', ['Ascending', 'Descending'] as const, 'Ascending') === 'Descending';
  const status = input.StatusEquals === undefined ? undefined : enumParam(input, 'StatusEquals', 'statusEquals', STATUSES, 'InProgress');
  const createdAfter = timeParam(input, 'CreationTimeAfter');
  const createdBefore = timeParam(input, 'CreationTimeBefore');
  const modifiedAfter = timeParam(input, 'LastModifiedTimeAfter');
  const modifiedBefore = timeParam(input, 'LastModifiedTimeBefore');
  const nameContains = typeof input.NameContains === 'string' ? input.NameContains : undefined;
  const token = tokenParam(input);

  // StatusEquals is deliberately not part of the scan: the service cuts the page to MaxResults
  // first and filters by status afterwards, so pages can be empty while NextToken is present.
  const match = (_: number, s: JobSummary): boolean =>
    (createdAfter === undefined || s.creationTime > createdAfter) &&
    (createdBefore === undefined || s.creationTime < createdBefore) &&
    (modifiedAfter === undefined || s.lastModifiedTime > modifiedAfter) &&
    (modifiedBefore === undefined || s.lastModifiedTime < modifiedBefore) &&
    (nameContains === undefined || s.name.includes(nameContains));
  const range = creationRange(store, {
    ...(createdAfter !== undefined ? { after: { time: createdAfter, inclusive: false } } : {}),
    ...(createdBefore !== undefined ? { before: { time: createdBefore, inclusive: false } } : {}),
  });
  const after = token ? cursorFromToken(token) : undefined;
  const page = scanJobs({ store, sortBy, descending, match, limit, range, ...(after ? { after } : {}) });
  const summaries = page.items
    .map((item) => store.get(item.index))
    .filter((job) => status === undefined || job.TrainingJobStatus === status)
    .map((job) => ({
      TrainingJobName: job.TrainingJobName,
      TrainingJobArn: job.TrainingJobArn,
      CreationTime: job.CreationTime,
      TrainingEndTime: job.TrainingEndTime,
      LastModifiedTime: job.LastModifiedTime,
      TrainingJobStatus: job.TrainingJobStatus,
      SecondaryStatus: job.SecondaryStatus,
      WarmPoolStatus: job.WarmPoolStatus,
    }));
  const last = page.items.at(-1);
  return {
    TrainingJobSummaries: summaries,
    ...(page.more && last ? { NextToken: encodeToken({ k: last.key, i: last.index }) } : {}),
  };
}

const SEARCH_SORT: Record<string, SortKey> = {
  CreationTime: 'CreationTime',
  LastModifiedTime: 'LastModifiedTime',
  Name: 'Name',
  TrainingJobName: 'Name',
  TrainingJobStatus: 'Status',
};

function search(input: Input, store: JobStore): unknown {
  if (input.Resource !== 'TrainingJob') {
    throw invalid(`The sandbox searches Resource 'TrainingJob' only, not '${String(input.Resource)}'.`);
  }
  const limit = intParam(input, 'MaxResults', 'maxResults', 1, 100, 10);
  const sortName = typeof input.SortBy === 'string' ? input.SortBy : 'LastModifiedTime';
  const sortBy = SEARCH_SORT[sortName];
  if (!sortBy) throw invalid(`SortBy '${sortName}' is not a sortable TrainingJob property.`);
  const descending = enumParam(input, 'SortOrder', 'sortOrder', ['Ascending', 'Descending'] as const, 'Descending') === 'Descending';
  const compiled = compileSearch(store, input.SearchExpression as SearchExpression | undefined);
  const token = tokenParam(input);
  const range = creationRange(store, compiled.bounds);
  // TotalHits is counted once, on the first page, and carried in the token: paging stays O(page).
  const total = typeof token?.t === 'number' ? token.t : countMatches(store, range, compiled.match);
  const after = token ? cursorFromToken(token) : undefined;
  const page = scanJobs({
    store, sortBy, descending, limit, range,
    ...(compiled.match ? { match: compiled.match } : {}),
    ...(after ? { after } : {}),
  });
  const last = page.items.at(-1);
  return {
    Results: page.items.map((item) => ({ TrainingJob: searchRecord(store.get(item.index)) })),
    ...(page.more && last ? { NextToken: encodeToken({ k: last.key, i: last.index, t: total }) } : {}),
    TotalHits: { Value: total, Relation: 'EqualTo' },
  };
}

function listTags(input: Input, ctx: SageMakerContext): unknown {
  const arn = input.ResourceArn;
  if (typeof arn !== 'string' || arn.length === 0) throw constraint(arn, 'resourceArn', 'Member must not be null');
  const limit = intParam(input, 'MaxResults', 'maxResults', 50, 100, 50);
  const token = tokenParam(input);
  const match = /^arn:aws:sagemaker:([^:]+):(\d{12}):training-job\/(.+)$/.exec(arn);
  const store = ctx.world.jobs(ctx.region);
  const index = match && match[1] === ctx.region && match[2] === ctx.world.accountId ? store.indexOf(match[3] ?? '') : undefined;
  const job = index === undefined ? undefined : store.get(index);
  if (job?.TrainingJobArn !== arn) throw invalid('Requested resource not found.');
  const tags = job.Tags;
  const offset = typeof token?.o === 'number' ? token.o : 0;
  const next = offset + limit;
  return {
    Tags: tags.slice(offset, next),
    ...(next < tags.length ? { NextToken: encodeToken({ o: next }) } : {}),
  };
}

/** Answers one SageMaker operation or throws the `AwsError` the service would return. */
export function handleSageMaker(operation: string, input: Input, ctx: SageMakerContext): unknown {
  const store = ctx.world.jobs(ctx.region);
  switch (operation) {
    case 'DescribeTrainingJob':
      return describeTrainingJob(input, store);
    case 'ListTrainingJobs':
      return listTrainingJobs(input, store);
    case 'Search':
      return search(input, store);
    case 'ListTags':
      return listTags(input, ctx);
    default:
      throw new AwsError('UnknownOperationException', `The sandbox does not implement SageMaker.${operation}.`);
  }
}
