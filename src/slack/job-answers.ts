/**
 * Turning a job check into a Slack message — shared by the slash command, Recheck, Details and
 * digests. Concurrent checks of the same job share one audit.
 * @module
 */
import type { CheckJobOutcome } from '../app/audit-service.js';
import type { Verdict } from '../audit/model.js';
import type { BotDeps } from './bot-deps.js';
import { jobKey } from './bot-memory.js';
import { errorMessage, jobReportMessage, type MessageView } from './views/index.js';

export interface JobAnswer {
  outcome: CheckJobOutcome;
  message: MessageView;
}

export function messageForOutcome(outcome: CheckJobOutcome, recheck?: { by: string; at: Date; previousVerdict?: Verdict }): MessageView {
  switch (outcome.status) {
    case 'ok':
      return jobReportMessage(outcome.report, { recheck });
    case 'not_found':
      return errorMessage('not_found', { job: outcome.name, region: outcome.region });
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
  let previousVerdict: Verdict | undefined;
  if (outcome.status === 'ok') {
    const key = jobKey({ account: outcome.report.account, region: outcome.report.region, job: outcome.report.name });
    previousVerdict = deps.memory.lastVerdict(key);
    deps.memory.recordCheck(options.userId, {
      account: outcome.report.account,
      region: outcome.report.region,
      job: outcome.report.name,
      verdict: outcome.report.verdict,
      at: deps.now(),
    });
  }
  const recheck = options.recheck && options.userId ? { by: options.userId, at: deps.now(), previousVerdict } : undefined;
  return { outcome, message: messageForOutcome(outcome, recheck) };
}
