import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, CSV_HEADER, csvCell, csvRow } from './fleet-csv.js';
import { buildReport } from './testing/fixtures.js';

/** A small RFC 4180 reader, enough to check what we write. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i += 1;
          break;
        } else value += line[i++];
      }
      cells.push(value);
      i += 1;
    } else {
      const end = line.indexOf(',', i);
      cells.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

describe('fleet CSV', () => {
  it('has the documented header', () => {
    expect(CSV_HEADER).toBe('account,region,job,training_status,verdict,vpc_id,subnets,security_groups,failing_rules,unknown_rules,messages');
  });

  it('writes one job as a row', () => {
    const cells = parseCsvLine(csvRow(buildReport()));
    expect(Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells[i]]))).toEqual({
      account: '123456789012',
      region: 'us-east-1',
      job: 'train-42',
      training_status: 'Completed',
      verdict: 'fail',
      vpc_id: 'vpc-0abc',
      subnets: 'subnet-0a1b2c3d4e5f60718 subnet-0b1b2c3d4e5f60718',
      security_groups: 'sg-0a1b2c3d4e5f60718',
      failing_rules: 'vpc-subnets-private',
      unknown_rules: 'vpc-security-groups-restricted',
      messages:
        "vpc-subnets-private (fail): subnet-0b1b2c3d4e5f60718 is public by AWS's definition: route table rtb-3 routes 0.0.0.0/0 to igw-9 | vpc-security-groups-restricted (unknown): ec2:DescribeSecurityGroups was denied for sg-0a1b2c3d4e5f60718; grant it to judge this group | vpc-s3-access (warn): no S3 path found for subnet-0a1b2c3d4e5f60718",
    });
  });

  it.each`
    value                    | cell
    ${'=HYPERLINK("x")'}     | ${`"'=HYPERLINK(""x"")"`}
    ${'+1'}                  | ${"'+1"}
    ${'-2+3'}                | ${"'-2+3"}
    ${'@SUM(A1)'}            | ${"'@SUM(A1)"}
    ${'\tx'}                 | ${"'\tx"}
    ${'\rx'}                 | ${`"'\rx"`}
    ${'a,b'}                 | ${'"a,b"'}
    ${'say "hi"'}            | ${'"say ""hi"""'}
    ${'line\nbreak'}         | ${'"line\nbreak"'}
    ${'train-42'}            | ${'train-42'}
    ${''}                    | ${''}
  `('csvCell($value) → $cell', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('round-trips any cell, and no cell starts a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), (values) => {
        const parsed = parseCsvLine(values.map(csvCell).join(','));
        expect(parsed).toHaveLength(values.length);
        parsed.forEach((cell, i) => {
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          expect(cell.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(values[i]);
        });
      }),
    );
  });

  it('protects a job report carrying formula text', () => {
    const row = csvRow(buildReport({ name: '=cmd|calc', findings: [{ rule: 'vpc-configured', status: 'fail', severity: 'high', message: '@evil', resources: [] }] }));
    const cells = parseCsvLine(row);
    expect(cells[2]).toBe("'=cmd|calc");
    expect(cells[8]).toBe('vpc-configured');
  });
});
