/**
 * "Change the world": switches that apply a scenario's fix to the sandbox account (and its
 * backout), so a person clicks Recheck and watches a verdict flip. Each one is the change the
 * bot's own remediation would make — revoke the open SSH rule, point the main table's default
 * route at the NAT gateway, add the S3 gateway route, allow all traffic between training peers.
 * @module
 */
import { fixOpenSsh, openSsh, SANDBOX_IDS, type SandboxPermission, type SandboxWorld } from '../aws/index.js';

export type ToggleId = 'open-ssh' | 'public-main-table' | 'no-s3-path' | 'peer-traffic';

/** What the page shows of a switch. */
interface ToggleText {
  id: ToggleId;
  /** The seeded job whose verdict or finding changes. */
  job: string;
  region: string;
  /** The problem, as seeded. */
  problem: string;
  fixLabel: string;
  restoreLabel: string;
  /** What to expect after a Recheck. */
  effect: string;
}

export interface WorldToggle extends ToggleText {
  isFixed(world: SandboxWorld): boolean;
  fix(world: SandboxWorld): void;
  restore(world: SandboxWorld): void;
}

export interface ToggleState extends ToggleText {
  fixed: boolean;
}

const REGION = 'us-east-1';
const { securityGroups: sg, routeTables: rt, gateways: gw, endpoints: ep } = SANDBOX_IDS;

function peerRule(world: SandboxWorld): SandboxPermission {
  return { ipProtocol: '-1', groups: [{ groupId: sg.portsOnly, userId: world.accountId, description: 'all traffic between training peers' }] };
}

function defaultRoute(world: SandboxWorld, table: string): string | undefined {
  return world.network(REGION).routeTables.get(table)?.routes.find((r) => r.destinationCidrBlock === '0.0.0.0/0')?.target;
}

export const WORLD_TOGGLES: readonly WorldToggle[] = [
  {
    id: 'open-ssh',
    job: 'vision-resnet-open-ssh',
    region: REGION,
    problem: 'Security group training-debug-ssh allows SSH (tcp/22) from 0.0.0.0/0.',
    fixLabel: 'Revoke the open SSH rule',
    restoreLabel: 'Restore the open SSH rule',
    effect: 'Recheck: FAIL → PASS',
    isFixed: (world) =>
      !(world.network(REGION).securityGroups.get(sg.openSsh)?.ingress ?? []).some(
        (p) => p.ipProtocol === 'tcp' && p.fromPort === 22 && (p.ipRanges ?? []).some((r) => r.cidr === '0.0.0.0/0'),
      ),
    fix: fixOpenSsh,
    restore: openSsh,
  },
  {
    id: 'public-main-table',
    job: 'nlp-finetune-main-table',
    region: REGION,
    problem: "The VPC's main route table sends 0.0.0.0/0 to an internet gateway.",
    fixLabel: 'Route the main table through the NAT gateway',
    restoreLabel: 'Route the main table to the internet gateway again',
    effect: 'Recheck: FAIL → PASS',
    isFixed: (world) => defaultRoute(world, rt.main) !== gw.igw,
    fix: (world) => world.setRoute(REGION, rt.main, { destinationCidrBlock: '0.0.0.0/0', target: gw.natPublic, state: 'active', origin: 'CreateRoute' }),
    restore: (world) => world.setRoute(REGION, rt.main, { destinationCidrBlock: '0.0.0.0/0', target: gw.igw, state: 'active', origin: 'CreateRoute' }),
  },
  {
    id: 'no-s3-path',
    job: 'forecast-lstm-no-s3',
    region: REGION,
    problem: 'The isolated subnet has no S3 path (private NAT only, failed S3 interface endpoint).',
    fixLabel: 'Add the S3 gateway endpoint route',
    restoreLabel: 'Remove the S3 gateway endpoint route',
    effect: 'Recheck: the S3 warning goes away',
    isFixed: (world) => world.network(REGION).vpcEndpoints.get(ep.s3Gateway)?.routeTableIds.includes(rt.isolated) ?? false,
    fix: (world) => world.modifyVpcEndpoint(REGION, ep.s3Gateway, { addRouteTableIds: [rt.isolated] }),
    restore: (world) => world.modifyVpcEndpoint(REGION, ep.s3Gateway, { removeRouteTableIds: [rt.isolated] }),
  },
  {
    id: 'peer-traffic',
    job: 'llm-pretrain-hetero',
    region: REGION,
    problem: 'Security group training-ports-only opens only a few ports between training peers.',
    fixLabel: 'Allow all traffic between peers',
    restoreLabel: 'Remove the all-traffic peer rule',
    effect: 'Recheck: the multi-node warning goes away',
    isFixed: (world) =>
      (world.network(REGION).securityGroups.get(sg.portsOnly)?.ingress ?? []).some(
        (p) => p.ipProtocol === '-1' && (p.groups ?? []).some((g) => g.groupId === sg.portsOnly),
      ),
    fix: (world) => world.authorizeIngress(REGION, sg.portsOnly, peerRule(world)),
    restore: (world) => world.revokeIngress(REGION, sg.portsOnly, peerRule(world)),
  },
];

/** The switches as the page shows them. */
export function toggleStates(world: SandboxWorld): ToggleState[] {
  return WORLD_TOGGLES.map(({ isFixed, fix: _fix, restore: _restore, ...rest }) => ({ ...rest, fixed: isFixed(world) }));
}

/** Sets a switch; idempotent (setting the current state changes nothing). Throws for an unknown id. */
export function setToggle(world: SandboxWorld, id: string, fixed: boolean): void {
  const toggle = WORLD_TOGGLES.find((t) => t.id === id);
  if (!toggle) throw new RangeError(`unknown world toggle ${JSON.stringify(id)}`);
  if (toggle.isFixed(world) === fixed) return;
  if (fixed) toggle.fix(world);
  else toggle.restore(world);
}
