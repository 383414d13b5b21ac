import { describe, expect, it } from 'vitest';

import { awsCliProblems, awsInvocations, awsMentionProblems, parseShell } from './aws-cli.js';

describe('parseShell', () => {
  it('follows quotes, continuations, pipes, redirects, comments and $(…)', () => {
    const code = [
      '# a comment with aws sagemaker update-training-job',
      "ID=$(aws ec2 create-vpc-endpoint \\",
      "  --vpc-id 'vpc-0 a' --query VpcEndpoint.VpcEndpointId --output text)",
      'aws sagemaker describe-training-job --training-job-name "j$X" | jq \'.a | .b\' > out.json && echo "$ID"  # done',
    ].join('\n');
    expect(parseShell(code)).toEqual([
      ['aws', 'ec2', 'create-vpc-endpoint', '--vpc-id', 'vpc-0 a', '--query', 'VpcEndpoint.VpcEndpointId', '--output', 'text'],
      ['aws', 'sagemaker', 'describe-training-job', '--training-job-name', 'j$X'],
      ['jq', '.a | .b'],
      ['echo', '$ID'],
    ]);
  });

  it('joins POSIX-escaped single quotes into one word', () => {
    expect(parseShell("echo 'it'\\''s'")).toEqual([['echo', "it's"]]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseShell("aws ec2 x --a 'oops")).toThrow(/unterminated/);
  });
});

describe('awsInvocations', () => {
  it('groups values under their option', () => {
    const [call] = awsInvocations('aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-1 --add-route-table-ids rtb-1 rtb-2');
    expect(call?.key).toBe('ec2 modify-vpc-endpoint');
    expect(Object.fromEntries(call?.options ?? [])).toEqual({ '--vpc-endpoint-id': ['vpce-1'], '--add-route-table-ids': ['rtb-1', 'rtb-2'] });
  });
});

describe('awsCliProblems', () => {
  it.each`
    code                                                                                                      | problem
    ${'aws sagemaker update-training-job --training-job-name j --vpc-config x'}                                | ${'aws sagemaker update-training-job: not a whitelisted subcommand'}
    ${'aws sagemaker create-training-job --training-job-name j --vpc-id vpc-1'}                               | ${'aws sagemaker create-training-job: unknown option --vpc-id'}
    ${'aws ec2 revoke-security-group-ingress --group-id sg-1 --ip-permissions \'[{"IpProtocol":}]\''}          | ${'aws ec2 revoke-security-group-ingress: --ip-permissions value is not valid JSON'}
    ${'aws ec2 delete-vpc-endpoints --region us-east-1'}                                                      | ${'aws ec2 delete-vpc-endpoints: missing --vpc-endpoint-ids'}
    ${'aws sagemaker stop-training-job --training-job-name j --region useast1'}                               | ${'aws sagemaker stop-training-job: bad --region useast1'}
    ${'aws sagemaker stop-training-job --training-job-name j --output yml'}                                   | ${'aws sagemaker stop-training-job: bad --output yml'}
    ${'aws sagemaker stop-training-job --training-job-name'}                                                  | ${'aws sagemaker stop-training-job: --training-job-name has 0 values'}
    ${'aws sagemaker stop-training-job --training-job-name a --training-job-name b'}                          | ${'Error: option --training-job-name given twice'}
  `('$problem', ({ code, problem }: { code: string; problem: string }) => {
    expect(awsCliProblems(code)).toContain(problem);
  });

  it('accepts a well-formed command', () => {
    expect(
      awsCliProblems(
        'aws ec2 revoke-security-group-ingress --group-id sg-1 --ip-permissions \'[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]\' --region eu-central-1',
      ),
    ).toEqual([]);
  });
});

describe('awsMentionProblems', () => {
  it('flags an unknown subcommand mentioned in prose and accepts known ones', () => {
    expect(awsMentionProblems('never run aws sagemaker update-training-job')).toEqual(['aws sagemaker update-training-job: not a whitelisted subcommand']);
    expect(awsMentionProblems('then aws ec2 create-vpc-endpoint with the ids; aws:SourceIp stays')).toEqual([]);
  });
});
