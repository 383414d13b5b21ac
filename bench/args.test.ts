import { describe, expect, it } from 'vitest';
import { parseFlags, usage, type FlagSpec } from './args.js';

const SPECS: Record<string, FlagSpec> = {
  sizes: { kind: 'int-list', help: 'sizes' },
  approaches: { kind: 'list', help: 'runs', choices: ['ours', 'peer'] },
  'latency-ms': { kind: 'number', help: 'latency' },
  burst: { kind: 'int', help: 'burst' },
  seed: { kind: 'string', help: 'seed' },
  'approved-network': { kind: 'boolean', help: 'approved' },
};
const DEFAULTS = { sizes: [1000], approaches: ['ours'], 'latency-ms': 20, burst: 20, seed: 's', 'approved-network': true };

describe('parseFlags', () => {
  it.each`
    argv                                           | expected
    ${[]}                                          | ${DEFAULTS}
    ${['--sizes', '1000,10k,100_000']}             | ${{ ...DEFAULTS, sizes: [1000, 10_000, 100_000] }}
    ${['--sizes=500']}                             | ${{ ...DEFAULTS, sizes: [500] }}
    ${['--approaches', 'peer,ours']}               | ${{ ...DEFAULTS, approaches: ['peer', 'ours'] }}
    ${['--latency-ms', '2.5', '--burst', '7']}     | ${{ ...DEFAULTS, 'latency-ms': 2.5, burst: 7 }}
    ${['--no-approved-network', '--seed', 'x']}    | ${{ ...DEFAULTS, 'approved-network': false, seed: 'x' }}
  `('$argv', ({ argv, expected }) => {
    expect(parseFlags(argv, SPECS, DEFAULTS)).toEqual({ ok: true, values: expected, help: false });
  });

  it('reports every problem at once', () => {
    const parsed = parseFlags(['--sizes', '10,x', '--approaches', 'theirs', '--burst', '1.5', '--nope', '--no-seed', '--latency-ms'], SPECS, DEFAULTS);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      '--sizes must be a comma list of positive integers (1000,10k), got 10,x',
      '--approaches takes a comma list of ours, peer, got theirs',
      '--burst must be a positive integer, got 1.5',
      'unknown argument --nope',
      '--no-seed: only on/off flags can be negated',
      '--latency-ms needs a value',
    ]);
  });

  it('does not take the next flag as a value', () => {
    const parsed = parseFlags(['--seed', '--burst', '3'], SPECS, DEFAULTS);
    expect(parsed).toEqual({ ok: false, problems: ['--seed needs a value'] });
  });

  it('answers --help with the defaults shown', () => {
    expect(parseFlags(['--help'], SPECS, DEFAULTS)).toMatchObject({ ok: true, help: true });
    expect(usage('tsx bench/x.ts', SPECS, DEFAULTS)).toContain('--sizes                sizes [1000]');
  });
});
