import {
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  SearchCommand,
} from '@aws-sdk/client-sagemaker';
import type { DescribeTrainingJobCommandOutput, SearchCommandOutput } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

import type { CollectorError, JobInput } from '../../audit/model.js';
import { SEARCH_FALLBACK_NOTICE, describeTrainingJob, streamTrainingJobs } from './training-jobs.js';
import type { StreamTrainingJobsHooks, TrainingJobScope } from './training-jobs.js';

const sagemaker = mockClient(SageMakerClient);
const clients = { region: 'us-east-1', sagemaker: new SageMakerClient({ region: 'us-east-1' }) };
const account = '111122223333';
const arnOf = (name: string) => `arn:aws:sagemaker:us-east-1:${account}:training-job/${name}`;

function awsError(name: string, message = name, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
}

function describeOutput(name: string): DescribeTrainingJobCommandOutput {
  return {
    $metadata: { httpStatusCode: 200, requestId: 'req-1' },
    TrainingJobName: name,
    TrainingJobArn: arnOf(name),
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    AlgorithmSpecification: { TrainingInputMode: 'File' },
    ModelArtifacts: { S3ModelArtifacts: 's3://b/m' },
    ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
    StoppingCondition: {},
    CreationTime: new Date('2026-11-01T00:00:00Z'),
    VpcConfig: { Subnets: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
  };
}

function searchPage(names: string[], nextToken?: string): SearchCommandOutput {
  return {
    $metadata: {},
    Results: names.map((name) => ({ TrainingJob: { TrainingJobName: name, TrainingJobArn: arnOf(name), TrainingJobStatus: 'Completed' } })),
    ...(nextToken === undefined ? {} : { NextToken: nextToken }),
  };
}

function listPage(names: string[], nextToken?: string) {
  return {
    TrainingJobSummaries: names.map((name) => ({
      TrainingJobName: name,
      TrainingJobArn: arnOf(name),
      CreationTime: new Date('2026-11-01T00:00:00Z'),
      TrainingJobStatus: 'Completed' as const,
    })),
    ...(nextToken === undefined ? {} : { NextToken: nextToken }),
  };
}

const names = (count: number, prefix = 'job') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

async function collect(scope: TrainingJobScope, hooks: StreamTrainingJobsHooks = {}): Promise<JobInput[][]> {
  const pages: JobInput[][] = [];
  for await (const page of streamTrainingJobs(clients, scope, hooks)) pages.push(page);
  return pages;
}

const jobNames = (pages: JobInput[][]) => pages.flat().map((input) => (input.ok ? input.job.name : input.ref.name));

beforeEach(() => {
  sagemaker.reset();
});

describe('describeTrainingJob', () => {
  it('returns the snapshot and the Describe output without $metadata', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(describeOutput('train-42'));

    const result = await describeTrainingJob(clients, 'train-42');

    expect(sagemaker).toHaveReceivedCommandTimes(DescribeTrainingJobCommand, 1);
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand)[0]?.args[0].input).toEqual({ TrainingJobName: 'train-42' });
    expect(sagemaker).not.toHaveReceivedCommand(ListTagsCommand);
    if (!result.ok) throw new Error('expected ok');
    expect(result.description).not.toHaveProperty('$metadata');
    expect(result.description.AlgorithmSpecification).toEqual({ TrainingInputMode: 'File' });
    expect(result.job).toMatchObject({ name: 'train-42', account, region: 'us-east-1', vpcConfig: { subnets: ['subnet-1'], securityGroupIds: ['sg-1'] } });
    expect(result.job).not.toHaveProperty('tags');
  });

  it('reads every page of tags when asked', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(describeOutput('train-42'));
    sagemaker
      .on(ListTagsCommand)
      .resolvesOnce({ Tags: [{ Key: 'team', Value: 'ml' }], NextToken: 'tags-2' })
      .resolvesOnce({ Tags: [{ Key: 'cost-center', Value: '42' }] });

    const result = await describeTrainingJob(clients, 'train-42', { withTags: true });

    const inputs = sagemaker.commandCalls(ListTagsCommand).map((call) => call.args[0].input);
    expect(inputs).toEqual([
      { ResourceArn: arnOf('train-42'), MaxResults: 100 },
      { ResourceArn: arnOf('train-42'), MaxResults: 100, NextToken: 'tags-2' },
    ]);
    if (!result.ok) throw new Error('expected ok');
    expect(result.job.tags).toEqual([
      { key: 'team', value: 'ml' },
      { key: 'cost-center', value: '42' },
    ]);
    expect(result.description.Tags).toEqual([
      { Key: 'team', Value: 'ml' },
      { Key: 'cost-center', Value: '42' },
    ]);
    expect(result).not.toHaveProperty('tagsError');
  });

  it('runs whileTagging with the described job at the same time as ListTags, and waits for both', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(describeOutput('train-42'));
    let releaseTags: () => void = () => undefined;
    sagemaker.on(ListTagsCommand).callsFake(
      () => new Promise((resolve) => (releaseTags = () => resolve({ Tags: [{ Key: 'team', Value: 'ml' }] }))),
    );
    const seen: string[] = [];
    let tagsPending = false;

    const result = await describeTrainingJob(clients, 'train-42', {
      withTags: true,
      whileTagging: async (job) => {
        await Promise.resolve();
        tagsPending = sagemaker.commandCalls(ListTagsCommand).length === 1;
        seen.push(`${job.name}:${job.vpcConfig?.subnets.join(',')}`);
        releaseTags();
      },
    });

    expect(tagsPending).toBe(true);
    expect(seen).toEqual(['train-42:subnet-1']);
    expect(result).toMatchObject({ ok: true, job: { tags: [{ key: 'team', value: 'ml' }] } });
  });

  it('runs whileTagging without tags too, and not at all when the Describe fails', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolvesOnce(describeOutput('train-42')).rejects(awsError('AccessDeniedException'));
    const seen: string[] = [];
    const whileTagging = async (job: { name: string }) => void seen.push(job.name);

    await describeTrainingJob(clients, 'train-42', { whileTagging });
    await describeTrainingJob(clients, 'train-43', { withTags: true, whileTagging });

    expect(seen).toEqual(['train-42']);
    expect(sagemaker).toHaveReceivedCommandTimes(ListTagsCommand, 0);
  });

  it('records a tag failure on the result instead of failing the job', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves(describeOutput('train-42'));
    sagemaker.on(ListTagsCommand).rejects(awsError('AccessDeniedException'));

    const result = await describeTrainingJob(clients, 'train-42', { withTags: true });

    expect(result).toMatchObject({ ok: true, tagsError: { code: 'access_denied', operation: 'sagemaker:ListTags', resource: 'train-42' } });
    if (result.ok) expect(result.job).not.toHaveProperty('tags');
  });

  it.each`
    shape                                        | error
    ${'ValidationException (what AWS sends)'}    | ${awsError('ValidationException', 'Requested resource not found.')}
    ${'ResourceNotFound (what the model says)'}  | ${awsError('ResourceNotFound', 'Training job train-42 not found')}
  `('reports a missing job as not_found: $shape', async ({ error }: { error: Error }) => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(error);

    const result = await describeTrainingJob(clients, 'train-42');

    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', operation: 'sagemaker:DescribeTrainingJob', resource: 'train-42', message: 'train-42 was not found (sagemaker:DescribeTrainingJob).' },
    });
  });

  it('reports access denied with the action to grant', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('AccessDeniedException', 'not authorized'));

    const result = await describeTrainingJob(clients, 'train-42');

    expect(result).toMatchObject({ ok: false, error: { code: 'access_denied', operation: 'sagemaker:DescribeTrainingJob' } });
    if (!result.ok) expect(result.error.message).toContain('grant sagemaker:DescribeTrainingJob');
  });
});

describe('streamTrainingJobs with Search', () => {
  const base = { Resource: 'TrainingJob', MaxResults: 100, SortBy: 'CreationTime', SortOrder: 'Descending' };

  it('follows NextToken across pages, yielding each page as it comes', async () => {
    sagemaker
      .on(SearchCommand)
      .resolvesOnce(searchPage(names(100, 'a'), 'token-2'))
      .resolvesOnce(searchPage(names(100, 'b'), 'token-3'))
      .resolvesOnce(searchPage(names(7, 'c')));

    const pages = await collect({});

    expect(pages.map((page) => page.length)).toEqual([100, 100, 7]);
    expect(sagemaker.commandCalls(SearchCommand).map((call) => call.args[0].input)).toEqual([
      base,
      { ...base, NextToken: 'token-2' },
      { ...base, NextToken: 'token-3' },
    ]);
    expect(pages[0]?.[0]).toEqual({ ok: true, job: expect.objectContaining({ name: 'a-0', account, region: 'us-east-1' }) });
  });

  it.each`
    name                | scope                                                                       | expression
    ${'since'}          | ${{ since: new Date('2026-10-30T12:34:56.789Z') }}                          | ${{ Filters: [{ Name: 'CreationTime', Operator: 'GreaterThanOrEqualTo', Value: '2026-10-30T12:34:56' }] }}
    ${'status'}         | ${{ status: 'InProgress' }}                                                 | ${{ Filters: [{ Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'InProgress' }] }}
    ${'since + status'} | ${{ since: new Date('2026-01-01T00:00:00Z'), status: 'Failed' }}             | ${{ Filters: [{ Name: 'CreationTime', Operator: 'GreaterThanOrEqualTo', Value: '2026-01-01T00:00:00' }, { Name: 'TrainingJobStatus', Operator: 'Equals', Value: 'Failed' }] }}
  `('filters server-side on $name', async ({ scope, expression }) => {
    sagemaker.on(SearchCommand).resolves(searchPage(['x']));

    await collect(scope);

    expect(sagemaker.commandCalls(SearchCommand)[0]?.args[0].input).toEqual({ ...base, SearchExpression: expression });
  });

  it('reads pages ahead of a slow consumer, at most readAhead of them, in order', async () => {
    sagemaker.on(SearchCommand).callsFake((input: { NextToken?: string }) => {
      const page = Number(input.NextToken ?? '0');
      return searchPage(names(100, `p${page}`), page < 9 ? String(page + 1) : undefined);
    });
    const stream = streamTrainingJobs(clients, {}, { readAhead: 3 });

    const first = await stream.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The page being worked on, plus three read ahead.
    expect(sagemaker).toHaveReceivedCommandTimes(SearchCommand, 4);

    const rest: JobInput[][] = [];
    for await (const page of stream) rest.push(page);
    expect(jobNames([first.value as JobInput[], ...rest])).toEqual(Array.from({ length: 10 }, (_, p) => names(100, `p${p}`)).flat());
    expect(sagemaker).toHaveReceivedCommandTimes(SearchCommand, 10);
  });

  it('sends no SearchExpression at all without filters', async () => {
    sagemaker.on(SearchCommand).resolves(searchPage(['x']));

    await collect({});

    expect(sagemaker.commandCalls(SearchCommand)[0]?.args[0].input).not.toHaveProperty('SearchExpression');
  });

  it('stops at maxJobs, newest first', async () => {
    sagemaker.on(SearchCommand).callsFake((input: { NextToken?: string }) => searchPage(names(100, input.NextToken ?? 'p0'), `${input.NextToken ?? 'p0'}+`));

    const pages = await collect({ maxJobs: 250 });

    expect(sagemaker).toHaveReceivedCommandTimes(SearchCommand, 3);
    expect(pages.flat()).toHaveLength(250);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
  });

  it('ends the stream and reports a failure after the first page, without falling back', async () => {
    const errors: CollectorError[] = [];
    sagemaker
      .on(SearchCommand)
      .resolvesOnce(searchPage(['a', 'b'], 'token-2'))
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'));

    const pages = await collect({}, { onError: (error) => errors.push(error) });

    expect(jobNames(pages)).toEqual(['a', 'b']);
    expect(errors).toMatchObject([{ code: 'throttled', operation: 'sagemaker:Search' }]);
    expect(sagemaker).not.toHaveReceivedCommand(ListTrainingJobsCommand);
  });

  it('does not fall back when the first page fails for another reason than access', async () => {
    const errors: CollectorError[] = [];
    sagemaker.on(SearchCommand).rejects(awsError('InternalFailure', 'oops', 500));

    const pages = await collect({}, { onError: (error) => errors.push(error) });

    expect(pages).toEqual([]);
    expect(errors).toMatchObject([{ code: 'unavailable', operation: 'sagemaker:Search' }]);
    expect(sagemaker).not.toHaveReceivedCommand(ListTrainingJobsCommand);
  });
});

describe('streamTrainingJobs when Search is denied', () => {
  const listBase = { MaxResults: 100, SortBy: 'CreationTime', SortOrder: 'Descending' };

  beforeEach(() => {
    sagemaker.on(SearchCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: sagemaker:Search'));
    sagemaker.on(DescribeTrainingJobCommand).callsFake((input: { TrainingJobName: string }) => describeOutput(input.TrainingJobName));
  });

  it('says so and falls back to ListTrainingJobs + DescribeTrainingJob', async () => {
    const notices: string[] = [];
    const since = new Date('2026-11-01T00:00:00Z');
    sagemaker.on(ListTrainingJobsCommand).resolves(listPage(['j1', 'j2', 'j3']));

    const pages = await collect({ since, status: 'Completed' }, { onNotice: (message) => notices.push(message) });

    expect(notices).toEqual([SEARCH_FALLBACK_NOTICE]);
    expect(notices[0]).toContain('fell back to ListTrainingJobs + DescribeTrainingJob');
    expect(sagemaker.commandCalls(ListTrainingJobsCommand)[0]?.args[0].input).toEqual({ ...listBase, CreationTimeAfter: since, StatusEquals: 'Completed' });
    expect(sagemaker.commandCalls(DescribeTrainingJobCommand).map((call) => call.args[0].input)).toEqual([
      { TrainingJobName: 'j1' },
      { TrainingJobName: 'j2' },
      { TrainingJobName: 'j3' },
    ]);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.map((input) => input.ok && input.job.vpcConfig)).toEqual(Array(3).fill({ subnets: ['subnet-1'], securityGroupIds: ['sg-1'] }));
  });

  it('follows NextToken across empty pages (the StatusEquals quirk)', async () => {
    sagemaker
      .on(ListTrainingJobsCommand)
      .resolvesOnce(listPage([], 'next-1'))
      .resolvesOnce(listPage([], 'next-2'))
      .resolvesOnce(listPage(['late-1', 'late-2']));

    const pages = await collect({ status: 'InProgress' });

    expect(sagemaker.commandCalls(ListTrainingJobsCommand).map((call) => call.args[0].input)).toEqual([
      { ...listBase, StatusEquals: 'InProgress' },
      { ...listBase, StatusEquals: 'InProgress', NextToken: 'next-1' },
      { ...listBase, StatusEquals: 'InProgress', NextToken: 'next-2' },
    ]);
    expect(jobNames(pages)).toEqual(['late-1', 'late-2']);
  });

  it('keeps a job whose Describe fails, as { ok: false }, in its place', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves(listPage(['j1', 'gone', 'j3']));
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'gone' }).rejects(awsError('ValidationException', 'Requested resource not found.'));

    const [page] = await collect({});

    expect(page?.map((input) => input.ok)).toEqual([true, false, true]);
    expect(page?.[1]).toEqual({
      ok: false,
      ref: { account, region: 'us-east-1', name: 'gone' },
      error: expect.objectContaining({ code: 'not_found', operation: 'sagemaker:DescribeTrainingJob', resource: 'gone' }),
    });
  });

  it('describes no more than maxJobs', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves(listPage(names(100), 'more'));

    const pages = await collect({ maxJobs: 5 });

    expect(jobNames(pages)).toEqual(names(5));
    expect(sagemaker).toHaveReceivedCommandTimes(ListTrainingJobsCommand, 1);
    expect(sagemaker).toHaveReceivedCommandTimes(DescribeTrainingJobCommand, 5);
  });

  it('keeps at most describeConcurrency Describe calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    sagemaker.on(ListTrainingJobsCommand).resolves(listPage(names(12)));
    sagemaker.on(DescribeTrainingJobCommand).callsFake(async (input: { TrainingJobName: string }) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return describeOutput(input.TrainingJobName);
    });

    const pages = await collect({}, { describeConcurrency: 3 });

    expect(jobNames(pages)).toEqual(names(12));
    expect(peak).toBe(3);
  });

  it('reports a listing failure mid-way and ends the stream', async () => {
    const errors: CollectorError[] = [];
    sagemaker
      .on(ListTrainingJobsCommand)
      .resolvesOnce(listPage(['j1'], 'next'))
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'));

    const pages = await collect({}, { onError: (error) => errors.push(error) });

    expect(jobNames(pages)).toEqual(['j1']);
    expect(errors).toMatchObject([{ code: 'throttled', operation: 'sagemaker:ListTrainingJobs' }]);
  });
});
