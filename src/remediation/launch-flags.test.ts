import { describe, expect, it } from 'vitest';

import { buildInterContainerEncryption, buildNetworkIsolation } from './launch-flags.js';
import { awsInvocations } from './testing/aws-cli.js';
import { contextFor, finding } from './testing/builders.js';
import { instanceGroups, tuningChild, withSecrets } from './testing/described-jobs.js';

describe.each`
  rule                            | build                            | estimator                                  | boto3                                          | warns
  ${'network-isolation'}          | ${buildNetworkIsolation}         | ${'enable_network_isolation=True'}         | ${'EnableNetworkIsolation=True'}               | ${/breaks jobs that download packages or models at run time/}
  ${'inter-container-encryption'} | ${buildInterContainerEncryption} | ${'encrypt_inter_container_traffic=True'}  | ${'EnableInterContainerTrafficEncryption=True'} | ${/may slow distributed training/}
`('$rule remediation', ({ rule, build, estimator, boto3, warns }) => {
  const f = finding(rule, 'warn');

  it('changes the launcher first and warns what the flag breaks', () => {
    const { steps } = build(contextFor(instanceGroups, f));
    expect(steps.map((s: { kind: string }) => s.kind).slice(0, 3)).toEqual(['python-sdk', 'boto3', 'text']);
    expect(steps[0].code).toContain(`    ${estimator},`);
    expect(steps[1].code).toContain(`    ${boto3},`);
    expect(steps[2].code).toMatch(warns);
  });

  it('clones only as a later, optional step, with the flag on and the original network kept', () => {
    const { steps, backout } = build(contextFor(withSecrets, f));
    const flag = boto3.split('=')[0];
    const review = JSON.parse(steps.find((s: { kind: string }) => s.kind === 'json').code);
    expect(review[flag]).toBe(true);
    const build_ = steps.find((s: { title: string }) => s.title.startsWith('Build clone.json')).code;
    expect(build_).toContain(`| .${flag} = true`);
    expect(build_).toMatch(/\bVpcConfig}/);
    const verify = awsInvocations(steps.at(-1).code)[0];
    expect(verify?.options.get('--query')).toEqual([flag]);
    expect(backout.map((s: { title: string }) => s.title)).toEqual([
      'Stop the clone recsys-train-with-secrets-fix-202611291000',
      expect.stringMatching(/off again \(lowers security\)$/),
    ]);
  });

  it('a tuning child: fix the parent, no clone', () => {
    const { steps } = build(contextFor(tuningChild, f));
    expect(steps[0].title).toMatch(/^Fix the parent/);
    expect(steps.some((s: { code: string }) => s.code.includes('create-training-job'))).toBe(false);
  });

  it('a fleet audit points to sagemaker-vpc remediate', () => {
    const { steps } = build(contextFor(withSecrets, f, { fleet: true }));
    expect(steps.at(-1).code).toContain('sagemaker-vpc remediate recsys-train-with-secrets --region us-east-1');
  });
});
