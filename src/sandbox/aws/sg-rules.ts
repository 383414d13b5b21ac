/**
 * Security-group rule arithmetic with EC2's semantics: a permission is keyed by (protocol, from, to);
 * authorizing merges sources into it, revoking removes exactly the given sources and drops the
 * permission once it has none left.
 * @module
 */
import type { SandboxPermission } from './world-types.js';

type SourceKey = 'ipRanges' | 'ipv6Ranges' | 'prefixListIds' | 'groups';

const SOURCE_KEYS: readonly SourceKey[] = ['ipRanges', 'ipv6Ranges', 'prefixListIds', 'groups'];

function sameSlot(a: SandboxPermission, b: SandboxPermission): boolean {
  // EC2 ignores ports for `-1` (all traffic): they are not part of the rule's identity there.
  if (a.ipProtocol !== b.ipProtocol) return false;
  if (a.ipProtocol === '-1') return true;
  return a.fromPort === b.fromPort && a.toPort === b.toPort;
}

function sourceId(key: SourceKey, source: unknown): string {
  const s = source as { cidr?: string; prefixListId?: string; groupId?: string; userId?: string };
  switch (key) {
    case 'ipRanges':
    case 'ipv6Ranges':
      return s.cidr ?? '';
    case 'prefixListIds':
      return s.prefixListId ?? '';
    case 'groups':
      return `${s.userId ?? ''}/${s.groupId ?? ''}`;
  }
}

function sources(permission: SandboxPermission, key: SourceKey): Array<{ id: string; value: unknown }> {
  const list = (permission[key] ?? []) as unknown[];
  return list.map((value) => ({ id: sourceId(key, value), value }));
}

function isEmpty(permission: SandboxPermission): boolean {
  return SOURCE_KEYS.every((key) => (permission[key]?.length ?? 0) === 0);
}

/** Returns the new permission list with `permission`'s sources added (duplicates ignored). */
export function addPermission(list: readonly SandboxPermission[], permission: SandboxPermission): SandboxPermission[] {
  const result = list.map((p) => structuredClone(p));
  let slot = result.find((p) => sameSlot(p, permission));
  if (!slot) {
    slot = { ipProtocol: permission.ipProtocol, ...portsOf(permission) };
    result.push(slot);
  }
  for (const key of SOURCE_KEYS) {
    const existing = new Set(sources(slot, key).map((s) => s.id));
    for (const source of sources(permission, key)) {
      if (existing.has(source.id)) continue;
      (slot[key] as unknown[] | undefined) ??= [];
      (slot[key] as unknown[]).push(structuredClone(source.value));
    }
  }
  return result;
}

/**
 * Returns the new permission list without `permission`'s sources, or `undefined` when none of them
 * exists (EC2 answers `InvalidPermission.NotFound` then).
 */
export function removePermission(
  list: readonly SandboxPermission[],
  permission: SandboxPermission,
): SandboxPermission[] | undefined {
  let removed = 0;
  const result: SandboxPermission[] = [];
  for (const original of list) {
    const p = structuredClone(original);
    if (sameSlot(p, permission)) {
      for (const key of SOURCE_KEYS) {
        const drop = new Set(sources(permission, key).map((s) => s.id));
        if (drop.size === 0 || !p[key]) continue;
        const before = p[key].length;
        const kept = (p[key] as unknown[]).filter((value) => !drop.has(sourceId(key, value)));
        removed += before - kept.length;
        (p as unknown as Record<SourceKey, unknown[]>)[key] = kept;
      }
      if (isEmpty(p)) continue;
    }
    result.push(p);
  }
  return removed > 0 ? result : undefined;
}

function portsOf(permission: SandboxPermission): Pick<SandboxPermission, 'fromPort' | 'toPort'> {
  if (permission.ipProtocol === '-1') return {};
  return {
    ...(permission.fromPort !== undefined ? { fromPort: permission.fromPort } : {}),
    ...(permission.toPort !== undefined ? { toPort: permission.toPort } : {}),
  };
}
