/**
 * What the views show about a rule (title, control vs advisory, compliance mappings), read from
 * the rule registry by default. Views accept a `RuleLookup` so tests and other callers can supply
 * metadata without the registry.
 * @module
 */
import { isControlRule, type RuleId, type RuleMetadata } from '../../audit/model.js';
import { ruleById } from '../../audit/rules/index.js';

export type RuleInfo = Pick<RuleMetadata, 'title' | 'kind' | 'compliance'>;
export type RuleLookup = (id: RuleId) => RuleInfo | undefined;

export const registryLookup: RuleLookup = (id) => ruleById[id];

/** Metadata for `id`; falls back to the id itself and the model's control list. */
export function ruleInfo(id: RuleId, lookup: RuleLookup = registryLookup): RuleInfo {
  const found = lookup(id);
  if (found) return found;
  return { title: id, kind: isControlRule(id) ? 'control' : 'advisory', compliance: [] };
}

/**
 * "CIS Controls v8 3.4, 6.7, 6.8, 14.6 · SOC 2 · HIPAA · Profile Level 1": repeated prefixes folded
 * so the mapping fits on one line.
 */
export function complianceLine(tags: readonly string[]): string {
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const tag of tags) {
    const match = /^(.*\S)\s+(\d+(?:\.\d+)*)$/.exec(tag);
    const prefix = match?.[1] ?? tag;
    if (!groups.has(prefix)) {
      groups.set(prefix, []);
      order.push(prefix);
    }
    if (match?.[2]) groups.get(prefix)?.push(match[2]);
  }
  return order.map((prefix) => {
    const numbers = groups.get(prefix) ?? [];
    return numbers.length > 0 ? `${prefix} ${numbers.join(', ')}` : prefix;
  }).join(' · ');
}
