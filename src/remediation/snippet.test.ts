import { execFileSync } from 'node:child_process';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { awsCommand, hasPlaceholder, pythonList, shellQuote, shellVar, snippet } from './snippet.js';

/** What a POSIX shell makes of one quoted word. */
function throughShell(word: string, env: Record<string, string> = {}): string {
  return execFileSync('sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
}

describe('shellQuote', () => {
  it.each`
    value                          | quoted
    ${'train-42'}                  | ${'train-42'}
    ${'s3://bucket/prefix/'}       | ${'s3://bucket/prefix/'}
    ${''}                          | ${"''"}
    ${'two words'}                 | ${"'two words'"}
    ${"it's"}                      | ${"'it'\\''s'"}
    ${'$HOME'}                     | ${"'$HOME'"}
    ${'<private-subnet-id>'}       | ${"'<private-subnet-id>'"}
    ${'[{"IpProtocol":"-1"}]'}     | ${'\'[{"IpProtocol":"-1"}]\''}
  `('quotes $value as $quoted', ({ value, quoted }: { value: string; quoted: string }) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  it.each([["a'b\"c$(id)`id`\n\\d"], ['*'], ['~root'], ['a;b|c&d'], ['line1\nline2']])('survives a real shell: %j', (value) => {
    expect(throughShell(shellQuote(value))).toBe(value);
  });

  it('round-trips any string through sh (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0')), (value) => {
        expect(throughShell(shellQuote(value))).toBe(value);
      }),
      { numRuns: 25 },
    );
  });
});

describe('shellVar', () => {
  it('renders a double-quoted expansion that the shell expands', () => {
    const code = awsCommand('ec2', 'delete-security-group', [['--group-id', shellVar('SG_ID')]]);
    expect(code).toContain('--group-id "$SG_ID"');
    expect(throughShell('"$SG_ID"', { SG_ID: 'sg-0123' })).toBe('sg-0123');
  });

  it('refuses names that are not shell variables', () => {
    expect(() => shellVar('sg id')).toThrow(/not a shell variable/);
  });

  it('escapes backslashes, quotes and backticks in expanded words but keeps $ live', () => {
    const code = awsCommand('ec2', 'x', [['--v', { expanded: 'a"b`c\\d$E' }]]);
    expect(code).toContain('--v "a\\"b\\`c\\\\d$E"');
    expect(throughShell('"a\\"b\\`c\\\\d$E"', { E: 'e' })).toBe('a"b`c\\de');
  });
});

describe('awsCommand', () => {
  it('puts one option per line with continuations and quotes values', () => {
    const code = awsCommand('ec2', 'modify-vpc-endpoint', [
      ['--vpc-endpoint-id', 'vpce-0s3'],
      ['--add-route-table-ids', 'rtb-1', 'rtb-2'],
      ['--description', 'two words'],
    ]);
    expect(code).toBe(
      'aws ec2 modify-vpc-endpoint \\\n  --vpc-endpoint-id vpce-0s3 \\\n  --add-route-table-ids rtb-1 rtb-2 \\\n  --description \'two words\'',
    );
  });
});

describe('helpers', () => {
  it('pythonList writes Python string literals', () => {
    expect(pythonList(['subnet-1', 'subnet-2'])).toBe('["subnet-1", "subnet-2"]');
  });

  it('snippet always carries permissions and marks only irreversible steps', () => {
    expect(snippet('text', 't', 'c')).toEqual({ kind: 'text', title: 't', code: 'c', permissions: [] });
    expect(snippet('aws-cli', 't', 'c', ['sagemaker:StopTrainingJob'], { irreversible: true }).irreversible).toBe(true);
  });

  it.each`
    value                         | expected
    ${'<private-subnet-id>'}      | ${true}
    ${'subnet-0a1b'}              | ${false}
    ${'a < b'}                    | ${false}
  `('hasPlaceholder($value) = $expected', ({ value, expected }: { value: string; expected: boolean }) => {
    expect(hasPlaceholder(value)).toBe(expected);
  });
});
