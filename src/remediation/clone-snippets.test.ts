import { describe, expect, it } from 'vitest';

import { cloneJqFilter, cloneSteps, costNote, stopJobSnippet } from './clone-snippets.js';
import { awsInvocations } from './testing/aws-cli.js';
import { snapshotOf } from './testing/builders.js';
import { DESCRIBED_JOBS, SECRET_VALUES, spotWithCheckpoints, warmPool, withSecrets } from './testing/described-jobs.js';

const VPC = { SecurityGroupIds: ['sg-0approved'], Subnets: ['subnet-0private-a'] };

function steps(description = withSecrets, vpcConfig: typeof VPC | 'keep' | 'remove' = VPC) {
  return cloneSteps({ job: snapshotOf(description), description, newName: 'recsys-vpc-1', vpcConfig, file: 'clone.json', verifyQuery: 'VpcConfig' });
}

describe('cloneSteps', () => {
  it('reviews (redacted), states the cost, builds the file locally, creates, verifies — in that order', () => {
    expect(steps().map((s) => [s.kind, s.title])).toEqual([
      ['json', 'Review the request for recsys-vpc-1 (Environment and HyperParameters redacted)'],
      ['text', 'Cost of running recsys-vpc-1'],
      ['aws-cli', 'Build clone.json on your machine from AWS (real values stay local)'],
      ['aws-cli', 'Create recsys-vpc-1'],
      ['aws-cli', 'Verify recsys-vpc-1'],
    ]);
  });

  it('never shows a secret value, while the review still lists the keys', () => {
    const all = steps().map((s) => `${s.title}\n${s.code}`).join('\n');
    for (const secret of SECRET_VALUES) expect(all).not.toContain(secret);
    expect(JSON.parse(steps()[0]?.code ?? '{}').Environment).toEqual({ WANDB_API_KEY: '<redacted>', DATABASE_URL: '<redacted>', LOG_LEVEL: '<redacted>' });
  });

  it('rebuilds clone.json from describe-training-job and list-tags with the real job values', () => {
    const build = steps()[2]?.code ?? '';
    const calls = awsInvocations(build);
    expect(calls.map((c) => c.key)).toEqual(['sagemaker list-tags', 'sagemaker describe-training-job']);
    expect(calls[0]?.options.get('--resource-arn')).toEqual([withSecrets.TrainingJobArn]);
    expect(calls[1]?.options.get('--training-job-name')).toEqual(['recsys-train-with-secrets']);
    expect(build).toContain(`--argjson vpc '{"SecurityGroupIds":["sg-0approved"],"Subnets":["subnet-0private-a"]}'`);
    expect(build).toContain('--arg name recsys-vpc-1');
    expect(build).toMatch(/> clone\.json$/);
  });

  it('creates from the file and verifies VpcConfig at the top level of describe-training-job', () => {
    const [create, verify] = awsInvocations(`${steps()[3]?.code}\n${steps()[4]?.code}`);
    expect(create?.options.get('--cli-input-json')).toEqual(['file://clone.json']);
    expect(verify?.options.get('--training-job-name')).toEqual(['recsys-vpc-1']);
    expect(verify?.options.get('--query')).toEqual(['VpcConfig']);
    expect(steps()[3]?.permissions).toEqual(['sagemaker:CreateTrainingJob', 'sagemaker:AddTags', 'iam:PassRole']);
  });

  it('points checkpoints at a prefix named after the clone', () => {
    const build = steps(spotWithCheckpoints)[2]?.code ?? '';
    expect(build).toContain(`--arg checkpoint s3://ml-checkpoints-111122223333/bert-finetune-spot/recsys-vpc-1/`);
    expect(build).toContain('| .CheckpointConfig.S3Uri = $checkpoint');
  });
});

describe('cloneJqFilter', () => {
  it('keeps the copy list, renames, strips nested read-only members, sets the network and filters tags', () => {
    const filter = cloneJqFilter({ vpc: 'set', checkpoint: true, tags: true, enable: [] });
    expect(filter).toContain('HyperParameters, AlgorithmSpecification, RoleArn');
    expect(filter).not.toContain('TrainingJobArn');
    expect(filter).toContain('| del(.ResourceConfig.SelectedInstanceType, .ResourceConfig.SelectedInstanceCount)');
    expect(filter).toContain('| .VpcConfig = $vpc');
    expect(filter).toContain('startswith("aws:")');
    expect(filter).toContain('"sagemaker:pipeline-execution-arn"');
    expect(filter).not.toContain("'");
  });

  it.each`
    vpc         | keepsVpc | setsVpc
    ${'keep'}   | ${true}  | ${false}
    ${'remove'} | ${false} | ${false}
    ${'set'}    | ${false} | ${true}
  `('vpc=$vpc', ({ vpc, keepsVpc, setsVpc }) => {
    const filter = cloneJqFilter({ vpc, checkpoint: false, tags: false, enable: ['EnableNetworkIsolation'] });
    expect(/\bVpcConfig}/.test(filter)).toBe(keepsVpc);
    expect(filter.includes('.VpcConfig = $vpc')).toBe(setsVpc);
    expect(filter).toContain('| .EnableNetworkIsolation = true');
    expect(filter).not.toContain('$tags');
  });
});

describe('costNote', () => {
  it.each`
    name                         | expected
    ${'single instance'}         | ${'ml.g5.2xlarge × 1 × 5,400 billable seconds = 1.50 instance-hours.'}
    ${'secrets in Environment/HyperParameters'} | ${'ml.g5.12xlarge × 4 × 3,600 billable seconds = 4.00 instance-hours.'}
    ${'instance groups'}         | ${'ml.p4d.24xlarge × 2 × 7,200 billable seconds = 4.00 instance-hours.'}
  `('$name: $expected', ({ name, expected }: { name: keyof typeof DESCRIBED_JOBS; expected: string }) => {
    const description = DESCRIBED_JOBS[name];
    expect(costNote(snapshotOf(description), description)).toContain(`Estimate from the original: ${expected}`);
  });

  it('lists every instance group', () => {
    const description = DESCRIBED_JOBS['instance groups'];
    expect(costNote(snapshotOf(description), description)).toContain(
      'Estimate from the original: ml.c5.18xlarge × 1 × 7,200 billable seconds = 2.00 instance-hours.',
    );
  });

  it('says there is no estimate for a running job, bounds it by MaxRuntimeInSeconds and notes spot', () => {
    const lines = costNote(snapshotOf(spotWithCheckpoints), spotWithCheckpoints);
    expect(lines).toContain(
      'The original has no billable time yet (status InProgress), so there is no estimate. The clone may run up to MaxRuntimeInSeconds = 86,400 s on ml.p3.8xlarge × 2.',
    );
    expect(lines.some((l) => l.startsWith('Managed spot training'))).toBe(true);
  });

  it('notes warm-pool retention', () => {
    expect(costNote(snapshotOf(warmPool), warmPool)).toContain(
      'Warm pool: the instances stay billed up to 1,800 s after the clone ends (KeepAlivePeriodInSeconds).',
    );
  });

  it('falls back to the snapshot without a description (fleet audit)', () => {
    const job = { ...snapshotOf(DESCRIBED_JOBS['single instance']) };
    expect(costNote(job)).toContain('Estimate from the original: ml.g5.2xlarge × 1 × 5,400 billable seconds = 1.50 instance-hours.');
  });
});

describe('stopJobSnippet', () => {
  it('is an irreversible stop-training-job with its permission', () => {
    const s = stopJobSnippet('Stop', 'job-vpc-1', 'eu-west-1');
    expect(s).toMatchObject({ kind: 'aws-cli', irreversible: true, permissions: ['sagemaker:StopTrainingJob'] });
    expect(s.code).toBe('aws sagemaker stop-training-job \\\n  --training-job-name job-vpc-1 \\\n  --region eu-west-1');
  });
});

