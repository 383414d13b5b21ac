import { describe, expect, it } from 'vitest';
import { USAGE } from '../../app/command-grammar.js';
import { errorMessage, type ErrorDetails, type ErrorKind } from './error-message.js';
import { homeView } from './home-view.js';
import { checkingMessage, helpMessage, refusalMessage, usageMessage } from './short-messages.js';
import { NOW } from './testing/fixtures.js';
import { ActionId, decodeValue } from '../ids.js';
import { buttons, limitProblems, mrkdwnTexts } from './testing/inspect.js';

describe('checkingMessage', () => {
  it.each`
    input                                    | block                                                   | text
    ${'train-42'}                            | ${':mag: Checking `train-42`…'}                         | ${'Checking train-42…'}
    ${'us-east-1 · last 30 days'}            | ${':mag: Checking us-east-1 · last 30 days…'}           | ${'Checking us-east-1 · last 30 days…'}
    ${'<!channel> all'}                      | ${':mag: Checking &lt;!channel&gt; all…'}               | ${'Checking &lt;!channel&gt; all…'}
    ${{ job: 'train-42', region: 'eu-west-1' }} | ${':mag: Checking `train-42` in `eu-west-1`…'}       | ${'Checking train-42 in eu-west-1…'}
  `('$input', ({ input, block, text }) => {
    const message = checkingMessage(input);
    expect(message.text).toBe(text);
    expect(mrkdwnTexts({ blocks: message.blocks })).toEqual([block]);
  });
});

describe('usageMessage', () => {
  it('echoes the error and input escaped, with the grammar as literal text', () => {
    const message = usageMessage({ error: 'unknown command "<!here>"', input: 'x <!here> `y`' });
    expect(message).toMatchSnapshot();
    expect(message.text).toBe('sagemaker-vpc: unknown command "&lt;!here&gt;"');
    expect(mrkdwnTexts({ blocks: message.blocks })[0]).toBe(":warning: unknown command \"&lt;!here&gt;\"\nYou typed: `/sagemaker-vpc x &lt;!here&gt; 'y'`");
    expect(JSON.stringify(message.blocks)).toContain(JSON.stringify(USAGE.slack.join('\n')));
  });

  it('works with nothing to echo', () => {
    expect(usageMessage().text).toBe('sagemaker-vpc usage');
  });
});

describe('helpMessage and refusalMessage', () => {
  it('help lists the commands and the rules (snapshot)', () => {
    const message = helpMessage();
    expect(message).toMatchSnapshot();
    expect(limitProblems(message, 'message')).toEqual([]);
  });

  it('refusal names the allow-lists', () => {
    expect(refusalMessage().text).toBe('You are not allowed to run sagemaker-vpc here — ask an admin to add you to ALLOWED_USER_IDS / ALLOWED_CHANNEL_IDS');
  });
});

describe('errorMessage', () => {
  const cases: { [K in ErrorKind]: [ErrorDetails[K], RegExp] } = {
    not_found: [{ job: 'train-42', region: 'us-east-1', account: '123456789012' }, /No training job `train-42` in `us-east-1` \(account `123456789012`\)/],
    invalid_name: [{ name: 'bad_name', detail: '"bad_name" is not valid' }, /`bad_name` is not a valid training job name[\s\S]*\^\[a-zA-Z0-9\]\(-\*\[a-zA-Z0-9\]\)\{0,62\}\$/],
    invalid_value: [{ detail: 'region mars-1 is not audited' }, /refused: region mars-1 is not audited/],
    access_denied: [{ action: 'ec2:DescribeRouteTables', resource: 'subnet-1', message: 'User: <arn> is not authorized' }, /AWS denied `ec2:DescribeRouteTables` on `subnet-1`[\s\S]*`iam-policy.json`[\s\S]*User: &lt;arn&gt; is not authorized/],
    throttled: [{ operation: 'sagemaker:Search' }, /throttled the request on `sagemaker:Search`/],
    timeout: [{ operation: 'ec2:DescribeSubnets', seconds: 90 }, /Timed out waiting for `ec2:DescribeSubnets` after 1m 30s/],
    aws_error: [{ operation: 'sagemaker:DescribeTrainingJob', message: 'failed because AWS was unavailable (<503>).' }, /could not answer `sagemaker:DescribeTrainingJob`[\s\S]*\(&lt;503&gt;\)\. Nothing was changed/],
    internal: [{ correlationId: 'ab12cd34' }, /reference `ab12cd34`/],
    fleet_running: [{ scopeText: 'us-east-1 · last 30 days', startedAt: NOW }, /already running \(started <!date\^\d+\^[^>]+>\)\. You joined it/],
    cooldown: [{ seconds: 75 }, /wait 1m 15s before starting another one/],
  };

  it.each(Object.entries(cases) as Array<[ErrorKind, [never, RegExp]]>)('%s', (kind, [detail, expected]) => {
    const message = errorMessage(kind, detail);
    expect(mrkdwnTexts({ blocks: message.blocks }).join('\n')).toMatch(expected);
    expect(message.text.length).toBeGreaterThan(0);
    expect(limitProblems(message, 'message')).toEqual([]);
  });

  it('offers "Try again" as a Recheck of the job when asked, with a value that round-trips', () => {
    const message = errorMessage('throttled', { operation: 'sagemaker:DescribeTrainingJob' }, { retry: { account: '', region: 'us-east-1', job: 'train-42' } });
    expect(message).toMatchSnapshot();
    const [retry, ...others] = buttons(message);
    expect(others).toEqual([]);
    expect(retry).toMatchObject({ actionId: ActionId.recheckJob, text: 'Try again' });
    expect(decodeValue('job', retry?.value)).toEqual({ ok: true, value: { v: 1, account: '', region: 'us-east-1', job: 'train-42' } });
    expect(buttons(errorMessage('throttled', {}))).toEqual([]);
  });

  it('never shows more than a correlation id for internal errors', () => {
    const message = errorMessage('internal', { correlationId: 'ab12cd34' });
    expect(JSON.stringify(message)).not.toMatch(/Error|stack|at .*\.ts/);
  });
});

describe('homeView', () => {
  const lastSummary = { source: 'fleet' as const, scopeText: 'us-east-1 · last 30 days', generatedAt: '2026-11-29T10:00:00.000Z', summary: { jobs: 10, pass: 9, fail: 1, unknown: 0 } };

  it('shows the last summary, recent checks newest first, and usage (snapshot)', () => {
    const view = homeView({
      lastSummary,
      recentChecks: [
        { job: 'train-1', region: 'us-east-1', verdict: 'pass', at: new Date('2026-11-28T10:00:00Z') },
        { job: 'train-2', region: 'us-east-1', verdict: 'fail', at: NOW },
      ],
    });
    expect(view).toMatchSnapshot();
    expect(view.type).toBe('home');
    const texts = mrkdwnTexts(view);
    expect(texts).toContain('*Last fleet audit* — 90.0% compliant');
    const recent = texts.find((t) => t.includes('train-1')) ?? '';
    expect(recent.indexOf('train-2')).toBeLessThan(recent.indexOf('train-1'));
  });

  it('invites a first run and stays within 100 blocks with many checks', () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ job: `job-${i}`, region: 'us-east-1', verdict: 'pass' as const, at: new Date(NOW.getTime() - i * 1000) }));
    const view = homeView({ recentChecks: many, usage: ['one', 'two'] });
    expect(limitProblems(view, 'view')).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('No fleet audit or digest yet');
    expect(JSON.stringify(view.blocks)).not.toContain('job-20`');
  });
});
