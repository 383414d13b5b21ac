import { describe, expect, it } from 'vitest';
import { ActionId, ActionPattern, decodeValue } from '../ids.js';
import { expiredRunMessage, FLEET_REPORT_PAGE_SIZE, fleetReportMessage } from './fleet-report-message.js';
import { fleetProgressMessage, progressBar } from './fleet-progress-message.js';
import { ACCOUNT, fleetView, NOW, REGION, testRules } from './testing/fixtures.js';
import { buttons, limitProblems, mrkdwnTexts } from './testing/inspect.js';

const options = { rules: testRules };

describe('fleetReportMessage', () => {
  it('renders a small run (snapshot)', () => {
    expect(fleetReportMessage(fleetView(), 0, options)).toMatchSnapshot();
  });

  it('summarises with compliance = pass / jobs to one decimal', () => {
    const message = fleetReportMessage(fleetView({ summary: { jobs: 3, pass: 2, fail: 1, unknown: 0 } }), 0, options);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: ':bar_chart: Fleet audit — 66.7% compliant' } });
    expect(message.text).toBe('Fleet audit: 3 jobs — 2 pass, 1 fail, 0 unknown (66.7% compliant)');
  });

  it('groups failing jobs under their first failing rule and lists unknown ones with reasons', () => {
    const texts = mrkdwnTexts({ blocks: fleetReportMessage(fleetView(), 0, options).blocks });
    const at = (s: string) => texts.findIndex((t) => t.includes(s));
    expect(at('*Title of vpc-configured* `vpc-configured` — 1 job fails this rule')).toBeLessThan(at('`train-7`'));
    expect(at('`train-7`')).toBeLessThan(at('*Title of vpc-subnets-private*'));
    expect(texts[at('`train-42`')]).toBe('`train-42` · `us-east-1` · `123456789012`\nalso fails `vpc-security-groups-restricted`');
    expect(texts[at('`train-9`')]).toContain('ec2:DescribeRouteTables was denied for subnet-1');
    expect(at('*Unknown* — 1 job could not be fully judged')).toBeLessThan(at('`train-9`'));
  });

  it('gives every listed job a Details button whose value decodes', () => {
    const details = buttons(fleetReportMessage(fleetView(), 0, options)).filter((b) => b.actionId === ActionId.fleetDetails);
    expect(details.map((b) => decodeValue('fleetDetails', b.value))).toEqual(
      ['train-7', 'train-42', 'train-9'].map((job) => ({ ok: true, value: { v: 1, run: 'run12345', account: ACCOUNT, region: REGION, job } })),
    );
  });

  it('has no paging for one page, and notes the CSV when attached', () => {
    const message = fleetReportMessage(fleetView({ fileName: 'sagemaker-vpc-2026-11-29.csv' }), 0, options);
    expect(buttons(message).some((b) => ActionPattern.fleetPage.test(b.actionId))).toBe(false);
    expect(mrkdwnTexts(message)).toContain(':page_facing_up: The full report is attached as CSV: `sagemaker-vpc-2026-11-29.csv`');
  });

  it('shows an incomplete run, notes and errors escaped', () => {
    const message = fleetReportMessage(
      fleetView({
        complete: false,
        notes: ['Search was denied; fell back to <!channel> listing'],
        errors: [{ code: 'access_denied', operation: 'ec2:DescribeRouteTables', resource: 'subnet-1', message: 'User <@U1> is not authorized' }],
      }),
      0,
      options,
    );
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('The run did not complete');
    expect(texts).toContain('fell back to &lt;!channel&gt; listing');
    expect(texts).toContain('• `ec2:DescribeRouteTables` access_denied on `subnet-1`: User &lt;@U1&gt; is not authorized');
  });

  describe('10,000 failing jobs', () => {
    const failing = Array.from({ length: 10_000 }, (_, i) => ({ account: ACCOUNT, region: REGION, job: `job-${String(i).padStart(5, '0')}`, rules: ['vpc-subnets-private' as const] }));
    const view = fleetView({ failing, unknown: [], summary: { jobs: 12_000, pass: 2000, fail: 10_000, unknown: 0 } });

    it.each([0, 1, 499])('page %i fits and pages with fleet_page buttons', (page) => {
      const message = fleetReportMessage(view, page, options);
      expect(limitProblems(message, 'message')).toEqual([]);
      const paging = buttons(message).filter((b) => ActionPattern.fleetPage.test(b.actionId));
      const targets = paging.map((b) => decodeValue('fleetPage', b.value)).map((d) => (d.ok ? d.value.page : -1));
      expect(targets).toEqual([...(page > 0 ? [page - 1] : []), ...(page < 499 ? [page + 1] : [])]);
      expect(new Set(paging.map((b) => b.actionId)).size).toBe(paging.length);
      const jobs = mrkdwnTexts({ blocks: message.blocks }).filter((t) => t.startsWith('`job-'));
      expect(jobs).toHaveLength(FLEET_REPORT_PAGE_SIZE);
      expect(jobs[0]).toContain(`job-${String(page * FLEET_REPORT_PAGE_SIZE).padStart(5, '0')}`);
    });

    it('marks a group continued from the previous page and counts the rule over all jobs', () => {
      const texts = mrkdwnTexts(fleetReportMessage(view, 3, options));
      expect(texts).toContain(':x: *Title of vpc-subnets-private* `vpc-subnets-private` — 10,000 jobs fail this rule (continued)');
      expect(texts).toContain('Page 4 of 500 · jobs 61–80 of 10,000 listed');
    });

    it('clamps a page past the end to the last page', () => {
      expect(JSON.stringify(fleetReportMessage(view, 10_000, options).blocks)).toContain('Page 500 of 500');
    });
  });
});

describe('expiredRunMessage', () => {
  it('offers Run it again for the run', () => {
    const [rerun] = buttons(expiredRunMessage('run12345'));
    expect(rerun?.actionId).toBe(ActionId.rerunFleet);
    expect(decodeValue('rerun', rerun?.value)).toEqual({ ok: true, value: { v: 1, run: 'run12345' } });
  });

  it('renders no button for a run id that could not come back', () => {
    expect(buttons(expiredRunMessage('not a run id'))).toEqual([]);
  });
});

describe('fleetProgressMessage', () => {
  it('renders counts, regions and elapsed time (snapshot)', () => {
    const message = fleetProgressMessage({
      scopeText: 'us-east-1 · last 30 days (use --since all for everything)',
      jobs: 1234,
      pass: 1200,
      fail: 30,
      unknown: 4,
      regionsDone: 1,
      regions: 3,
      startedAt: new Date(NOW.getTime() - 125_000),
      now: NOW,
    });
    expect(message).toMatchSnapshot();
    expect(message.text).toBe('Auditing us-east-1 · last 30 days (use --since all for everything): 1,234 jobs so far (30 fail)');
    expect(mrkdwnTexts(message).at(-1)).toBe('▰▰▰▱▱▱▱▱▱▱ regions 1/3 · running for 2m 05s');
  });

  it.each`
    done | total | bar
    ${0} | ${0}  | ${'▱▱▱▱▱▱▱▱▱▱'}
    ${2} | ${2}  | ${'▰▰▰▰▰▰▰▰▰▰'}
    ${5} | ${2}  | ${'▰▰▰▰▰▰▰▰▰▰'}
  `('progressBar($done, $total)', ({ done, total, bar }) => {
    expect(progressBar(done, total)).toBe(bar);
  });
});
