/**
 * Security-group reasoning (DESIGN.md §2): which inbound entries are open to public sources, whether
 * the attached groups let training instances talk to each other, and the trust notes worth showing.
 * Prefix-list sources are not resolved (their contents are not collected), so they never count as open.
 * @module
 */
import { explainError, readFact } from '../explain-error.js';
import type { NetworkSnapshot, OpenIngressRule, Permission, SecurityGroup } from '../model.js';
import { isRangeWhollyPrivate, parseCidr, rangeCovers, type CidrRange } from './cidr.js';

/** Widest public prefix that is still "narrow enough" to pass: /8 or wider (IPv6 /16 or wider) is open. */
const OPEN_PREFIX = { ipv4: 8, ipv6: 16 } as const;

/**
 * Whether an inbound source CIDR counts as open: `0.0.0.0/0`, `::/0`, or a range that is not wholly
 * private and is /8 or wider (IPv6 /16 or wider). `undefined` when the CIDR cannot be parsed.
 */
export function isOpenSource(cidr: string): boolean | undefined {
  const range = parseCidr(cidr);
  if (!range) return undefined;
  return range.prefixLength <= OPEN_PREFIX[range.family] && !isRangeWhollyPrivate(range);
}

/** Every inbound entry open to a public source, one per CIDR, exactly as `revoke-security-group-ingress` needs it. */
export function openIngressRules(sg: SecurityGroup): OpenIngressRule[] {
  const open: OpenIngressRule[] = [];
  for (const permission of sg.ingress) {
    const ranges = [
      ...permission.ipv4Ranges.map((range) => ({ ...range, family: 'ipv4' as const })),
      ...permission.ipv6Ranges.map((range) => ({ ...range, family: 'ipv6' as const })),
    ];
    for (const range of ranges) {
      if (isOpenSource(range.cidr) !== true) continue;
      open.push({
        groupId: sg.id,
        groupName: sg.name,
        protocol: permission.protocol,
        ...(permission.fromPort === undefined ? {} : { fromPort: permission.fromPort }),
        ...(permission.toPort === undefined ? {} : { toPort: permission.toPort }),
        cidr: range.cidr,
        family: range.family,
        ...(range.description === undefined ? {} : { description: range.description }),
      });
    }
  }
  return open;
}

/** Inbound source CIDRs that cannot be parsed: the group cannot be judged while they exist. */
export function unparseableIngressSources(sg: SecurityGroup): string[] {
  return sg.ingress
    .flatMap((permission) => [...permission.ipv4Ranges, ...permission.ipv6Ranges])
    .map((range) => range.cidr)
    .filter((cidr) => isOpenSource(cidr) === undefined);
}

/**
 * True when the group allows inbound **all traffic** (`-1`) from an attached group (itself or
 * another one the job lists) or from CIDRs covering every one of the job's subnets. A rule for a few
 * ports does not count: NCCL/MPI use many.
 */
export function allowsAllTrafficFrom(sg: SecurityGroup, attachedIds: string[], subnetCidrs: string[]): boolean {
  return allowsPeerTraffic(sg, attachedIds, subnetCidrs, { protocol: '-1' });
}

export interface PeerTraffic {
  /** `-1` for all traffic, a name (`tcp`, `udp`, `esp`…) or a protocol number. */
  protocol: string;
  port?: number;
}

/**
 * Whether the group lets `need` flow between the job's instances, inbound (default) or outbound:
 * some entry covering that protocol/port whose peer is an attached group or CIDRs covering every
 * subnet. `subnetCidrs` empty means the subnets' CIDRs are unknown, so only group references count.
 */
export function allowsPeerTraffic(
  sg: SecurityGroup,
  attachedIds: string[],
  subnetCidrs: string[],
  need: PeerTraffic,
  direction: 'ingress' | 'egress' = 'ingress',
): boolean {
  const matching = sg[direction].filter((permission) => carries(permission, need));
  if (matching.some((p) => p.groupPairs.some((pair) => pair.groupId !== undefined && attachedIds.includes(pair.groupId)))) {
    return true;
  }
  const subnets = subnetCidrs.map(parseCidr);
  if (subnets.length === 0 || subnets.some((range) => range === undefined)) return false;
  const peers = matching
    .flatMap((p) => [...p.ipv4Ranges, ...p.ipv6Ranges])
    .map((range) => parseCidr(range.cidr))
    .filter((range): range is CidrRange => range !== undefined);
  return subnets.every((subnet) => peers.some((peer) => subnet !== undefined && rangeCovers(peer, subnet)));
}

/**
 * Notes shown, not judged: sources in another account or behind VPC peering (named), prefix lists
 * (not resolved), and the VPC's `default` group (everything else launched with it reaches the ENIs).
 */
export function trustNotes(sg: SecurityGroup, account: string): string[] {
  const notes = new Set<string>();
  if (sg.name === 'default') {
    notes.add(
      `${sg.id} is the VPC's default security group: everything else launched with it can reach the training instances; prefer a dedicated training security group`,
    );
  }
  const home = account || sg.ownerId;
  for (const permission of sg.ingress) {
    for (const pair of permission.groupPairs) {
      const source = pair.groupId ?? 'a security group';
      const peering = pair.vpcPeeringConnectionId ? ` through VPC peering connection ${pair.vpcPeeringConnectionId}` : '';
      if (pair.userId && home && pair.userId !== home) {
        notes.add(`${sg.id} allows inbound ${describeTraffic(permission)} from ${source} in account ${pair.userId}${peering}`);
      } else if (peering) {
        notes.add(`${sg.id} allows inbound ${describeTraffic(permission)} from ${source}${peering}`);
      }
    }
    for (const prefixList of permission.prefixListIds) {
      notes.add(
        `${sg.id} allows inbound ${describeTraffic(permission)} from prefix list ${prefixList.prefixListId}; prefix-list contents are not resolved yet, so this entry is not judged`,
      );
    }
  }
  return [...notes];
}

/** `all traffic`, `tcp port 22`, `tcp ports 0-65535`, `icmp`, `protocol 50`. */
export function describeTraffic(permission: Pick<Permission, 'protocol' | 'fromPort' | 'toPort'>): string {
  const protocol = permission.protocol.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'all traffic';
  const name = PROTOCOL_NAMES[protocol] ?? protocol;
  if (name !== 'tcp' && name !== 'udp') return /^\d+$/.test(name) ? `protocol ${name}` : name;
  const { fromPort: from, toPort: to } = permission;
  if (from === undefined || from === -1 || (from === 0 && to === 65535)) return `all ${name} ports`;
  return from === to || to === undefined ? `${name} port ${from}` : `${name} ports ${from}-${to}`;
}

export interface SecurityGroupClassification {
  id: string;
  classification: 'open' | 'restricted' | 'unknown';
  group?: SecurityGroup;
  openIngress: OpenIngressRule[];
  /** A sentence fragment (no final period) for `unknown`. */
  reason?: string;
}

/** Classifies one attached group from the snapshot. Never throws; missing data gives `unknown`. */
export function classifySecurityGroup(id: string, network: NetworkSnapshot): SecurityGroupClassification {
  const fact = readFact(network.securityGroups, id, 'ec2:DescribeSecurityGroups');
  if (!fact.ok) {
    return { id, classification: 'unknown', openIngress: [], reason: explainError(fact.error, id, 'this security group') };
  }
  const group = fact.value;
  const openIngress = openIngressRules(group);
  if (openIngress.length > 0) return { id, classification: 'open', group, openIngress };
  const [bad] = unparseableIngressSources(group);
  if (bad !== undefined) {
    return {
      id,
      classification: 'unknown',
      group,
      openIngress,
      reason: `${id} has an inbound source ${JSON.stringify(bad)} that cannot be parsed`,
    };
  }
  return { id, classification: 'restricted', group, openIngress };
}

// EC2 reports tcp/udp/icmp/icmpv6 by name and others by number; compare in one vocabulary.
const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', '50': '50', esp: '50' };

function carries(permission: Permission, need: PeerTraffic): boolean {
  const have = normaliseProtocol(permission.protocol);
  if (have === '-1') return true;
  if (have !== normaliseProtocol(need.protocol)) return false;
  if (need.port === undefined || (have !== 'tcp' && have !== 'udp')) return true;
  const from = permission.fromPort ?? -1;
  const to = permission.toPort ?? from;
  return from === -1 || (from <= need.port && need.port <= to);
}

function normaliseProtocol(protocol: string): string {
  const lower = protocol.toLowerCase();
  if (lower === 'all') return '-1';
  return PROTOCOL_NAMES[lower] ?? lower;
}
