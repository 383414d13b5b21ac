// SageMaker through the real SDK v3 client: Describe, ListTrainingJobs, Search, ListTags.
import {
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  paginateListTags,
  paginateSearch,
  SageMakerClient,
  SearchCommand,
  type SearchCommandInput,
  type SearchExpression,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxClientConfig } from './client-config.js';
import { SANDBOX_SCENARIOS, createSandboxWorld } from './scenarios.js';
import { startSandboxAws, type SandboxAws } from './server.js';

const NOW = new Date('2026-11-29T10:00:00Z');
const world = createSandboxWorld({ now: NOW });
const usJobs = SANDBOX_SCENARIOS.filter((s) => s.region === 'us-east-1');
let aws: SandboxAws;
let sm: SageMakerClient;

beforeAll(async () => {
  aws = await startSandboxAws({ world });
  sm = new SageMakerClient(sandboxClientConfig(aws.url, 'us-east-1'));
});
afterAll(async () => {
  sm.destroy();
  await aws.close();
});
beforeEach(() => world.reset());

function iso(daysAgo: number): string {
  return new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 19);
}

async function searchAll(input: Omit<SearchCommandInput, 'Resource'>): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateSearch({ client: sm, pageSize: 4 }, { Resource: 'TrainingJob', ...input })) {
    names.push(...(page.Results ?? []).map((r) => r.TrainingJob?.TrainingJobName ?? '?'));
  }
  return names;
}

describe('DescribeTrainingJob', () => {
  it('returns the record with epoch-second timestamps deserialized to Dates', async () => {
    const out = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: 'churn-xgb-private' }));
    expect(out.TrainingJobStatus).toBe('Completed');
    expect(out.CreationTime).toEqual(new Date(NOW.getTime() - 20 * 3_600_000));
    expect(out.VpcConfig?.Subnets).toHaveLength(1);
    expect(out.ResourceConfig?.KeepAlivePeriodInSeconds).toBe(1800);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['a missing job', 'no-such-job', 'Requested resource not found.'],
    ['an invalid name', 'bad name!', "at 'trainingJobName' failed to satisfy constraint"],
  ])('answers %s with a 400 ValidationException', async (_case, name, message) => {
    const error = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: name })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toContain(message);
  });
});

describe('Search', () => {
  it('defaults to LastModifiedTime descending, 10 per page, with TotalHits and Tags', async () => {
    const out = await sm.send(new SearchCommand({ Resource: 'TrainingJob' }));
    expect(out.Results).toHaveLength(10);
    expect(out.TotalHits).toEqual({ Value: usJobs.length, Relation: 'EqualTo' });
    const modified = (out.Results ?? []).map((r) => r.TrainingJob?.LastModifiedTime?.getTime() ?? 0);
    expect(modified).toEqual([...modified].sort((a, b) => b - a));
    expect(out.Results?.[0]?.TrainingJob?.Tags?.length).toBeGreaterThan(0);
    expect(out.NextToken).toBeDefined();
  });

  it('pages through every job exactly once with paginateSearch, keeping the sort across pages', async () => {
    const names = await searchAll({ SortBy: 'Name', SortOrder: 'Ascending' });
    expect(names).toEqual(usJobs.map((s) => s.job).sort());
  });

  it.each([
    ['CreationTime descending', { SortBy: 'CreationTime', SortOrder: 'Descending' }, (a: number, b: number) => b - a],
    ['CreationTime ascending', { SortBy: 'CreationTime', SortOrder: 'Ascending' }, (a: number, b: number) => a - b],
  ] as const)('sorts by %s across pages', async (_case, sort, order) => {
    const names = await searchAll(sort);
    const created = await Promise.all(names.map(async (n) => (await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: n }))).CreationTime?.getTime() ?? 0));
    expect(names).toHaveLength(usJobs.length);
    expect(created).toEqual([...created].sort(order));
  });

  it.each([
    ['Equals on status', { Filters: [{ Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'InProgress' }] }, ['forecast-lstm-no-s3', 'genai-sft-public-live']],
    ['In on status', { Filters: [{ Name: 'TrainingJobStatus', Operator: 'In', Value: 'Failed,Stopped' }] }, ['ranking-deleted-subnet', 'recsys-split-default']],
    ['Contains on name', { Filters: [{ Name: 'TrainingJobName', Operator: 'Contains', Value: 'deleted' }] }, ['ads-ctr-deleted-sg', 'ranking-deleted-subnet']],
    ['GreaterThan on CreationTime', { Filters: [{ Name: 'CreationTime', Operator: 'GreaterThan', Value: iso(1.5) }] }, ['churn-xgb-private', 'forecast-lstm-no-s3', 'genai-sft-public-live', 'xgb-tune-240412-007-4f1c2a9b']],
    ['a CreationTime window', { Filters: [{ Name: 'CreationTime', Operator: 'GreaterThanOrEqualTo', Value: iso(5) }, { Name: 'CreationTime', Operator: 'LessThan', Value: iso(3) }] }, ['nlp-finetune-main-table', 'shared-vpc-bert']],
    ['LessThanOrEqualTo on LastModifiedTime', { Filters: [{ Name: 'LastModifiedTime', Operator: 'LessThanOrEqualTo', Value: iso(11) }] }, ['ranking-deleted-subnet', 'recsys-split-default']],
    ['Exists on TuningJobArn', { Filters: [{ Name: 'TuningJobArn', Operator: 'Exists' }] }, ['xgb-tune-240412-007-4f1c2a9b']],
    ['NotExists on VpcConfig.Subnets', { Filters: [{ Name: 'VpcConfig.Subnets', Operator: 'NotExists' }] }, ['fraud-detect-no-vpc']],
    ['a tag value', { Filters: [{ Name: 'Tags.team', Operator: 'Equals', Value: 'vision' }] }, ['cv-detector-spot', 'vision-resnet-open-ssh']],
    ['Or of two names', { Operator: 'Or', Filters: [{ Name: 'TrainingJobName', Value: 'churn-xgb-private' }, { Name: 'TrainingJobName', Value: 'shared-vpc-bert' }] }, ['churn-xgb-private', 'shared-vpc-bert']],
    ['NotEquals with a nested And', { Filters: [{ Name: 'TrainingJobStatus', Operator: 'NotEquals', Value: 'Completed' }], SubExpressions: [{ Filters: [{ Name: 'TrainingJobName', Operator: 'Contains', Value: 'e' }] }] }, ['forecast-lstm-no-s3', 'genai-sft-public-live', 'ranking-deleted-subnet', 'recsys-split-default']],
    ['a numeric comparison', { Filters: [{ Name: 'ResourceConfig.InstanceCount', Operator: 'GreaterThan', Value: '1' }] }, ['ads-ctr-deleted-sg', 'dist-bert-encrypted']],
    ['NestedFilters over channels', { NestedFilters: [{ NestedPropertyName: 'InputDataConfig', Filters: [{ Name: 'InputDataConfig.ChannelName', Value: 'train' }] }], Filters: [{ Name: 'TrainingJobName', Operator: 'Contains', Value: 'spot' }] }, ['cv-detector-spot']],
  ] satisfies Array<[string, SearchExpression, string[]]>)('filters with %s', async (_case, expression, expected) => {
    const names = await searchAll({ SearchExpression: expression, SortBy: 'Name', SortOrder: 'Ascending' });
    expect(names).toEqual(expected);
  });

  it('counts TotalHits for the filter and keeps it on later pages', async () => {
    const input = { Resource: 'TrainingJob' as const, MaxResults: 2, SearchExpression: { Filters: [{ Name: 'TrainingJobStatus', Value: 'Completed' }] } };
    const first = await sm.send(new SearchCommand(input));
    const second = await sm.send(new SearchCommand({ ...input, NextToken: first.NextToken }));
    expect(first.TotalHits?.Value).toBe(usJobs.length - 4);
    expect(second.TotalHits?.Value).toBe(first.TotalHits?.Value);
    expect(second.Results?.[0]?.TrainingJob?.TrainingJobName).not.toBe(first.Results?.[1]?.TrainingJob?.TrainingJobName);
  });

  it.each([
    ['MaxResults 0', { MaxResults: 0 }, 'greater than or equal to 1'],
    ['MaxResults 101', { MaxResults: 101 }, 'less than or equal to 100'],
    ['an unknown operator', { SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'Like' as 'Equals', Value: 'x' }] } }, 'enum value set'],
    ['GreaterThan on a text property', { SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'GreaterThan', Value: 'a' }] } }, 'not supported for the string property'],
    ['Contains on a timestamp', { SearchExpression: { Filters: [{ Name: 'CreationTime', Operator: 'Contains', Value: '2026' }] } }, 'only supported for string properties'],
    ['two Contains', { SearchExpression: { Filters: [{ Name: 'TrainingJobName', Operator: 'Contains', Value: 'a' }, { Name: 'TrainingJobArn', Operator: 'Contains', Value: 'b' }] } }, 'only one Contains'],
    ['a bad timestamp', { SearchExpression: { Filters: [{ Name: 'CreationTime', Operator: 'GreaterThan', Value: 'yesterday' }] } }, 'ISO 8601'],
    ['a bad token', { NextToken: 'not-a-token' }, 'Invalid pagination token'],
    ['an unknown sort key', { SortBy: 'Colour' }, 'not a sortable'],
  ] as const)('rejects %s with ValidationException', async (_case, input, message) => {
    const error = await sm.send(new SearchCommand({ Resource: 'TrainingJob', ...(input as object) })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect((error as Error).message).toContain(message);
  });
});

describe('ListTrainingJobs', () => {
  it('defaults to 10 summaries, CreationTime ascending, without VpcConfig', async () => {
    const out = await sm.send(new ListTrainingJobsCommand({}));
    const summaries = out.TrainingJobSummaries ?? [];
    expect(summaries).toHaveLength(10);
    expect(summaries[0]?.TrainingJobName).toBe('recsys-split-default');
    const created = summaries.map((s) => s.CreationTime?.getTime() ?? 0);
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(summaries[0]).not.toHaveProperty('VpcConfig');
    expect(summaries[0]?.SecondaryStatus).toBe('Failed');
  });

  it('cuts the page before filtering by status: empty pages can carry a NextToken', async () => {
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const out = await sm.send(new ListTrainingJobsCommand({ MaxResults: 3, StatusEquals: 'InProgress', NextToken: token }));
      pages.push((out.TrainingJobSummaries ?? []).map((s) => s.TrainingJobName ?? ''));
      token = out.NextToken;
    } while (token);
    expect(pages.length).toBe(Math.ceil(usJobs.length / 3));
    expect(pages[0]).toEqual([]);
    expect(pages.flat().sort()).toEqual(['forecast-lstm-no-s3', 'genai-sft-public-live']);
  });

  it.each([
    ['NameContains', { NameContains: 'xgb' }, ['xgb-tune-240412-007-4f1c2a9b', 'churn-xgb-private']],
    ['CreationTimeAfter', { CreationTimeAfter: new Date(NOW.getTime() - 24 * 3_600_000) }, ['churn-xgb-private', 'forecast-lstm-no-s3', 'genai-sft-public-live']],
    ['CreationTimeBefore + Name descending', { CreationTimeBefore: new Date(NOW.getTime() - 10.5 * 86_400_000), SortBy: 'Name', SortOrder: 'Descending' }, ['recsys-split-default', 'ranking-deleted-subnet', 'dist-bert-encrypted']],
  ] as const)('filters by %s', async (_case, input, expected) => {
    const out = await sm.send(new ListTrainingJobsCommand({ MaxResults: 100, ...input }));
    expect((out.TrainingJobSummaries ?? []).map((s) => s.TrainingJobName)).toEqual(expected);
  });

  it('rejects MaxResults above 100', async () => {
    await expect(sm.send(new ListTrainingJobsCommand({ MaxResults: 101 }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('ListTags', () => {
  const arn = 'arn:aws:sagemaker:us-east-1:123456789012:training-job/fraud-detect-no-vpc';

  it('returns the job tags, including pipeline provenance', async () => {
    const out = await sm.send(new ListTagsCommand({ ResourceArn: arn }));
    expect(out.Tags).toContainEqual({ Key: 'sagemaker:pipeline-step-name', Value: 'TrainModel' });
    expect(out.NextToken).toBeUndefined();
  });

  it('paginates 50 at a time', async () => {
    const record = world.jobs('us-east-1').get(world.jobs('us-east-1').indexOf('fraud-detect-no-vpc') ?? -1);
    const many = Array.from({ length: 120 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    world.putJob('us-east-1', { ...record, Tags: many });
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListTags({ client: sm }, { ResourceArn: arn })) {
      pages++;
      keys.push(...(page.Tags ?? []).map((t) => t.Key ?? ''));
    }
    expect(pages).toBe(3);
    expect(keys).toEqual(many.map((t) => t.Key));
  });

  it.each([
    ['MaxResults below 50', { ResourceArn: arn, MaxResults: 49 }],
    ['an unknown job', { ResourceArn: 'arn:aws:sagemaker:us-east-1:123456789012:training-job/nope' }],
    ['another region', { ResourceArn: arn.replace('us-east-1', 'eu-west-1') }],
  ])('rejects %s', async (_case, input) => {
    await expect(sm.send(new ListTagsCommand(input))).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });
});
