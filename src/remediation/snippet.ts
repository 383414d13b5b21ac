/**
 * Snippet helpers: POSIX shell quoting, AWS CLI command rendering and small constructors.
 *
 * People paste these snippets into a terminal during an incident, so every value that reaches a
 * shell goes through `shellQuote` (safe for quotes, `$`, backticks and newlines); only shell
 * variables set by the snippet itself are expanded, and only through `shellVar`.
 * @module
 */
import type { Snippet, SnippetKind } from '../audit/model.js';

/** Characters that never need quoting in a POSIX shell word (no globbing, expansion or splitting). */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes a value as one POSIX shell word.
 * @example shellQuote("it's") // → 'it'\''s'
 */
export function shellQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;
  // Inside single quotes nothing is special except the quote itself, which is closed, escaped and reopened.
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A word in double quotes, so `$VARIABLES` set earlier in the same snippet are expanded. Only for
 * text this module writes itself: untrusted values always go through `shellQuote`.
 */
export interface ExpandedWord {
  expanded: string;
}

/** A reference to a shell variable the same snippet sets (rendered `"$NAME"`). */
export function shellVar(name: string): ExpandedWord {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(name)) throw new Error(`not a shell variable name: ${name}`);
  return { expanded: `$${name}` };
}

/** A value rendered as one word: a literal (quoted as needed) or an expanded word. */
export type ShellWord = string | ExpandedWord;

function renderWord(word: ShellWord): string {
  if (typeof word === 'string') return shellQuote(word);
  // Inside double quotes `\`, `"` and backticks must be escaped; `$` stays live on purpose.
  return `"${word.expanded.replace(/[\\"`]/g, (c) => `\\${c}`)}"`;
}

/** `[flag, ...values]`: a flag with no values is a switch; several values form a list option. */
export type CliOption = readonly [flag: `--${string}`, ...values: ShellWord[]];

/**
 * Renders one `aws` command, one option per line, joined with ` \` continuations.
 * @example awsCommand('sagemaker', 'stop-training-job', [['--training-job-name', 'train-42'], ['--region', 'us-east-1']])
 */
export function awsCommand(service: string, command: string, options: readonly CliOption[]): string {
  const lines = options.map(([flag, ...values]) => ['  ' + flag, ...values.map(renderWord)].join(' '));
  return [`aws ${service} ${command}`, ...lines].join(' \\\n');
}

/** Compact JSON for a shell argument (quoted by the caller through `awsCommand`). */
export function compactJson(value: unknown): string {
  return JSON.stringify(value);
}

/** A Python list literal of strings (JSON string syntax is valid Python for these values). */
export function pythonList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

interface SnippetOptions {
  irreversible?: boolean;
}

/** Builds a snippet; `permissions` is always set (empty for snippets that call nothing). */
export function snippet(
  kind: SnippetKind,
  title: string,
  code: string,
  permissions: readonly string[] = [],
  options: SnippetOptions = {},
): Snippet {
  const result: Snippet = { kind, title, code, permissions: [...permissions] };
  if (options.irreversible) result.irreversible = true;
  return result;
}

/** A `text` snippet: advice, warnings and notes, with no permissions. */
export function textSnippet(title: string, lines: readonly string[]): Snippet {
  return snippet('text', title, lines.join('\n'));
}

/** Placeholders for values the tool cannot know; each names what to put there. */
export const PLACEHOLDER = {
  privateSubnet: '<private-subnet-id>',
  securityGroup: '<security-group-id>',
  trainingSecurityGroup: '<training-sg-id>',
  vpc: '<vpc-id>',
  vpcEndpoint: '<vpc-endpoint-id-printed-by-the-create-step>',
  policyId: '<policy-id-printed-by-create-policy>',
  orgTarget: '<ou-or-account-id>',
  launcherRole: '<launcher-role-name>',
} as const;

/** True when a string still holds one of our `<…>` placeholders. */
export function hasPlaceholder(value: string): boolean {
  return /<[a-z0-9-]+>/.test(value);
}
