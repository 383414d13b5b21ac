/**
 * `manifest.yml` against Slack's manifest rules (slack-reference.md §7, schema 1.0.0) written as
 * data, and against what the bot needs and registers: Socket Mode, `/sagemaker-vpc` with a usage
 * hint, interactivity, App Home with `app_home_opened`, exactly the four bot scopes. Read with a
 * small YAML-subset reader (no dependency), which is tested here too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYamlSubset, YamlSubsetError, type YamlValue } from '../helpers/slack-manifest-yaml.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

type Kind = 'string' | 'boolean' | 'integer' | 'array' | 'object';
interface FieldRule {
  /** Dotted path; `[]` walks every item of an array. */
  path: string;
  kind: Kind;
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** Slack's rules for the fields this manifest may use (slack-reference.md §7). */
const SCHEMA_RULES: FieldRule[] = [
  { path: '_metadata.major_version', kind: 'integer', min: 1, max: 1 },
  { path: '_metadata.minor_version', kind: 'integer', min: 0 },
  { path: 'display_information', kind: 'object', required: true },
  { path: 'display_information.name', kind: 'string', required: true, min: 1, max: 35 },
  { path: 'display_information.description', kind: 'string', min: 1, max: 140 },
  { path: 'display_information.long_description', kind: 'string', min: 175, max: 4000 },
  { path: 'display_information.background_color', kind: 'string', pattern: /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/ },
  { path: 'features.bot_user.display_name', kind: 'string', required: true, min: 1, max: 80 },
  { path: 'features.bot_user.always_online', kind: 'boolean' },
  { path: 'features.app_home.home_tab_enabled', kind: 'boolean' },
  { path: 'features.app_home.messages_tab_enabled', kind: 'boolean' },
  { path: 'features.app_home.messages_tab_read_only_enabled', kind: 'boolean' },
  { path: 'features.slash_commands', kind: 'array', min: 1, max: 50 },
  { path: 'features.slash_commands[].command', kind: 'string', required: true, min: 2, max: 32, pattern: /^\// },
  { path: 'features.slash_commands[].description', kind: 'string', required: true, min: 1, max: 2000 },
  { path: 'features.slash_commands[].usage_hint', kind: 'string', min: 1, max: 1000 },
  { path: 'features.slash_commands[].should_escape', kind: 'boolean' },
  { path: 'features.slash_commands[].url', kind: 'string', pattern: /^https:\/\// },
  { path: 'oauth_config.scopes.bot', kind: 'array', max: 255 },
  { path: 'oauth_config.scopes.bot[]', kind: 'string', min: 1, max: 50 },
  { path: 'settings.event_subscriptions.request_url', kind: 'string', pattern: /^https:\/\// },
  { path: 'settings.event_subscriptions.bot_events', kind: 'array' },
  { path: 'settings.event_subscriptions.bot_events[]', kind: 'string' },
  { path: 'settings.interactivity.is_enabled', kind: 'boolean', required: true },
  { path: 'settings.interactivity.request_url', kind: 'string', pattern: /^https:\/\// },
  { path: 'settings.org_deploy_enabled', kind: 'boolean' },
  { path: 'settings.socket_mode_enabled', kind: 'boolean' },
  { path: 'settings.token_rotation_enabled', kind: 'boolean' },
];

/** The schema allows no other keys in these objects (additionalProperties: false); a stray key is a typo. */
const KNOWN_KEYS: Record<string, string[]> = {
  '': ['_metadata', 'display_information', 'features', 'oauth_config', 'settings'],
  _metadata: ['major_version', 'minor_version'],
  display_information: ['name', 'description', 'long_description', 'background_color'],
  features: ['app_home', 'bot_user', 'slash_commands'],
  'features.app_home': ['home_tab_enabled', 'messages_tab_enabled', 'messages_tab_read_only_enabled'],
  'features.bot_user': ['display_name', 'always_online'],
  'features.slash_commands[]': ['command', 'description', 'url', 'usage_hint', 'should_escape'],
  oauth_config: ['scopes', 'redirect_urls'],
  'oauth_config.scopes': ['bot', 'user'],
  settings: ['event_subscriptions', 'interactivity', 'org_deploy_enabled', 'socket_mode_enabled', 'token_rotation_enabled'],
  'settings.event_subscriptions': ['request_url', 'bot_events', 'user_events'],
  'settings.interactivity': ['is_enabled', 'request_url', 'message_menu_options_url'],
};

/** Every value at `path` with the concrete path it was found at (the parent must exist for a required field to count as missing). */
function select(root: YamlValue, path: string): Array<{ at: string; value: YamlValue | undefined; parentExists: boolean }> {
  let nodes: Array<{ at: string; value: YamlValue | undefined; parentExists: boolean }> = [{ at: '', value: root, parentExists: true }];
  for (const part of path.split('.')) {
    const each = part.endsWith('[]');
    const key = each ? part.slice(0, -2) : part;
    nodes = nodes.flatMap(({ at, value }) => {
      const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
      const child = key === '' ? value : obj?.[key];
      const here = key === '' ? at : at ? `${at}.${key}` : key;
      if (!each) return [{ at: here, value: child, parentExists: obj !== undefined }];
      return Array.isArray(child) ? child.map((item, i) => ({ at: `${here}[${i}]`, value: item, parentExists: true })) : [];
    });
  }
  return nodes;
}

function kindOf(value: YamlValue): Kind | 'null' | 'number' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as 'string' | 'boolean';
}

/** Every way `manifest` breaks the rules, as sentences. */
function manifestProblems(manifest: YamlValue, rules = SCHEMA_RULES, known = KNOWN_KEYS): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    for (const { at, value, parentExists } of select(manifest, rule.path)) {
      if (value === undefined) {
        if (rule.required && parentExists) problems.push(`${at} is required`);
        continue;
      }
      if (kindOf(value) !== rule.kind) {
        problems.push(`${at} must be ${rule.kind}, is ${kindOf(value)}`);
        continue;
      }
      const size = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : typeof value === 'number' ? value : undefined;
      if (size !== undefined && rule.min !== undefined && size < rule.min) problems.push(`${at} is ${size}, below ${rule.min}`);
      if (size !== undefined && rule.max !== undefined && size > rule.max) problems.push(`${at} is ${size}, above ${rule.max}`);
      if (rule.pattern && typeof value === 'string' && !rule.pattern.test(value)) problems.push(`${at} does not match ${rule.pattern}`);
    }
  }
  for (const [path, keys] of Object.entries(known)) {
    for (const { at, value } of path === '' ? [{ at: '(top level)', value: manifest }] : select(manifest, path)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      for (const key of Object.keys(value)) if (!keys.includes(key)) problems.push(`${at}: unknown key ${key}`);
    }
  }
  return problems;
}

interface Manifest {
  display_information: { name: string; long_description: string };
  features: { app_home: { home_tab_enabled: boolean }; slash_commands: Array<{ command: string; usage_hint?: string; should_escape?: boolean }> };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean }; event_subscriptions: { bot_events: string[] } };
}

const read = (path: string) => readFileSync(new URL(path, `file://${REPO_ROOT}`), 'utf8');
const manifestText = read('manifest.yml');
const parsed = parseYamlSubset(manifestText);
const manifest = parsed as unknown as Manifest;

const DELETE = Symbol('delete');
/** A copy of `root` with one change at a dotted path (`a.b[0].c`); `DELETE` removes the key. */
function changed(root: YamlValue, path: string, to: YamlValue | typeof DELETE): YamlValue {
  const copy = structuredClone(root);
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = parts.pop() as string;
  let node = copy as Record<string, YamlValue>;
  for (const part of parts) node = node[part] as Record<string, YamlValue>;
  if (to === DELETE) delete node[last];
  else node[last] = to;
  return copy;
}

describe('manifest.yml', () => {
  it('follows Slack’s manifest rules', () => {
    expect(manifestProblems(parsed)).toEqual([]);
  });

  it('asks for Socket Mode with no request URLs (they would be ignored and suggest a half-done HTTP setup)', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifestText).not.toMatch(/^\s*(-\s*)?(url|request_url):/m);
  });

  it('declares /sagemaker-vpc with a usage hint, as registered by the bot', () => {
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: '/sagemaker-vpc', should_escape: false })]);
    expect(manifest.features.slash_commands[0]?.usage_hint).toMatch(/check <job>.*check --all/);
    expect(read('src/slack/listeners/commands/sagemaker-vpc.ts')).toContain("app.command('/sagemaker-vpc'");
  });

  it('enables interactivity, the Home tab and its app_home_opened event, which the bot handles', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(read('src/slack/listeners/events/app-home-opened.ts')).toContain("app.event('app_home_opened'");
  });

  it('requests exactly the bot scopes the bot uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'chat:write.public', 'files:write']);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('has a long description Slack accepts, in three paragraphs', () => {
    const text = manifest.display_information.long_description;
    expect(text.length).toBeGreaterThanOrEqual(175);
    expect(text).not.toMatch(/\n$/);
    expect(text.split('\n\n')).toHaveLength(3);
  });
});

describe('manifestProblems (the rules can fail)', () => {
  it.each`
    what                                  | path                                     | to                  | expected
    ${'no display_information'}           | ${'display_information'}                 | ${DELETE}           | ${'display_information is required'}
    ${'a 36-character name'}              | ${'display_information.name'}            | ${'x'.repeat(36)}   | ${'display_information.name is 36, above 35'}
    ${'a short long_description'}         | ${'display_information.long_description'} | ${'too short'}     | ${'display_information.long_description is 9, below 175'}
    ${'a colour without #'}               | ${'display_information.background_color'} | ${'1d3557'}        | ${'display_information.background_color does not match'}
    ${'a command without /'}              | ${'features.slash_commands[0].command'}  | ${'sagemaker-vpc'}  | ${'features.slash_commands[0].command does not match'}
    ${'interactivity without is_enabled'} | ${'settings.interactivity.is_enabled'}   | ${DELETE}           | ${'settings.interactivity.is_enabled is required'}
    ${'a string where a boolean goes'}    | ${'settings.socket_mode_enabled'}        | ${'true'}           | ${'settings.socket_mode_enabled must be boolean, is string'}
    ${'a misspelt key'}                   | ${'features.app_home.home_tab_enabeld'}  | ${true}             | ${'features.app_home: unknown key home_tab_enabeld'}
  `('flags $what', ({ path, to, expected }: { path: string; to: YamlValue | typeof DELETE; expected: string }) => {
    expect(manifestProblems(changed(parsed, path, to)).join('\n')).toContain(expected);
  });
});

describe('parseYamlSubset', () => {
  it.each([
    ['maps, sequences and scalars', 'a: 1\nb:\n  c: true\n  d: "x: y"\ne:\n  - one\n  - two # comment\n', { a: 1, b: { c: true, d: 'x: y' }, e: ['one', 'two'] }],
    ['a sequence of maps', 'list:\n  - name: a\n    on: false\n  - name: b\n', { list: [{ name: 'a', on: false }, { name: 'b' }] }],
    ['a sequence at the key’s column', 'k:\n- x\n- y\nz: 1\n', { k: ['x', 'y'], z: 1 }],
    ['folded, stripped', 'd: >-\n  one\n  two\n\n  three\nn: 1\n', { d: 'one two\nthree', n: 1 }],
    ['literal, clipped', 'd: |\n  one\n  two\n', { d: 'one\ntwo\n' }],
    ['quotes and colons in plain text', "s: 'it''s'\nt: chat:write\nu: \"#1d3557\"\n", { s: "it's", t: 'chat:write', u: '#1d3557' }],
  ])('%s', (_name, text, expected) => {
    expect(parseYamlSubset(text)).toEqual(expected);
  });

  it.each([
    ['flow collections', 'a: [1, 2]\n', /outside the subset/],
    ['anchors', 'a: &x 1\n', /outside the subset/],
    ['tabs', 'a:\n\tb: 1\n', /tab in indentation/],
    ['duplicate keys', 'a: 1\na: 2\n', /duplicate key a/],
    ['bad indentation', 'a:\n  b: 1\n   c: 2\n', /line 3: unexpected indentation/],
    ['several documents', '---\na: 1\n', /document markers/],
  ])('refuses %s', (_name, text, error) => {
    expect(() => parseYamlSubset(text)).toThrow(YamlSubsetError);
    expect(() => parseYamlSubset(text)).toThrow(error);
  });
});
