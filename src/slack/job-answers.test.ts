import { describe, expect, it } from 'vitest';
import type { CheckJobOutcome } from '../app/audit-service.js';
import type { CollectorError, ErrorCode, JobReport } from '../audit/model.js';
import { ActionId, decodeValue } from './ids.js';
import { messageForOutcome, unreadableJobError } from './job-answers.js';
import { buildReport, NOW } from './views/testing/fixtures.js';
import { buttons, mrkdwnTexts } from './views/testing/inspect.js';

type Description = NonNullable<Extract<CheckJobOutcome, { status: 'ok' }>['description']>;

function okOutcome(report: JobReport, errors: CollectorError[] = [], described = true): CheckJobOutcome {
  return {
    status: 'ok',
    report,
    document: { schemaVersion: 1, generatedAt: NOW.toISOString(), jobs: [report], summary: { jobs: 1, pass: 0, fail: 1, unknown: 0 }, errors },
    ...(described ? { description: { TrainingJobName: report.name } as Description } : {}),
  };
}

const describeFailed = (code: ErrorCode): CollectorError => ({
  code,
  operation: 'sagemaker:DescribeTrainingJob',
  resource: 'train-42',
  message: `sagemaker:DescribeTrainingJob failed (${code}).`,
});
const unreadable = (code: ErrorCode) => okOutcome(buildReport({ account: 'unknown', verdict: 'unknown', vpc: undefined }), [describeFailed(code)], false);

describe('messageForOutcome', () => {
  it.each`
    code               | text
    ${'access_denied'} | ${'Access denied: sagemaker:DescribeTrainingJob'}
    ${'throttled'}     | ${'AWS is throttling requests; try again in a minute'}
    ${'timeout'}       | ${'The check timed out; try again'}
    ${'unavailable'}   | ${'AWS could not answer sagemaker:DescribeTrainingJob; try again'}
    ${'unknown'}       | ${'AWS could not answer sagemaker:DescribeTrainingJob; try again'}
  `('a job that could not be described ($code) is an error with Try again, not an all-unknown report', ({ code, text }: { code: ErrorCode; text: string }) => {
    const message = messageForOutcome(unreadable(code));

    expect(message.text).toBe(text);
    expect(mrkdwnTexts(message).join('\n')).not.toContain('No VpcConfig');
    const [retry] = buttons(message);
    expect(retry?.actionId).toBe(ActionId.recheckJob);
    expect(decodeValue('job', retry?.value)).toEqual({ ok: true, value: { v: 1, account: '', region: 'us-east-1', job: 'train-42' } });
  });

  it('a described job is its report, even when other reads failed', () => {
    const outcome = okOutcome(buildReport(), [{ code: 'access_denied', operation: 'ec2:DescribeRouteTables', message: 'denied' }]);

    expect(unreadableJobError(outcome)).toBeUndefined();
    expect(messageForOutcome(outcome).text).toMatch(/^FAIL — train-42 in us-east-1/);
  });

  it.each`
    account           | expected
    ${'123456789012'} | ${'(account `123456789012`)'}
    ${undefined}      | ${"(in the account of the bot's AWS credentials)"}
  `('not found names the region and $expected', ({ account, expected }: { account?: string; expected: string }) => {
    const message = messageForOutcome({ status: 'not_found', name: 'train-9', region: 'eu-west-1', message: 'not found' }, undefined, account);

    expect(mrkdwnTexts(message).join('\n')).toContain(`No training job \`train-9\` in \`eu-west-1\` ${expected}.`);
    expect(buttons(message)).toEqual([]);
  });
});
