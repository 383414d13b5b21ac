/**
 * The rule registry: every rule in DESIGN.md §2 table order, and the same rules by ID. Adding a rule
 * means a folder named after its ID, an entry here, and its remediation builder; `registry.test.ts`
 * checks the three agree.
 * @module
 */
import type { Rule, RuleId } from '../model.js';
import { interContainerEncryption } from './inter-container-encryption/rule.js';
import { networkIsolation } from './network-isolation/rule.js';
import { vpcConfigured } from './vpc-configured/rule.js';
import { vpcMultiNodeTraffic } from './vpc-multi-node-traffic/rule.js';
import { vpcS3Access } from './vpc-s3-access/rule.js';
import { vpcSecurityGroupsRestricted } from './vpc-security-groups-restricted/rule.js';
import { vpcSubnetsPrivate } from './vpc-subnets-private/rule.js';

/** Every rule, in the order findings are reported. */
export const rules: readonly Rule[] = [
  vpcConfigured,
  vpcSubnetsPrivate,
  vpcSecurityGroupsRestricted,
  vpcS3Access,
  vpcMultiNodeTraffic,
  networkIsolation,
  interContainerEncryption,
];

/** The same rules by ID; a missing ID is a compile error. */
export const ruleById: Readonly<Record<RuleId, Rule>> = {
  'vpc-configured': vpcConfigured,
  'vpc-subnets-private': vpcSubnetsPrivate,
  'vpc-security-groups-restricted': vpcSecurityGroupsRestricted,
  'vpc-s3-access': vpcS3Access,
  'vpc-multi-node-traffic': vpcMultiNodeTraffic,
  'network-isolation': networkIsolation,
  'inter-container-encryption': interContainerEncryption,
};

export {
  interContainerEncryption,
  networkIsolation,
  vpcConfigured,
  vpcMultiNodeTraffic,
  vpcS3Access,
  vpcSecurityGroupsRestricted,
  vpcSubnetsPrivate,
};
export { COMPLIANCE, REFERENCES } from './rule-support.js';
