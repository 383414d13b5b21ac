import { describe, expect, it } from 'vitest';
import { explainError, notLookedUp } from './explain-error.js';
import type { CollectorError, ErrorCode } from './model.js';

function error(code: ErrorCode, message = 'boom'): CollectorError {
  return { code, operation: 'ec2:DescribeRouteTables', resource: 'subnet-0a1', message };
}

describe('explainError', () => {
  it.each`
    code               | expected
    ${'access_denied'} | ${'ec2:DescribeRouteTables was denied for subnet-0a1; grant it to judge this subnet'}
    ${'not_found'}     | ${'subnet-0a1 was not found (ec2:DescribeRouteTables); it may have been deleted'}
    ${'throttled'}     | ${'ec2:DescribeRouteTables was throttled while reading subnet-0a1; run the check again'}
    ${'timeout'}       | ${'ec2:DescribeRouteTables did not answer for subnet-0a1 (timeout); run the check again'}
    ${'unavailable'}   | ${'ec2:DescribeRouteTables did not answer for subnet-0a1 (unavailable); run the check again'}
    ${'invalid_input'} | ${'ec2:DescribeRouteTables rejected the request for subnet-0a1: boom'}
    ${'unknown'}       | ${'ec2:DescribeRouteTables failed for subnet-0a1: boom'}
  `('$code', ({ code, expected }) => {
    expect(explainError(error(code), 'subnet-0a1', 'this subnet')).toBe(expected);
  });

  it('explains a fact that was never looked up', () => {
    expect(explainError(notLookedUp('ec2:DescribeSubnets', 'subnet-9'), 'subnet-9', 'this subnet')).toBe(
      'ec2:DescribeSubnets failed for subnet-9: it is not in the collected network snapshot (it was not looked up)',
    );
  });
});
