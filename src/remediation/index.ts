/**
 * Remediation builders keyed by rule ID (DESIGN.md §3): every non-passing finding gets
 * `{ steps, backout }`, filled with the job's real names, region, subnets and security groups.
 * Pure: no I/O, no clock but `ctx.now`, and no import but `src/audit`.
 * @module
 */
import type { Remediation, RuleId } from '../audit/model.js';
import type { Builder, RemediationContext } from './context.js';
import { buildInterContainerEncryption, buildNetworkIsolation } from './launch-flags.js';
import { buildUnknown } from './unknown.js';
import { buildVpcConfigured } from './vpc-configured.js';
import { buildMultiNodeTraffic } from './vpc-multi-node-traffic.js';
import { buildS3Access } from './vpc-s3-access.js';
import { buildSecurityGroupsRestricted } from './vpc-security-groups-restricted.js';

/** One builder per rule: a missing entry is a compile error. */
export const builders: Record<RuleId, Builder> = {
  'vpc-configured': buildVpcConfigured,
  'vpc-subnets-private': buildVpcConfigured,
  'vpc-security-groups-restricted': buildSecurityGroupsRestricted,
  'vpc-s3-access': buildS3Access,
  'vpc-multi-node-traffic': buildMultiNodeTraffic,
  'network-isolation': buildNetworkIsolation,
  'inter-container-encryption': buildInterContainerEncryption,
};

/**
 * The remediation for one finding, or `undefined` for `pass` and `skip`. An `unknown` finding gets
 * the steps to make its evidence readable; `fail` and `warn` get the rule's builder.
 * @example buildRemediation({ job, finding, description, now: new Date() })?.steps[0]?.code
 */
export function buildRemediation(ctx: RemediationContext): Remediation | undefined {
  const { status, rule } = ctx.finding;
  if (status === 'pass' || status === 'skip') return undefined;
  if (status === 'unknown') return buildUnknown(ctx);
  return builders[rule](ctx);
}
