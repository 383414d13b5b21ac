/**
 * The pure audit core's public surface: the model, the engine, the rule registry and the network
 * reasoning other layers (remediation, views, preflight) build on. Test builders live in
 * `./testing/builders.ts` and are imported from there by tests only.
 * @module
 */
export * from './model.js';
export { emptyNetworkSnapshot, evaluateJob, summarize, verdictOf } from './engine.js';
export { explainError } from './explain-error.js';
export {
  COMPLIANCE,
  REFERENCES,
  interContainerEncryption,
  networkIsolation,
  ruleById,
  rules,
  vpcConfigured,
  vpcMultiNodeTraffic,
  vpcS3Access,
  vpcSecurityGroupsRestricted,
  vpcSubnetsPrivate,
} from './rules/index.js';
export { covers, isWhollyPrivate, parseCidr, prefixLength, type CidrRange, type IpFamily } from './network/cidr.js';
export {
  activeRoutes,
  classifyNextHop,
  defaultRouteTarget,
  defaultRoutes,
  effectiveRouteTable,
  publicRoutes,
  routeDestination,
  type EffectiveRouteTable,
  type NextHop,
  type NextHopKind,
} from './network/route-tables.js';
export { classifySubnet, type SubnetClassification } from './network/subnet-classification.js';
export { existingS3GatewayEndpointId, isS3ServiceName, s3PathForSubnet, type SubnetS3Path } from './network/s3-path.js';
export {
  allowsAllTrafficFrom,
  allowsPeerTraffic,
  classifySecurityGroup,
  describeTraffic,
  isOpenSource,
  openIngressRules,
  trustNotes,
  type SecurityGroupClassification,
} from './network/security-groups.js';
