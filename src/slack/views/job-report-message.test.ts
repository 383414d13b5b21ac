import { describe, expect, it } from 'vitest';
import { evaluateJob } from '../../audit/engine.js';
import * as b from '../../audit/testing/builders.js';
import { ActionId, decodeValue } from '../ids.js';
import { consoleUrl, inferPreflightFlags, jobReportMessage } from './job-report-message.js';
import { buildReport, passingReport, preflightReport, SG_A, SUBNET_A, SUBNET_B, testRules } from './testing/fixtures.js';
import { buttons, limitProblems, mrkdwnTexts } from './testing/inspect.js';

const options = { rules: testRules };

function allText(message: { text: string; blocks: unknown[] }): string {
  return JSON.stringify(message.blocks);
}

describe('jobReportMessage', () => {
  it('renders a failing job (snapshot)', () => {
    expect(jobReportMessage(buildReport(), options)).toMatchSnapshot();
  });

  it('puts the verdict and job in the header and fallback text', () => {
    const message = jobReportMessage(buildReport(), options);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':x: FAIL — train-42', emoji: true } });
    expect(message.text).toBe('FAIL — train-42 in us-east-1: 1 failing, 1 unknown');
  });

  it('shows job, account, region, training status and the derived VPC as fields', () => {
    const fields = jobReportMessage(buildReport(), options).blocks.find((b) => b.type === 'section' && 'fields' in b && b.fields);
    expect(JSON.stringify(fields)).toContain('*Job*\\n`train-42`');
    expect(JSON.stringify(fields)).toContain('*Account*\\n`123456789012`');
    expect(JSON.stringify(fields)).toContain('*Training status*\\nCompleted');
    expect(JSON.stringify(fields)).toContain('`vpc-0abc`');
  });

  it('classifies subnets with their route table and groups with their state', () => {
    const texts = mrkdwnTexts(jobReportMessage(buildReport(), options)).join('\n');
    expect(texts).toContain(`• \`${SUBNET_A}\` :large_green_circle: private · route table \`rtb-main\` (main table) · default route \`nat-1\``);
    expect(texts).toContain(`• \`${SUBNET_B}\` :red_circle: public · route table \`rtb-3\` · default route \`igw-9\``);
    expect(texts).toContain(`• \`${SG_A}\` \`training\` :grey_question: unknown — ec2:DescribeSecurityGroups denied`);
    expect(texts).toMatch(/Network as of <!date\^\d+\^/);
  });

  it('orders open findings fail, unknown, warn and folds pass and skip into one line', () => {
    const texts = mrkdwnTexts(jobReportMessage(buildReport(), options));
    const order = ['*FAIL*', '*UNKNOWN*', '*WARN*'].map((s) => texts.findIndex((t) => t.includes(s)));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const settled = texts.find((t) => t.startsWith(':white_check_mark: Passed:'));
    expect(settled).toBe(':white_check_mark: Passed: `vpc-configured` `network-isolation`   :heavy_minus_sign: Skipped: `vpc-multi-node-traffic` `inter-container-encryption`');
    expect(texts.join('\n')).toContain('_control_ · CIS Controls v8 3.4, 6.7 · SOC 2');
  });

  it('shows trust notes of passing findings', () => {
    expect(mrkdwnTexts(jobReportMessage(buildReport(), options)).join('\n')).toContain(`:information_source: ${SG_A} is named default (\`network-isolation\`)`);
  });

  it('offers Recheck, Show remediation and the console link, with values that decode', () => {
    const rendered = buttons(jobReportMessage(buildReport(), options));
    expect(rendered.map((b) => b.actionId)).toEqual([ActionId.recheckJob, ActionId.showRemediation, ActionId.openConsole]);
    for (const b of rendered) {
      expect(decodeValue('job', b.value)).toEqual({ ok: true, value: { v: 1, account: '123456789012', region: 'us-east-1', job: 'train-42' } });
    }
    expect(rendered[2]?.url).toBe('https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/train-42');
  });

  it('has no Show remediation when nothing can be remediated', () => {
    const message = jobReportMessage(passingReport(), options);
    expect(buttons(message).map((b) => b.actionId)).toEqual([ActionId.recheckJob, ActionId.openConsole]);
    expect(allText(message)).toContain('Every rule passes or is skipped.');
  });

  it.each`
    previous     | by             | expected
    ${'fail'}    | ${'U0123ABC'}  | ${/^:arrows_counterclockwise: Rechecked by <@U0123ABC> at <!date\^\d+\^[^>]+> — was FAIL, now PASS$/}
    ${'pass'}    | ${'W0123ABC'}  | ${/Rechecked by <@W0123ABC> at .* — still PASS$/}
    ${undefined} | ${'U0123ABC'}  | ${/— now PASS$/}
    ${'fail'}    | ${'<!channel>'} | ${/^:arrows_counterclockwise: Rechecked by someone at/}
  `('recheck line: previous $previous, by $by', ({ previous, by, expected }) => {
    const message = jobReportMessage(passingReport(), { ...options, recheck: { by, at: new Date('2026-11-29T11:00:00Z'), previousVerdict: previous } });
    expect(mrkdwnTexts({ blocks: message.blocks }).find((t) => t.includes('Rechecked'))).toMatch(expected);
  });

  it('says when a job has no VpcConfig', () => {
    const message = jobReportMessage(buildReport({ vpc: null, subnetViews: [], securityGroupViews: [] }), options);
    expect(allText(message)).toContain('No VpcConfig: the job does not run in any VPC.');
    expect(allText(message)).toContain('none (no VpcConfig)');
  });

  it('passes every Block Kit limit', () => {
    expect(limitProblems(jobReportMessage(buildReport(), options), 'message')).toEqual([]);
  });
});

describe('jobReportMessage for a preflight', () => {
  it('has only Check again, carrying the VpcConfig and flags', () => {
    const report = { ...preflightReport(), vpc: { vpcId: 'vpc-0abc', subnets: [SUBNET_A, SUBNET_B], securityGroups: [SG_A] } };
    const message = jobReportMessage(report, { ...options, preflight: { instances: 8, interContainerEncryption: true, networkIsolation: false } });
    const rendered = buttons(message);
    expect(rendered.map((b) => b.actionId)).toEqual([ActionId.checkNetworkAgain]);
    expect(decodeValue('preflight', rendered[0]?.value)).toEqual({
      ok: true,
      value: { v: 1, region: 'us-east-1', subnets: [SUBNET_A, SUBNET_B], sgs: [SG_A], instances: 8, ice: true, iso: false },
    });
    expect(message.blocks[0]).toMatchObject({ text: { text: ':x: FAIL — network preflight (us-east-1)' } });
    expect(allText(message)).toContain('Preflight of a proposed VpcConfig');
  });

  it('infers the flags from the findings when not given', () => {
    const report = preflightReport();
    expect(inferPreflightFlags(report)).toEqual({ instances: 1, interContainerEncryption: false, networkIsolation: true });
    const multi = { ...report, findings: report.findings.map((f) => (f.rule === 'inter-container-encryption' ? { ...f, status: 'warn' as const } : f)) };
    expect(inferPreflightFlags(multi)).toEqual({ instances: 2, interContainerEncryption: false, networkIsolation: true });
  });
});

describe('consoleUrl', () => {
  it.each`
    region         | job           | expected
    ${'eu-west-1'} | ${'train-42'} | ${'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/jobs/train-42'}
    ${'us-east-1'} | ${'a b/c#d?'} | ${'https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/jobs/a%20b%2Fc%23d%3F'}
    ${'evil.com/'} | ${'x'}        | ${undefined}
    ${'us-east-1'} | ${''}         | ${undefined}
  `('$region $job', ({ region, job, expected }) => {
    expect(consoleUrl(region, job)).toBe(expected);
  });
});

describe('jobReportMessage with the real engine and registry', () => {
  it('renders a public-subnet job judged by the engine, with registry titles and mappings', () => {
    const parts = b.compliantParts();
    parts.routeTables.push(b.buildRouteTable('rtb-pub', { subnets: ['subnet-2'], routes: [b.buildRoute('0.0.0.0/0', 'igw-9')] }));
    const report = evaluateJob({ ok: true, job: b.buildJob({ vpcConfig: { subnets: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] } }) }, b.buildNetwork(parts), b.ctx);
    const message = jobReportMessage(report);
    expect(report.verdict).toBe('fail');
    expect(limitProblems(message, 'message')).toEqual([]);
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('`vpc-subnets-private` · high');
    expect(texts).toContain('CIS Controls v8 3.4, 6.7, 6.8, 14.6 · SOC 2 · HIPAA · Profile Level 1');
    expect(texts).toMatch(/`subnet-2` :red_circle: public · route table `rtb-pub`/);
    expect(message.blocks[0]).toMatchObject({ text: { text: ':x: FAIL — train-42' } });
  });
});
