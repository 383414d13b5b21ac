/**
 * Remediation for an `unknown` finding: nothing was judged, so nothing is changed. The step is
 * to make the evidence readable (the message names the IAM action or resource) and check again.
 * @module
 */
import type { Remediation } from '../audit/model.js';
import type { RemediationContext } from './context.js';
import { shellQuote, textSnippet } from './snippet.js';

export function buildUnknown(ctx: RemediationContext): Remediation {
  const recheck = `sagemaker-vpc check ${shellQuote(ctx.job.name)} --region ${shellQuote(ctx.job.region)}`;
  return {
    steps: [
      textSnippet('Make the evidence readable, then check again', [
        ctx.finding.message,
        'Grant the missing read permission to the role the audit runs as (see iam-policy.json), or check that the resource still exists.',
        `Then: ${recheck}`,
      ]),
    ],
    // Nothing was changed, so there is nothing to back out.
    backout: [],
  };
}
