/**
 * Flags for the benchmarks: `--name value` or `--name=value`, numbers and comma lists checked, and
 * every problem reported at once (as the product's config does). Pure, so it is tested directly.
 * @module
 */

export type FlagKind = 'int' | 'number' | 'int-list' | 'list' | 'string' | 'boolean';

export interface FlagSpec {
  kind: FlagKind;
  help: string;
  /** Allowed values for `list` / `string` flags. */
  choices?: readonly string[];
}

export type FlagValue = number | number[] | string | string[] | boolean;

export type ParsedFlags = { ok: true; values: Record<string, FlagValue>; help: boolean } | { ok: false; problems: string[] };

/**
 * @example parseFlags(['--sizes', '1000,10000'], { sizes: { kind: 'int-list', help: '…' } }, { sizes: [1000] })
 */
export function parseFlags(argv: readonly string[], specs: Record<string, FlagSpec>, defaults: Record<string, FlagValue>): ParsedFlags {
  const values: Record<string, FlagValue> = { ...defaults };
  const problems: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--(no-)?([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[2];
    const spec = name === undefined ? undefined : specs[name];
    if (!match || name === undefined || !spec) {
      problems.push(`unknown argument ${arg}`);
      continue;
    }
    if (spec.kind === 'boolean') {
      values[name] = match[1] === undefined;
      continue;
    }
    if (match[1] !== undefined) {
      problems.push(`--no-${name}: only on/off flags can be negated`);
      continue;
    }
    const raw = match[3] ?? argv[++i];
    if (raw === undefined || (match[3] === undefined && raw.startsWith('--'))) {
      problems.push(`--${name} needs a value`);
      if (raw?.startsWith('--')) i--;
      continue;
    }
    const value = convert(name, raw, spec, problems);
    if (value !== undefined) values[name] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values, help };
}

function convert(name: string, raw: string, spec: FlagSpec, problems: string[]): FlagValue | undefined {
  const badChoice = (v: string) => spec.choices !== undefined && !spec.choices.includes(v);
  switch (spec.kind) {
    case 'int':
    case 'number': {
      const n = Number(raw.replace(/_/g, ''));
      if (!Number.isFinite(n) || n <= 0 || (spec.kind === 'int' && !Number.isInteger(n))) {
        problems.push(`--${name} must be a positive ${spec.kind === 'int' ? 'integer' : 'number'}, got ${raw}`);
        return undefined;
      }
      return n;
    }
    case 'int-list': {
      const items = raw.split(',').map((s) => Number(s.trim().replace(/_/g, '').replace(/k$/i, '000')));
      if (items.length === 0 || items.some((n) => !Number.isInteger(n) || n <= 0)) {
        problems.push(`--${name} must be a comma list of positive integers (1000,10k), got ${raw}`);
        return undefined;
      }
      return items;
    }
    case 'list': {
      const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const wrong = items.filter(badChoice);
      if (items.length === 0 || wrong.length > 0) {
        problems.push(`--${name} takes a comma list of ${spec.choices?.join(', ') ?? 'values'}, got ${raw}`);
        return undefined;
      }
      return items;
    }
    case 'string':
      if (badChoice(raw)) {
        problems.push(`--${name} must be one of ${spec.choices?.join(', ')}, got ${raw}`);
        return undefined;
      }
      return raw;
    case 'boolean':
      return true;
  }
}

/** `--help` text: one line per flag with its default. */
export function usage(command: string, specs: Record<string, FlagSpec>, defaults: Record<string, FlagValue>): string {
  const lines = Object.entries(specs).map(([name, spec]) => {
    const fallback = defaults[name];
    const shown = fallback === undefined ? '' : ` [${Array.isArray(fallback) ? fallback.join(',') : String(fallback)}]`;
    return `  --${name.padEnd(20)} ${spec.help}${shown}`;
  });
  return [`usage: ${command} [flags]`, ...lines].join('\n');
}

/**
 * A benchmark's command line: the parsed values, or the exit code after printing `--help` (0) or
 * every problem at once (2).
 */
export function readCommandLine(
  command: string,
  argv: readonly string[],
  specs: Record<string, FlagSpec>,
  defaults: Record<string, FlagValue>,
): { values: Record<string, FlagValue> } | { exitCode: number } {
  const parsed = parseFlags(argv, specs, defaults);
  if (!parsed.ok) {
    console.error(parsed.problems.map((p) => `error: ${p}`).join('\n'));
    return { exitCode: 2 };
  }
  if (parsed.help) {
    console.log(usage(command, specs, defaults));
    return { exitCode: 0 };
  }
  return { values: parsed.values };
}
