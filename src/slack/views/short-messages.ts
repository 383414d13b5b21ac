/**
 * The short answers: the ack while a check runs, usage after a parse error (the user's input echoed
 * back, escaped), help, and the refusal for users and channels outside the allow-list.
 * @module
 */
import { USAGE } from '../../app/command-grammar.js';
import { isControlRule, RULE_IDS } from '../../audit/model.js';
import { code, escapeWithin } from '../escape.js';
import { JOB_NAME_PATTERN } from '../ids.js';
import { fitMessage } from '../limits.js';
import { context, header, preformatted, section, type MessageView } from './blocks.js';

/**
 * The ack text. A string that is a job name is shown as code, any other string (a scope such as
 * "us-east-1 · last 30 days") as escaped text; `{ job, region }` shows both as code.
 */
export function checkingMessage(jobOrScope: string | { job: string; region?: string }): MessageView {
  let subject: string;
  let plainSubject: string;
  if (typeof jobOrScope === 'object') {
    subject = `${code(jobOrScope.job, 200)}${jobOrScope.region ? ` in ${code(jobOrScope.region, 40)}` : ''}`;
    plainSubject = `${escapeWithin(jobOrScope.job, 200)}${jobOrScope.region ? ` in ${escapeWithin(jobOrScope.region, 40)}` : ''}`;
  } else {
    subject = JOB_NAME_PATTERN.test(jobOrScope) ? code(jobOrScope) : escapeWithin(jobOrScope, 300);
    plainSubject = escapeWithin(jobOrScope, 300);
  }
  return fitMessage({ text: `Checking ${plainSubject}…`, blocks: [context(`:mag: Checking ${subject}…`)] });
}

/** Parse errors: what was wrong, what was typed (escaped), and the grammar. */
export function usageMessage({ error, input }: { error?: string; input?: string } = {}): MessageView {
  const lines: string[] = [];
  if (error) lines.push(`:warning: ${escapeWithin(error, 800)}`);
  if (input !== undefined) lines.push(`You typed: ${code(`/sagemaker-vpc ${input}`, 600)}`);
  const blocks = [
    ...(lines.length > 0 ? [section(lines.join('\n'))] : []),
    section('*Usage*'),
    preformatted(USAGE.slack.join('\n')),
    context(`More: ${code('/sagemaker-vpc help')}`),
  ];
  return fitMessage({ text: error ? `sagemaker-vpc: ${escapeWithin(error, 300)}` : 'sagemaker-vpc usage', blocks });
}

export function helpMessage(): MessageView {
  const control = RULE_IDS.filter(isControlRule).map((r) => code(r)).join(' ');
  const advisory = RULE_IDS.filter((r) => !isControlRule(r)).map((r) => code(r)).join(' ');
  return fitMessage({
    text: 'sagemaker-vpc: audit SageMaker training jobs for “Ensure VPC settings are configured for SageMaker training jobs”',
    blocks: [
      header('sagemaker-vpc'),
      section(
        'Audits SageMaker training jobs for the control *Ensure VPC settings are configured for SageMaker training jobs*: the job runs in a VPC, its subnets are private and its security groups are not open to public ranges. Answers carry the findings, remediation with backout, and a Recheck button.',
      ),
      section('*Commands*'),
      preformatted(USAGE.slack.join('\n')),
      context(`Control rules (decide the verdict): ${control}`, `Advisory rules (never fail a job): ${advisory}`),
      context('Subnets and security groups are judged as they are now, not as they were when a job ran. A job is never failed because something could not be read: that is UNKNOWN, with the missing permission named.'),
    ],
  });
}

export const REFUSAL_TEXT =
  'You are not allowed to run sagemaker-vpc here — ask an admin to add you to ALLOWED_USER_IDS / ALLOWED_CHANNEL_IDS';

export function refusalMessage(): MessageView {
  return fitMessage({
    text: REFUSAL_TEXT,
    blocks: [section(`:no_entry: You are not allowed to run sagemaker-vpc here — ask an admin to add you to ${code('ALLOWED_USER_IDS')} / ${code('ALLOWED_CHANNEL_IDS')}`)],
  });
}
