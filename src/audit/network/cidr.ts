/**
 * CIDR arithmetic for the network rules: IPv4 and IPv6 blocks as numeric (bigint) ranges, so
 * "public" and "covers" are decided by numbers, not by string comparison (`0.0.0.0/1` is as public
 * as `0.0.0.0/0`). Malformed input never throws: every function answers `undefined`, which callers
 * treat as "cannot judge".
 * @module
 */

export type IpFamily = 'ipv4' | 'ipv6';

export interface CidrRange {
  family: IpFamily;
  /** First address of the block (host bits cleared). */
  start: bigint;
  /** Last address of the block. */
  end: bigint;
  prefixLength: number;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;

/**
 * Private address space (DESIGN.md §2): RFC 1918, shared address space (RFC 6598), link-local, and
 * IPv6 unique-local and link-local. A block is private only if it lies wholly inside one of these.
 */
export const PRIVATE_CIDRS = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '169.254.0.0/16',
  'fc00::/7',
  'fe80::/10',
] as const;

/**
 * Parses `a.b.c.d/n` or an IPv6 CIDR (any compressed form, embedded IPv4 allowed). A bare address is
 * read as a host block (`/32`, `/128`). Host bits are cleared, as EC2 does.
 *
 * @example parseCidr('10.1.2.3/8') // { family: 'ipv4', start: 167772160n, end: 184549375n, prefixLength: 8 }
 */
export function parseCidr(cidr: string): CidrRange | undefined {
  if (typeof cidr !== 'string') return undefined;
  const text = cidr.trim();
  const parts = text.split('/');
  if (parts.length > 2) return undefined;
  const [addressText = '', prefixText] = parts;
  const family: IpFamily = addressText.includes(':') ? 'ipv6' : 'ipv4';
  const address = family === 'ipv6' ? parseIpv6Address(addressText) : parseIpv4Address(addressText);
  if (address === undefined) return undefined;

  const bits = family === 'ipv6' ? IPV6_BITS : IPV4_BITS;
  let prefixLength = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefixLength = Number(prefixText);
    if (prefixLength > bits) return undefined;
  }
  const hostBits = BigInt(bits - prefixLength);
  const start = (address >> hostBits) << hostBits;
  const end = start + (1n << hostBits) - 1n;
  return { family, start, end, prefixLength };
}

/** The prefix length of a CIDR, or `undefined` when it cannot be parsed. */
export function prefixLength(cidr: string): number | undefined {
  return parseCidr(cidr)?.prefixLength;
}

/**
 * Whether `outer` contains every address of `inner`. Blocks of different families never cover each
 * other. `undefined` when either cannot be parsed.
 */
export function covers(outer: string, inner: string): boolean | undefined {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  if (!a || !b) return undefined;
  return rangeCovers(a, b);
}

/** `covers` for already-parsed ranges. */
export function rangeCovers(outer: CidrRange, inner: CidrRange): boolean {
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end;
}

const PRIVATE_RANGES: CidrRange[] = PRIVATE_CIDRS.map((cidr) => {
  const range = parseCidr(cidr);
  if (!range) throw new Error(`bad built-in CIDR ${cidr}`);
  return range;
});

/**
 * True when the whole block lies inside one private range; false when any address is public;
 * `undefined` when the CIDR cannot be parsed (the caller cannot judge it).
 *
 * @example isWhollyPrivate('10.0.0.0/8') // true
 * @example isWhollyPrivate('10.0.0.0/7') // false: it also holds 11.0.0.0/8
 */
export function isWhollyPrivate(cidr: string): boolean | undefined {
  const range = parseCidr(cidr);
  if (!range) return undefined;
  return isRangeWhollyPrivate(range);
}

/** `isWhollyPrivate` for an already-parsed range. */
export function isRangeWhollyPrivate(range: CidrRange): boolean {
  // The private blocks do not touch each other, so "inside one of them" is the whole test.
  return PRIVATE_RANGES.some((block) => rangeCovers(block, range));
}

function parseIpv4Address(text: string): bigint | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  let value = 0n;
  for (const octetText of match.slice(1)) {
    const octet = Number(octetText);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6Address(text: string): bigint | undefined {
  let address = text.toLowerCase();
  // An embedded dotted quad (`::ffff:192.0.2.1`) stands for the last two 16-bit groups.
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4Address(tail);
    if (v4 === undefined) return undefined;
    address = `${address.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }

  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const rest = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;

  let groups: string[];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return undefined;

  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(`0x${group}`);
  return value;
}

function groupsOf(text: string): string[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group)) ? groups : undefined;
}
