import type { RichTextBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../audit/model.js';
import { LIMITS, textSize } from '../limits.js';
import { errorMessage } from './error-message.js';
import { loadingModal, remediationErrorModal, remediationModal, remediationThreadMessages } from './remediation-modal.js';
import { allFindings, buildReport, passingReport, snippet, testRules } from './testing/fixtures.js';
import { limitProblems, mrkdwnTexts } from './testing/inspect.js';

const options = { rules: testRules };

function preformattedTexts(blocks: unknown[]): Array<{ text: string; language?: string }> {
  return blocks
    .filter((b): b is RichTextBlock => (b as { type?: string }).type === 'rich_text')
    .map((b) => {
      const el = b.elements[0] as { type: string; language?: string; elements: Array<{ type: string; text: string }> };
      expect(b.elements).toHaveLength(1);
      expect(el.type).toBe('rich_text_preformatted');
      expect(el.elements).toHaveLength(1);
      return { text: el.elements[0]?.text ?? '', ...(el.language ? { language: el.language } : {}) };
    });
}

describe('remediationModal', () => {
  it('renders steps and backout per open finding (snapshot)', () => {
    expect(remediationModal(buildReport(), options)).toMatchSnapshot();
  });

  it('is a modal with a short title and each snippet in its own preformatted block', () => {
    const modal = remediationModal(buildReport(), options);
    expect(modal.type).toBe('modal');
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    expect(preformattedTexts(modal.blocks)).toEqual([
      { text: 'Estimator(..., subnets=["subnet-private"], security_group_ids=["sg-1"])', language: 'python' },
      { text: 'aws sagemaker stop-training-job --training-job-name train-42-vpc --region us-east-1', language: 'bash' },
    ]);
  });

  it('labels Steps and Backout separately, with permissions and the irreversible marker', () => {
    const texts = mrkdwnTexts(remediationModal(buildReport(), options));
    const steps = texts.indexOf('*Steps*');
    const backout = texts.indexOf('*Backout*');
    expect(steps).toBeGreaterThan(-1);
    expect(backout).toBeGreaterThan(steps);
    expect(texts).toContain('*1. Stop the clone* · aws-cli · :warning: *irreversible*\nneeds `sagemaker:StopTrainingJob`');
  });

  it('points to the CLI for findings whose snippets are not built yet', () => {
    expect(mrkdwnTexts(remediationModal(buildReport(), options)).join('\n')).toContain('`sagemaker-vpc remediate train-42 --region us-east-1`');
  });

  it('says so when there is nothing to remediate', () => {
    expect(JSON.stringify(remediationModal(passingReport(), options).blocks)).toContain('Nothing to remediate');
  });

  it('cuts a 20 KB snippet with a pointer to the CLI', () => {
    const big = snippet('Huge policy', `${'x'.repeat(99)}\n`.repeat(200), { kind: 'iam-policy' });
    const report = buildReport({ findings: allFindings({ 'vpc-subnets-private': { remediation: { steps: [big], backout: [] } } }) });
    const [text] = preformattedTexts(remediationModal(report, options).blocks);
    expect(text?.text.length).toBeLessThanOrEqual(LIMITS.richText);
    expect(text?.text).toMatch(/\n# … \d+ more characters: run `sagemaker-vpc remediate train-42 --region us-east-1` for the full snippet$/);
    expect(text?.language).toBe('json');
  });

  it('stays within 100 blocks, ending with a pointer to the CLI', () => {
    const many: Finding['remediation'] = {
      steps: Array.from({ length: 10 }, (_, i) => snippet(`Step ${i}`, `aws ec2 step-${i}`)),
      backout: Array.from({ length: 10 }, (_, i) => snippet(`Undo ${i}`, `aws ec2 undo-${i}`)),
    };
    const findings = allFindings(
      Object.fromEntries(
        (['vpc-configured', 'vpc-subnets-private', 'vpc-security-groups-restricted', 'vpc-s3-access', 'vpc-multi-node-traffic', 'network-isolation', 'inter-container-encryption'] as const).map((r) => [
          r,
          { status: 'fail', remediation: many },
        ]),
      ),
    );
    const modal = remediationModal(buildReport({ findings }), options);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(modal.blocks.at(-1))).toMatch(/… \d+ more — run `sagemaker-vpc remediate train-42 --region us-east-1` for everything/);
    expect(limitProblems(modal, 'view')).toEqual([]);
  });
});

describe('loadingModal', () => {
  it('names the job, escaped', () => {
    const modal = loadingModal('train-<!here>');
    expect(modal.title.text).toBe('Remediation');
    expect(mrkdwnTexts(modal)[0]).toBe(':hourglass_flowing_sand: Building remediation and backout for `train-&lt;!here&gt;`…');
  });
});

describe('remediationErrorModal', () => {
  it('shows an error message under the same title', () => {
    const modal = remediationErrorModal(errorMessage('not_found', { job: 'train-42', region: 'us-east-1' }));
    expect(modal.title.text).toBe('Remediation');
    expect(mrkdwnTexts(modal)[0]).toContain('No training job `train-42`');
  });
});

describe('remediationThreadMessages', () => {
  it('fits one message for a small report', () => {
    const messages = remediationThreadMessages(buildReport(), options);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toBe('Remediation for train-42 (1/1)');
  });

  it('splits large remediation into several messages, each within limits, never separating a label from its code', () => {
    const long = (i: number) => snippet(`Step ${i}`, 'y'.repeat(2500));
    const findings = allFindings({ 'vpc-subnets-private': { remediation: { steps: Array.from({ length: 12 }, (_, i) => long(i)), backout: [long(99)] } } });
    const messages = remediationThreadMessages(buildReport({ findings }), options);
    expect(messages.length).toBeGreaterThan(2);
    messages.forEach((m, i) => {
      expect(m.text).toBe(`Remediation for train-42 (${i + 1}/${messages.length})`);
      expect(limitProblems(m, 'message')).toEqual([]);
      expect(textSize(m.blocks)).toBeLessThanOrEqual(LIMITS.messageTextBudget);
      // A rich_text block always follows its label section.
      m.blocks.forEach((b, j) => {
        if (b.type === 'rich_text') expect(m.blocks[j - 1]?.type).toBe('section');
      });
    });
    const codes = messages.flatMap((m) => preformattedTexts(m.blocks));
    expect(codes).toHaveLength(12 + 1);
  });
});
