/**
 * Turning a job check into a Slack message — shared by the slash command, Recheck, Details and
 * digests. Concurrent checks of the same job share one audit.
 *
 * When the job itself could not be read (DescribeTrainingJob denied, throttled, timed out) there is
 * no report worth showing — every rule would be `unknown` and the job would look like it had no
 * VpcConfig — so the answer is an error the user can act on (the IAM action and `iam-policy.json`,
 * "try again") with a "Try again" button.
 * @module
 */
import type { CheckJobOutcome } from '../app/audit-service.js';
import type { CollectorError, JobReport, Verdict } from '../audit/model.js';
import type { BotDeps } from './bot-deps.js';
import { jobKey } from './bot-memory.js';
import { errorMessage, jobReportMessage, type MessageView } from './views/index.js';

const DESCRIBE = 'sagemaker:DescribeTrainingJob';

export interface JobAnswer {
  outcome: CheckJobOutcome;
  message: MessageView;
  /** The report, when there is one to show; absent for not-found, invalid and unreadable jobs. */
  report?: JobReport;
}

/** The error that kept the job itself from being read, if that is what happened. */
export function unreadableJobError(outcome: CheckJobOutcome): CollectorError | undefined {
  if (outcome.status !== 'ok' || outcome.description !== undefined) return undefined;
  return outcome.document.errors.find((e) => e.operation === DESCRIBE && (e.resource === undefined || e.resource === outcome.report.name));
}

function unreadableMessage(error: CollectorError, ref: { job: string; region: string }): MessageView {
  const retry = { account: '', region: ref.region, job: ref.job };
  switch (error.code) {
    case 'access_denied':
      return errorMessage('access_denied', { action: error.operation, resource: ref.job, message: error.message }, { retry });
    case 'throttled':
      return errorMessage('throttled', { operation: error.operation }, { retry });
    case 'timeout':
      return errorMessage('timeout', { operation: error.operation }, { retry });
    default:
      return errorMessage('aws_error', { operation: error.operation, message: error.message }, { retry });
  }
}

export function messageForOutcome(
  outcome: CheckJobOutcome,
  recheck?: { by: string; at: Date; previousVerdict?: Verdict },
  account?: string,
): MessageView {
  switch (outcome.status) {
    case 'ok': {
      const unreadable = unreadableJobError(outcome);
      if (unreadable) return unreadableMessage(unreadable, { job: outcome.report.name, region: outcome.report.region });
      return jobReportMessage(outcome.report, { recheck });
    }
    case 'not_found':
      return errorMessage('not_found', { job: outcome.name, region: outcome.region, ...(account ? { account } : {}) });
    case 'invalid':
      return errorMessage('invalid_name', { detail: outcome.message });
  }
}

export async function checkJobForSlack(
  deps: BotDeps,
  ref: { job: string; region: string },
  options: { userId?: string; recheck?: boolean } = {},
): Promise<JobAnswer> {
  const { value: outcome } = await deps.jobFlights.run(`${ref.region}/${ref.job}`, () => deps.service.checkJob({ name: ref.job, region: ref.region }));
  const readable = outcome.status === 'ok' && unreadableJobError(outcome) === undefined ? outcome.report : undefined;
  let previousVerdict: Verdict | undefined;
  if (readable) {
    const key = jobKey({ account: readable.account, region: readable.region, job: readable.name });
    previousVerdict = deps.memory.lastVerdict(key);
    deps.memory.recordCheck(options.userId, { account: readable.account, region: readable.region, job: readable.name, verdict: readable.verdict, at: deps.now() });
  }
  const recheck = options.recheck && options.userId ? { by: options.userId, at: deps.now(), previousVerdict } : undefined;
  const message = messageForOutcome(outcome, recheck, deps.memory.accountFor(ref.region));
  return { outcome, message, ...(readable ? { report: readable } : {}) };
}
