import { describe, expect, it } from 'vitest';
import { ActionId, decodeValue } from '../ids.js';
import { DIGEST_RECHECK_BUTTONS, digestMessage, trendText } from './digest-message.js';
import { scheduleAddedMessage, scheduleListMessage } from './schedule-messages.js';
import { ACCOUNT, digestView, NOW, REGION } from './testing/fixtures.js';
import { buttons, limitProblems, mrkdwnTexts } from './testing/inspect.js';

describe('digestMessage', () => {
  it('renders a digest (snapshot)', () => {
    expect(digestMessage(digestView())).toMatchSnapshot();
  });

  it('shows compliance and the trend since the previous digest', () => {
    const message = digestMessage(digestView());
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: ':bar_chart: Compliance digest — 90.0%' } });
    expect(mrkdwnTexts({ blocks: message.blocks })[0]).toMatch(/^\*90\.0%\* of training jobs comply \(pass \/ jobs\) · ▲ 2\.5 points since <!date\^\d+\^/);
    expect(message.text).toBe('Compliance digest: 90.0% (▲ 2.5 points since 2026-11-22 10:00 UTC) — 1 new failure, 1 fixed');
  });

  it.each`
    current      | previous                                                         | expected
    ${90}        | ${undefined}                                                     | ${/^first digest — nothing to compare with yet$/}
    ${85}        | ${{ compliancePct: 87.5, generatedAt: '2026-11-22T10:00:00Z' }}  | ${/^▼ 2\.5 points since </}
    ${87.5}      | ${{ compliancePct: 87.5, generatedAt: '2026-11-22T10:00:00Z' }}  | ${/^no change since </}
    ${undefined} | ${{ compliancePct: 87.5, generatedAt: '2026-11-22T10:00:00Z' }}  | ${/^no jobs in scope now \(was 87\.5%\)/}
  `('trend $current vs $previous', ({ current, previous, expected }) => {
    expect(trendText(current, previous)).toMatch(expected);
  });

  it('gives each new failure a digest Recheck button whose value decodes', () => {
    const [recheck] = buttons(digestMessage(digestView()));
    expect(recheck?.actionId).toBe(ActionId.digestRecheck);
    expect(decodeValue('job', recheck?.value)).toEqual({ ok: true, value: { v: 1, account: ACCOUNT, region: REGION, job: 'train-42' } });
  });

  it('never lists advisory findings as failures', () => {
    const message = digestMessage(
      digestView({
        newFailures: [
          { account: ACCOUNT, region: REGION, job: 'only-advisory', rules: ['vpc-s3-access', 'network-isolation'] },
          { account: ACCOUNT, region: REGION, job: 'mixed', rules: ['vpc-s3-access', 'vpc-configured'] },
        ],
        longestFailing: [{ account: ACCOUNT, region: REGION, job: 'old-advisory', rules: ['inter-container-encryption'], failingSince: '2026-01-01' }],
      }),
    );
    const all = JSON.stringify(message.blocks);
    expect(all).not.toContain('only-advisory');
    expect(all).not.toContain('old-advisory');
    expect(all).not.toContain('vpc-s3-access');
    expect(all).toContain('`mixed` · `us-east-1` · `123456789012` — `vpc-configured`');
    expect(message.text).toContain('1 new failure,');
  });

  it('lists fixed, longest failing, unknowns with reasons, historical debt and the CSV', () => {
    const texts = mrkdwnTexts(digestMessage(digestView({ fileName: 'digest.csv' }))).join('\n');
    expect(texts).toContain('*:white_check_mark: Fixed* (1)\n• `train-7` · `us-east-1` · `123456789012`');
    expect(texts).toContain('• `train-old` · `us-east-1` · `123456789012` — `vpc-configured` · failing since 2026-10-01');
    expect(texts).toContain('• `train-9` · `us-east-1` · `123456789012`: ec2:DescribeRouteTables was denied');
    expect(texts).toContain('Historical debt: 120 older jobs (created more than 30 days ago) were non-compliant when a digest last judged them; not counted above.');
    expect(texts).toContain('attached as CSV: `digest.csv`');
  });

  it('caps Recheck buttons and stays within limits with hundreds of new failures', () => {
    const newFailures = Array.from({ length: 300 }, (_, i) => ({ account: ACCOUNT, region: REGION, job: `job-${i}`, rules: ['vpc-subnets-private' as const] }));
    const message = digestMessage(digestView({ newFailures }));
    expect(buttons(message)).toHaveLength(DIGEST_RECHECK_BUTTONS);
    expect(limitProblems(message, 'message')).toEqual([]);
    expect(mrkdwnTexts(message).join('\n')).toContain('… and 275 more');
  });
});

describe('schedule messages', () => {
  const schedule = { id: 3, channelId: 'C0123ABCD', cron: '0 9 * * 1', timezone: 'Europe/Berlin', scopeText: 'last 30 days', nextRun: NOW, lastRun: new Date('2026-11-22T08:00:00Z') };

  it('lists schedules with next and last runs (snapshot)', () => {
    const message = scheduleListMessage([schedule, { ...schedule, id: 4, channelId: 'not a channel', nextRun: undefined, lastRun: undefined }]);
    expect(message).toMatchSnapshot();
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('*Digest `3`* · `0 9 * * 1` (Europe/Berlin) in <#C0123ABCD>');
    expect(texts).toContain('in `not a channel`');
    expect(texts).toContain('no next run · never run yet');
  });

  it('says how to add one when there are none', () => {
    expect(mrkdwnTexts(scheduleListMessage([]))[1]).toBe(
      'No digest schedules yet. Add one, e.g. `/sagemaker-vpc digest add "0 9 * * 1" --tz Europe/Berlin` for Mondays at 09:00 Berlin time.',
    );
  });

  it('confirms an added schedule with how to remove it', () => {
    const message = scheduleAddedMessage(schedule);
    expect(message.text).toBe('Digest 3 scheduled: 0 9 * * 1 (Europe/Berlin)');
    expect(mrkdwnTexts(message).join('\n')).toContain('remove it with `/sagemaker-vpc digest remove 3`');
  });
});

describe('digestMessage — first digest and notes', () => {
  it('titles a first digest "Failing now" (no baseline) and shows notes escaped', () => {
    const view = { ...digestView(), previous: undefined, notes: ['First digest <!channel> of this schedule'] };
    const message = digestMessage(view);
    const texts = JSON.stringify(message.blocks);
    expect(texts).toContain('Failing now');
    expect(texts).not.toContain('New failures');
    expect(texts).toContain('First digest &lt;!channel&gt; of this schedule');
    expect(texts).not.toContain('<!channel>');
  });
});
