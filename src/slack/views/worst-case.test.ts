/**
 * The largest inputs the views must survive without Slack refusing the answer: 16 subnets and 5
 * security groups, every rule open with long messages, a 2 KB job name, a 20 KB snippet.
 */
import { describe, expect, it } from 'vitest';
import { RULE_IDS, type Finding } from '../../audit/model.js';
import { ActionId } from '../ids.js';
import { LIMITS, textSize } from '../limits.js';
import {
  checkingMessage,
  digestMessage,
  errorMessage,
  fleetReportMessage,
  jobReportMessage,
  remediationModal,
  remediationThreadMessages,
} from './index.js';
import { ACCOUNT, buildReport, digestView, fleetView, REGION, snippet } from './testing/fixtures.js';
import { buttons, limitProblems, mrkdwnTexts } from './testing/inspect.js';

const subnets = Array.from({ length: 16 }, (_, i) => `subnet-${String(i).padStart(17, '0')}`);
const groups = Array.from({ length: 5 }, (_, i) => `sg-${String(i).padStart(17, '0')}`);
const long = (n: number, word = 'x') => `${word} `.repeat(Math.ceil(n / (word.length + 1))).slice(0, n);

function worstReport(name = 'train-42') {
  const statuses: Finding['status'][] = ['fail', 'fail', 'unknown', 'warn', 'warn', 'warn', 'warn'];
  const findings: Finding[] = RULE_IDS.map((rule, i) => ({
    rule,
    status: statuses[i] ?? 'warn',
    severity: 'high',
    message: long(5000, `${rule}-message`),
    resources: subnets,
    notes: Array.from({ length: 9 }, () => long(1000, 'note')),
    remediation: {
      steps: Array.from({ length: 6 }, (_, j) => snippet(long(300, 'title'), long(4000, `step-${j}`), { permissions: ['ec2:A', 'ec2:B'] })),
      backout: Array.from({ length: 6 }, (_, j) => snippet(long(300, 'title'), long(4000, `undo-${j}`), { irreversible: true })),
    },
  }));
  return buildReport({
    name,
    vpc: { vpcId: 'vpc-0abc', subnets, securityGroups: groups },
    findings,
    subnetViews: subnets.map((id, i) => ({ id, classification: i % 2 ? 'public' : 'unknown', routeTableId: `rtb-${i}`, viaMainTable: i % 3 === 0, defaultRouteTarget: `igw-${i}`, reason: long(500, 'reason') })),
    securityGroupViews: groups.map((id) => ({ id, name: long(255, 'group-name'), classification: 'open', reason: long(500, 'why') })),
  });
}

describe('worst-case inputs', () => {
  it('a job with 16 subnets, 5 open groups and every rule open with long messages still fits, buttons and all', () => {
    const message = jobReportMessage(worstReport());
    expect(limitProblems(message, 'message')).toEqual([]);
    expect(textSize(message.blocks)).toBeLessThanOrEqual(LIMITS.messageTextBudget);
    const texts = mrkdwnTexts(message).join('\n');
    for (const rule of RULE_IDS) expect(texts).toContain(`\`${rule}\` · high`);
    expect(message.blocks.at(-1)?.type).toBe('actions');
    expect(buttons(message).map((b) => b.actionId)).toEqual([ActionId.recheckJob, ActionId.showRemediation, ActionId.openConsole]);
  });

  it('a 2 KB job name is cut in the header and fields, and gets no button that would carry it', () => {
    const name = 'a'.repeat(2048);
    const message = jobReportMessage(worstReport(name));
    expect(limitProblems(message, 'message')).toEqual([]);
    expect((message.blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect(buttons(message).filter((b) => b.actionId === ActionId.recheckJob)).toEqual([]);
    for (const view of [
      checkingMessage(name),
      errorMessage('not_found', { job: name, region: REGION }),
      fleetReportMessage(fleetView({ failing: [{ account: ACCOUNT, region: REGION, job: name, rules: ['vpc-configured'] }] }), 0),
      digestMessage(digestView({ newFailures: [{ account: ACCOUNT, region: REGION, job: name, rules: ['vpc-configured'] }] })),
    ]) {
      expect(limitProblems(view, 'message')).toEqual([]);
    }
    expect(limitProblems(remediationModal(worstReport(name)), 'view')).toEqual([]);
  });

  it('every rule with 12 large snippets: the modal keeps ≤ 100 blocks and points to the CLI', () => {
    const modal = remediationModal(worstReport());
    expect(limitProblems(modal, 'view')).toEqual([]);
    expect(JSON.stringify(modal.blocks.at(-1))).toContain('sagemaker-vpc remediate train-42 --region us-east-1');
  });

  it('a 20 KB snippet is split across thread messages that each fit', () => {
    const report = buildReport({
      findings: [{ rule: 'vpc-configured', status: 'fail', severity: 'high', message: 'no VpcConfig', resources: [], remediation: { steps: [snippet('Clone payload', long(20_000, '"Key": "value",'), { kind: 'json' })], backout: [] } }],
    });
    const messages = remediationThreadMessages(report);
    for (const m of messages) expect(limitProblems(m, 'message')).toEqual([]);
    expect(JSON.stringify(messages)).toContain('for the full snippet');
  });

  it('every thread message of the worst report fits', () => {
    const messages = remediationThreadMessages(worstReport());
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) expect(limitProblems(m, 'message')).toEqual([]);
  });
});
