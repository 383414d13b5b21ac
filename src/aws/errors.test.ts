import { describe, expect, it } from 'vitest';

import { notFoundError, toCollectorError } from './errors.js';

/** An SDK-shaped service error: `name` is the wire code, `$metadata.httpStatusCode` the status. */
function sdkError(name: string, message = '', status = 400, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, ...extra });
}

function socketError(code: string, name = 'Error'): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { name, code });
}

describe('toCollectorError', () => {
  it.each`
    error                                                                                  | code
    ${sdkError('AccessDeniedException', 'User: x is not authorized')}                      | ${'access_denied'}
    ${sdkError('AccessDenied', '', 403)}                                                   | ${'access_denied'}
    ${sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.')} | ${'access_denied'}
    ${sdkError('Client.Unauthorized')}                                                     | ${'access_denied'}
    ${sdkError('SomethingElse', '', 403)}                                                  | ${'access_denied'}
    ${sdkError('ThrottlingException', 'Rate exceeded')}                                    | ${'throttled'}
    ${sdkError('RequestLimitExceeded', 'Request limit exceeded.', 503)}                    | ${'throttled'}
    ${sdkError('TooManyRequestsException')}                                                | ${'throttled'}
    ${sdkError('Throttling')}                                                              | ${'throttled'}
    ${sdkError('Whatever', '', 429)}                                                       | ${'throttled'}
    ${sdkError('ValidationException', 'Requested resource not found.')}                    | ${'not_found'}
    ${sdkError('ResourceNotFound', 'Training job not found')}                              | ${'not_found'}
    ${sdkError('InvalidSubnetID.NotFound', "The subnet ID 'subnet-404' does not exist")}   | ${'not_found'}
    ${sdkError('InvalidVpcEndpointId.NotFound')}                                           | ${'not_found'}
    ${sdkError('InvalidGroup.NotFound')}                                                   | ${'not_found'}
    ${sdkError('NatGatewayNotFound')}                                                      | ${'not_found'}
    ${sdkError('TimeoutError', 'socket timed out', 0)}                                     | ${'timeout'}
    ${Object.assign(new Error('aborted'), { name: 'AbortError' })}                         | ${'timeout'}
    ${socketError('ETIMEDOUT')}                                                            | ${'timeout'}
    ${sdkError('RequestTimeout')}                                                          | ${'timeout'}
    ${sdkError('InternalFailure', '', 500)}                                                | ${'unavailable'}
    ${sdkError('Unknown', '', 502)}                                                        | ${'unavailable'}
    ${sdkError('ServiceUnavailable', '', 503)}                                             | ${'unavailable'}
    ${socketError('ECONNRESET')}                                                           | ${'unavailable'}
    ${socketError('ECONNREFUSED')}                                                         | ${'unavailable'}
    ${sdkError('ValidationException', "1 validation error detected: Value 'bad name' failed")} | ${'invalid_input'}
    ${sdkError('InvalidSubnetID.Malformed', 'Invalid id: "subnet-xyz"')}                   | ${'invalid_input'}
    ${sdkError('ResourceLimitExceeded')}                                                   | ${'unknown'}
    ${new TypeError('boom')}                                                               | ${'unknown'}
    ${'a string'}                                                                          | ${'unknown'}
  `('$error.name → $code', ({ error, code }: { error: unknown; code: string }) => {
    const result = toCollectorError(error, 'ec2:DescribeSubnets');

    expect(result.code).toBe(code);
    expect(result.operation).toBe('ec2:DescribeSubnets');
  });

  it('says which action to grant when access is denied', () => {
    const error = toCollectorError(sdkError('UnauthorizedOperation', 'You are not authorized'), 'ec2:DescribeRouteTables', 'subnet-0a');

    expect(error).toEqual({
      code: 'access_denied',
      operation: 'ec2:DescribeRouteTables',
      resource: 'subnet-0a',
      message: "ec2:DescribeRouteTables was denied for subnet-0a: grant ec2:DescribeRouteTables to the bot's role (see iam-policy.json).",
    });
  });

  it('names an explicit deny as such', () => {
    const message = 'User: arn:aws:sts::111122223333:assumed-role/bot/s is not authorized to perform: sagemaker:Search with an explicit deny in a service control policy';

    const error = toCollectorError(sdkError('AccessDeniedException', message), 'sagemaker:Search');

    expect(error.message).toMatch(/^sagemaker:Search was denied by an explicit deny \(an SCP/);
  });

  it.each(['InvalidClientTokenId', 'ExpiredToken', 'SignatureDoesNotMatch', 'UnrecognizedClientException'])(
    'blames the credentials, not a missing grant, for %s',
    (name) => {
      const error = toCollectorError(sdkError(name, 'The security token included in the request is invalid.', 403), 'sagemaker:Search');

      expect(error.code).toBe('access_denied');
      expect(error.message).toContain("rejected the bot's credentials");
      expect(error.message).not.toContain('grant');
    },
  );

  it('says when no credentials were found at all', () => {
    const error = toCollectorError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers', 0), 'sagemaker:Search');

    expect(error.message).toBe('sagemaker:Search was not attempted: no AWS credentials were found (standard credential chain).');
  });

  it('suggests SAGEMAKER_MAX_RPS only for SageMaker throttling', () => {
    expect(toCollectorError(sdkError('RequestLimitExceeded'), 'ec2:DescribeSubnets', 'subnet-1').message).toBe(
      'ec2:DescribeSubnets was throttled by AWS for subnet-1; try again later.',
    );
  });

  it('omits `resource` when the call was about none', () => {
    expect(toCollectorError(sdkError('ThrottlingException'), 'sagemaker:Search')).not.toHaveProperty('resource');
  });

  it('reports attempts made before giving up on throttling', () => {
    const error = toCollectorError(sdkError('ThrottlingException', 'Rate exceeded', 400, { $metadata: { httpStatusCode: 400, attempts: 6 } }), 'sagemaker:Search');

    expect(error.message).toBe('sagemaker:Search was throttled by AWS after 6 attempts; try again later or lower the request rate (SAGEMAKER_MAX_RPS).');
  });

  it('keeps AWS text for unknown errors but never credentials', () => {
    const text = 'Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/ec2/aws4_request, Signature=abcdef0123 key ASIAIOSFODNN7EXAMPLE';

    const error = toCollectorError(sdkError('IncompleteSignature', text), 'ec2:DescribeSubnets');

    expect(error.code).toBe('unknown');
    expect(error.message).toContain('IncompleteSignature');
    expect(error.message).not.toMatch(/AKIA|ASIA|abcdef0123/);
    expect(error.message).toContain('Credential=<redacted>');
  });

  it('caps long AWS text', () => {
    const error = toCollectorError(sdkError('Odd', 'x'.repeat(5000)), 'ec2:DescribeSubnets');

    expect(error.message.length).toBeLessThan(400);
  });

  it('reads socket codes from the cause too', () => {
    const error = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

    expect(toCollectorError(error, 'ec2:DescribeSubnets').code).toBe('unavailable');
  });
});

describe('notFoundError', () => {
  it('names the resource and the action', () => {
    expect(notFoundError('ec2:DescribeSubnets', 'subnet-404')).toEqual({
      code: 'not_found',
      operation: 'ec2:DescribeSubnets',
      resource: 'subnet-404',
      message: 'subnet-404 was not found (ec2:DescribeSubnets).',
    });
  });
});
