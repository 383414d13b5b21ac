/**
 * The audit model: what a training job and its network look like to the pure core, and what the
 * core says about them. Plain JSON-able data (no Maps, no classes) so snapshots can be stored,
 * diffed and used as fixtures.
 *
 * Facts that may be unreadable are `Fact<T>`: either the value or the error that stopped us
 * reading it. Rules turn an error into `unknown`, never into `fail` (DESIGN.md §2).
 * @module
 */

export type Status = 'pass' | 'fail' | 'warn' | 'unknown' | 'skip';
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type Verdict = 'pass' | 'fail' | 'unknown';

export const RULE_IDS = [
  'vpc-configured',
  'vpc-subnets-private',
  'vpc-security-groups-restricted',
  'vpc-s3-access',
  'vpc-multi-node-traffic',
  'network-isolation',
  'inter-container-encryption',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** The three rules that decide a job's verdict; the other four are advisory (DESIGN.md §2). */
export const CONTROL_RULE_IDS = ['vpc-configured', 'vpc-subnets-private', 'vpc-security-groups-restricted'] as const;
export type ControlRuleId = (typeof CONTROL_RULE_IDS)[number];

/** Whether a rule decides the verdict; the others are advisory and never change it. */
export function isControlRule(id: string): id is ControlRuleId {
  return (CONTROL_RULE_IDS as readonly string[]).includes(id);
}

export type TrainingStatus = 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped' | 'Deleting';

// ---------------------------------------------------------------------------------------------
// Errors as data

export type ErrorCode =
  | 'access_denied'
  | 'throttled'
  | 'not_found'
  | 'timeout'
  | 'invalid_input'
  | 'unavailable'
  | 'unknown';

/** An AWS call that did not give us the data. `operation` is the IAM action, e.g. `ec2:DescribeRouteTables`. */
export interface CollectorError {
  code: ErrorCode;
  operation: string;
  /** The resource the call was about, when there is one (`subnet-…`, `sg-…`, `vpc-…`, a job name). */
  resource?: string;
  /** A human sentence; AWS error text is untrusted and is escaped by every view that shows it. */
  message: string;
}

export type Fact<T> = { ok: true; value: T } | { ok: false; error: CollectorError };

// ---------------------------------------------------------------------------------------------
// Training job

export interface JobRef {
  account: string;
  region: string;
  name: string;
}

export interface VpcConfig {
  subnets: string[];
  securityGroupIds: string[];
}

export interface Tag {
  key: string;
  value: string;
}

/**
 * What the rules need to know about one training job. Built from a `Search` record or a
 * `DescribeTrainingJob` output by the collectors; built synthetically by the preflight.
 */
export interface TrainingJobSnapshot {
  name: string;
  /** Absent for a preflight (synthetic) job. */
  arn?: string;
  account: string;
  region: string;
  status?: TrainingStatus;
  secondaryStatus?: string;
  /** ISO 8601. */
  creationTime?: string;
  /** ISO 8601. */
  trainingEndTime?: string;
  /** `undefined` when the job was created without `VpcConfig`. Empty lists are kept as they are. */
  vpcConfig?: VpcConfig;
  enableNetworkIsolation: boolean;
  enableInterContainerTrafficEncryption: boolean;
  enableManagedSpotTraining?: boolean;
  /** `ResourceConfig.InstanceCount`, or the sum over `ResourceConfig.InstanceGroups`. */
  instanceCount: number;
  instanceType?: string;
  /** From Describe (absent in Search records of running jobs); used for clone cost estimates. */
  billableTimeInSeconds?: number;
  /** Parent that launched the job: fix the parent, not the child. */
  tuningJobArn?: string;
  autoMLJobArn?: string;
  labelingJobArn?: string;
  /** Undefined when tags were not read (e.g. a Describe-only path before ListTags). */
  tags?: Tag[];
  /** True for `check-network` synthetic jobs. */
  preflight?: boolean;
}

/** A job as the engine receives it: readable, or the error that stopped us describing it. */
export type JobInput = { ok: true; job: TrainingJobSnapshot } | { ok: false; ref: JobRef; error: CollectorError };

// ---------------------------------------------------------------------------------------------
// Network (EC2) facts, normalised from the wire shapes

export interface Subnet {
  id: string;
  vpcId: string;
  /** The account that owns the subnet; differs from the job's account for RAM-shared subnets. */
  ownerId?: string;
  cidrBlock?: string;
  ipv6CidrBlocks: string[];
  availabilityZone?: string;
  availableIpAddressCount?: number;
  /** Information only: training ENIs never get public IPs. */
  mapPublicIpOnLaunch?: boolean;
  state?: string;
}

export type RouteState = 'active' | 'blackhole';

export interface Route {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  /**
   * The next hop as EC2 names it: `local`, `igw-…`, `nat-…`, `eigw-…`, `tgw-…`, `pcx-…`, `vpce-…`,
   * `eni-…`, `i-…`, `vgw-…`, `lgw-…`, `cagw-…`, or a core-network ARN. The first of the route's
   * target members that is set.
   */
  target: string;
  state: RouteState;
  /** `CreateRouteTable` | `CreateRoute` | `EnableVgwRoutePropagation`. */
  origin?: string;
}

export interface RouteTableAssociation {
  id?: string;
  subnetId?: string;
  /** Set for edge associations (a table associated with an IGW/VGW): these are not subnet associations. */
  gatewayId?: string;
  main: boolean;
  /** `associated` | `associating` | `disassociating` | `disassociated` | `failed`; undefined treated as associated. */
  state?: string;
}

export interface RouteTable {
  id: string;
  vpcId: string;
  ownerId?: string;
  routes: Route[];
  associations: RouteTableAssociation[];
}

export interface IpRange {
  cidr: string;
  description?: string;
}

export interface SecurityGroupPair {
  groupId?: string;
  userId?: string;
  vpcId?: string;
  vpcPeeringConnectionId?: string;
  peeringStatus?: string;
  description?: string;
}

export interface PrefixListRef {
  prefixListId: string;
  description?: string;
}

export interface Permission {
  /** `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6`, or a protocol number as a string (`50` = ESP). */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: IpRange[];
  ipv6Ranges: IpRange[];
  prefixListIds: PrefixListRef[];
  groupPairs: SecurityGroupPair[];
}

export interface SecurityGroup {
  id: string;
  name: string;
  vpcId?: string;
  ownerId?: string;
  description?: string;
  ingress: Permission[];
  egress: Permission[];
}

export interface VpcEndpoint {
  id: string;
  vpcId: string;
  serviceName: string;
  /** `Gateway` | `Interface` | `GatewayLoadBalancer` | … */
  type: string;
  /** `available`, `pending`, … (EC2 reports lower case; compare case-insensitively). */
  state: string;
  routeTableIds: string[];
  subnetIds: string[];
}

export interface NatGateway {
  id: string;
  vpcId: string;
  subnetId?: string;
  state: string;
  /** `public` (default) or `private` (no internet path). */
  connectivityType: 'public' | 'private';
}

/**
 * Everything the collectors learned about the network around the jobs being judged, as of `asOf`.
 * Lookups that were attempted and failed are recorded as errors so rules can name them.
 */
export interface NetworkSnapshot {
  /** ISO 8601: routes and security groups are judged as they are now, not as they were at launch. */
  asOf: string;
  subnets: Record<string, Fact<Subnet>>;
  /** Every route table read, by id. */
  routeTables: Record<string, RouteTable>;
  /**
   * Per subnet: the id of the table explicitly associated with it, `null` when the lookup
   * succeeded and found none (→ main table), or the error that stopped the lookup.
   */
  explicitRouteTableBySubnet: Record<string, Fact<string | null>>;
  /** Per VPC: the id of its main table, `null` when none is visible (e.g. RAM-shared VPC), or the error. */
  mainRouteTableByVpc: Record<string, Fact<string | null>>;
  securityGroups: Record<string, Fact<SecurityGroup>>;
  /** Per VPC: all its VPC endpoints (any service), or the error. */
  vpcEndpointsByVpc: Record<string, Fact<VpcEndpoint[]>>;
  /** Per VPC: all its NAT gateways, or the error. */
  natGatewaysByVpc: Record<string, Fact<NatGateway[]>>;
}

/** A snapshot with nothing read yet, e.g. for jobs without VpcConfig or as a test baseline. */
export function emptyNetworkSnapshot(asOf: string): NetworkSnapshot {
  return {
    asOf,
    subnets: {},
    routeTables: {},
    explicitRouteTableBySubnet: {},
    mainRouteTableByVpc: {},
    securityGroups: {},
    vpcEndpointsByVpc: {},
    natGatewaysByVpc: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Findings and reports

export type SnippetKind = 'aws-cli' | 'python-sdk' | 'boto3' | 'iam-policy' | 'json' | 'text';

export interface Snippet {
  kind: SnippetKind;
  title: string;
  code: string;
  /** IAM actions needed to run it. */
  permissions?: string[];
  /** True for steps that cannot be undone (e.g. stopping a job). */
  irreversible?: boolean;
}

export interface Remediation {
  steps: Snippet[];
  backout: Snippet[];
}

/** Reserved for suppressions (DESIGN.md §6); findings keep their status when suppressed. */
export interface Suppression {
  reason: string;
  by: string;
  until?: string;
}

/** An ingress entry open to a public source: exactly what `revoke-security-group-ingress` needs. */
export interface OpenIngressRule {
  groupId: string;
  groupName?: string;
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidr: string;
  family: 'ipv4' | 'ipv6';
  description?: string;
}

export interface PublicRoute {
  subnetId: string;
  routeTableId: string;
  /** Whether the table is the VPC's main table (implicit association). */
  viaMainTable: boolean;
  gatewayId: string;
  /** CIDR or prefix-list id. */
  destination: string;
}

/**
 * Structured evidence a rule attaches to its finding so remediation builders and views do not
 * recompute network reasoning. One variant per rule that needs it.
 */
export type FindingEvidence =
  | { rule: 'vpc-configured'; reason: 'missing' | 'no-subnets' | 'no-security-groups' }
  | { rule: 'vpc-subnets-private'; publicRoutes: PublicRoute[]; privateSubnets: string[] }
  | { rule: 'vpc-security-groups-restricted'; openIngress: OpenIngressRule[] }
  | {
      rule: 'vpc-s3-access';
      vpcId: string;
      /** Subnets where no S3 path was found, with their effective table. */
      subnetsWithoutPath: Array<{ subnetId: string; routeTableId: string }>;
      /** An available S3 gateway endpoint already in the VPC, if any (→ modify-vpc-endpoint). */
      existingGatewayEndpointId?: string;
    }
  | {
      rule: 'vpc-multi-node-traffic';
      securityGroupIds: string[];
      /** Inter-container encryption is on: UDP 500 and ESP (protocol 50) are needed too. */
      encryption: boolean;
      /** What is missing, e.g. `all-traffic` | `udp-500` | `esp`. */
      missing: string[];
    };

export interface Finding {
  rule: RuleId;
  status: Status;
  severity: Severity;
  /** A full sentence. For `unknown`: what could not be read and which IAM action or resource is missing. */
  message: string;
  resources: string[];
  /** Trust notes and other information shown but not judged. */
  notes?: string[];
  evidence?: FindingEvidence;
  /** Attached to every non-passing finding by the service (DESIGN.md §3). */
  remediation?: Remediation;
  suppressed?: Suppression;
}

export interface SubnetView {
  id: string;
  classification: 'public' | 'private' | 'unknown';
  routeTableId?: string;
  viaMainTable?: boolean;
  /** e.g. `igw-9` for a public subnet, `nat-1` for the default route of a private one. */
  defaultRouteTarget?: string;
  /** Why it is unknown, when it is. */
  reason?: string;
}

export interface SecurityGroupView {
  id: string;
  name?: string;
  classification: 'open' | 'restricted' | 'unknown';
  reason?: string;
}

export interface JobReport {
  name: string;
  arn?: string;
  account: string;
  region: string;
  trainingStatus?: TrainingStatus;
  creationTime?: string;
  verdict: Verdict;
  /** `null` when the job has no VpcConfig (or could not be read). `vpcId` is derived from the subnets. */
  vpc: { vpcId: string | null; subnets: string[]; securityGroups: string[] } | null;
  /** The result of every rule, in registry order, pass and skip included. */
  findings: Finding[];
  /** Per-subnet and per-SG classification for views. */
  subnetViews?: SubnetView[];
  securityGroupViews?: SecurityGroupView[];
  /** ISO 8601: the network is judged as of this time. */
  networkAsOf: string;
  preflight?: true;
}

export interface AuditSummary {
  jobs: number;
  pass: number;
  fail: number;
  unknown: number;
}

/** The `--json` document (DESIGN.md §5). */
export interface AuditDocument {
  schemaVersion: 1;
  generatedAt: string;
  jobs: JobReport[];
  summary: AuditSummary;
  errors: CollectorError[];
  /** Human notes about the run, e.g. "Search was denied; fell back to ListTrainingJobs + DescribeTrainingJob". */
  notes?: string[];
}

/** What a rule gets; rules are pure and read no clock but `ctx.now`. */
export interface RuleContext {
  now: Date;
}

export interface RuleMetadata {
  id: RuleId;
  title: string;
  severity: Severity;
  /** `control` rules decide the verdict; `advisory` never do. */
  kind: 'control' | 'advisory';
  rationale: string;
  references: string[];
  compliance: string[];
  /** IAM actions the rule's evidence needs. */
  permissions: string[];
}

export interface Rule extends RuleMetadata {
  evaluate(job: TrainingJobSnapshot, network: NetworkSnapshot, ctx: RuleContext): Finding;
}
