import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTROL_RULE_IDS, RULE_IDS, type Rule } from '../model.js';
import { ruleById, rules } from './index.js';
import { COMPLIANCE } from './rule-support.js';

const rulesDir = dirname(fileURLToPath(import.meta.url));
const folders = readdirSync(rulesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const EXPECTED_SEVERITY = {
  'vpc-configured': 'high',
  'vpc-subnets-private': 'high',
  'vpc-security-groups-restricted': 'high',
  'vpc-s3-access': 'medium',
  'vpc-multi-node-traffic': 'medium',
  'network-isolation': 'low',
  'inter-container-encryption': 'low',
} as const;

const KNOWN_ACTIONS = new Set([
  'sagemaker:Search',
  'sagemaker:DescribeTrainingJob',
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeNatGateways',
]);

describe('rule registry', () => {
  it('registers the seven rules of DESIGN.md §2 in table order', () => {
    expect(rules.map((rule) => rule.id)).toEqual([...RULE_IDS]);
  });

  it('has one folder per rule, named after its ID', () => {
    expect(folders).toEqual([...RULE_IDS].sort());
  });

  it('has unique, kebab-case IDs', () => {
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it.each(RULE_IDS.map((id) => [id]))('%s: its folder holds rule.ts and rule.test.ts, and exports the registered rule', async (id) => {
    expect(existsSync(join(rulesDir, id, 'rule.ts'))).toBe(true);
    expect(existsSync(join(rulesDir, id, 'rule.test.ts'))).toBe(true);
    const module = (await import(/* @vite-ignore */ pathToFileURL(join(rulesDir, id, 'rule.ts')).href)) as Record<string, Rule>;
    const exported = Object.values(module).filter((value) => typeof value === 'object' && value !== null && 'evaluate' in value);
    expect(exported.map((rule) => rule.id)).toEqual([id]);
    expect(exported[0]).toBe(ruleById[id]);
  });

  it.each(rules.map((rule) => [rule.id, rule] as const))('%s: metadata is complete', (id, rule) => {
    expect(ruleById[id]).toBe(rule);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(40);
    expect(rule.severity).toBe(EXPECTED_SEVERITY[id]);
    expect(rule.kind).toBe((CONTROL_RULE_IDS as readonly string[]).includes(id) ? 'control' : 'advisory');
    expect(rule.compliance).toEqual([...COMPLIANCE]);
    expect(rule.references.length).toBeGreaterThan(0);
    for (const url of rule.references) expect(url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(rule.permissions).toEqual(expect.arrayContaining(['sagemaker:Search', 'sagemaker:DescribeTrainingJob']));
    for (const action of rule.permissions) expect(KNOWN_ACTIONS).toContain(action);
  });

  it('maps every rule to exactly the SOP compliance list', () => {
    expect([...COMPLIANCE]).toEqual([
      'CIS Controls v8 3.4',
      'CIS Controls v8 6.7',
      'CIS Controls v8 6.8',
      'CIS Controls v8 14.6',
      'SOC 2',
      'HIPAA',
      'Profile Level 1',
    ]);
  });
});
