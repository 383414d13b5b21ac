import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  CLONE_COPY_KEYS,
  OUTPUT_ONLY_KEYS,
  REDACTED,
  buildClonePayload,
  cloneBlocker,
  cloneCheckpointUri,
  cloneName,
  cloneTags,
  redactClonePayload,
  type DescribedTrainingJob,
} from './clone-training-job.js';
import { DESCRIBED_JOBS, SECRET_VALUES, spotWithCheckpoints, warmPool, withSecrets } from './testing/described-jobs.js';
import { NOW } from './testing/builders.js';

const JOB_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const VPC = { SecurityGroupIds: ['sg-0approved'], Subnets: ['subnet-0private-a', 'subnet-0private-b'] };
const fixtures = Object.entries(DESCRIBED_JOBS);

function clone(description: DescribedTrainingJob) {
  const newName = cloneName(description.TrainingJobName ?? 'job', NOW);
  return buildClonePayload(description, { newName, vpcConfig: VPC, checkpointPrefix: 's3://new/prefix/' });
}

describe('buildClonePayload', () => {
  it.each(fixtures)('%s: only CreateTrainingJob members, no output-only fields', (_name, description) => {
    const payload = clone(description);
    const allowed = new Set<string>([...CLONE_COPY_KEYS, 'TrainingJobName', 'VpcConfig', 'Tags']);
    expect(Object.keys(payload).filter((k) => !allowed.has(k))).toEqual([]);
    for (const key of OUTPUT_ONLY_KEYS) expect(payload).not.toHaveProperty(key);
    expect(payload.ResourceConfig).not.toHaveProperty('SelectedInstanceType');
    expect(payload.ResourceConfig).not.toHaveProperty('SelectedInstanceCount');
  });

  it.each(fixtures)('%s: a valid new name and exactly the intended VpcConfig', (_name, description) => {
    const payload = clone(description);
    expect(payload.TrainingJobName).toMatch(JOB_NAME);
    expect(payload.TrainingJobName).not.toBe(description.TrainingJobName);
    expect(payload.VpcConfig).toEqual(VPC);
    expect(payload.RoleArn).toBe(description.RoleArn);
    expect(payload.HyperParameters).toEqual(description.HyperParameters);
  });

  it('keeps instance groups and warm-pool retention, drops only the selected-instance members', () => {
    expect(clone(DESCRIBED_JOBS['instance groups']).ResourceConfig).toEqual(DESCRIBED_JOBS['instance groups'].ResourceConfig);
    expect(clone(warmPool).ResourceConfig).toEqual({ InstanceType: 'ml.m5.4xlarge', InstanceCount: 1, VolumeSizeInGB: 30, KeepAlivePeriodInSeconds: 1800 });
  });

  it('points checkpoints at the new prefix and keeps the local path and spot settings', () => {
    const payload = clone(spotWithCheckpoints);
    expect(payload.CheckpointConfig).toEqual({ S3Uri: 's3://new/prefix/', LocalPath: '/opt/ml/checkpoints' });
    expect(payload.EnableManagedSpotTraining).toBe(true);
    expect(payload.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 86400, MaxWaitTimeInSeconds: 172800 });
  });

  it('derives a new checkpoint prefix when none is given', () => {
    const payload = buildClonePayload(spotWithCheckpoints, { newName: 'bert-vpc-1', vpcConfig: VPC, checkpointPrefix: '' });
    expect(payload.CheckpointConfig?.S3Uri).toBe('s3://ml-checkpoints-111122223333/bert-finetune-spot/bert-vpc-1/');
  });

  it.each`
    vpcConfig    | expected
    ${'keep'}    | ${{ SecurityGroupIds: ['sg-0aa11bb22cc33dd44'], Subnets: ['subnet-0public1a2b3c4d5e', 'subnet-0public6f7a8b9c0d'] }}
    ${'remove'}  | ${undefined}
    ${VPC}       | ${VPC}
  `('vpcConfig $vpcConfig', ({ vpcConfig, expected }) => {
    const payload = buildClonePayload(DESCRIBED_JOBS['instance groups'], { newName: 'x-vpc-1', vpcConfig, checkpointPrefix: '' });
    expect(payload.VpcConfig).toEqual(expected);
  });

  it('turns on a launcher flag only when asked', () => {
    const on = buildClonePayload(withSecrets, { newName: 'n', vpcConfig: 'keep', checkpointPrefix: '', enable: { EnableNetworkIsolation: true } });
    expect(on.EnableNetworkIsolation).toBe(true);
    expect(on.EnableInterContainerTrafficEncryption).toBe(false);
  });

  it('copies user tags only: no aws:* and no pipeline provenance tags', () => {
    expect(clone(DESCRIBED_JOBS['single instance']).Tags).toEqual([
      { Key: 'team', Value: 'growth-ml' },
      { Key: 'cost-center', Value: 'cc-4711' },
    ]);
    expect(clone(DESCRIBED_JOBS['pipeline step']).Tags).toEqual([{ Key: 'team', Value: 'growth-ml' }]);
    expect(clone(DESCRIBED_JOBS['custom algorithm ARN'])).not.toHaveProperty('Tags');
  });

  it('refuses a description without RoleArn', () => {
    const { RoleArn: _role, ...noRole } = withSecrets;
    expect(cloneBlocker(noRole)).toMatch(/RoleArn/);
    expect(() => buildClonePayload(noRole, { newName: 'n', vpcConfig: VPC, checkpointPrefix: '' })).toThrow(/RoleArn/);
  });

  it('keeps the real secret values in the payload AWS receives', () => {
    const payload = clone(withSecrets);
    expect(Object.values(payload.Environment ?? {})).toContain(SECRET_VALUES[0]);
  });
});

describe('redactClonePayload', () => {
  it('replaces every Environment and HyperParameters value and nothing else', () => {
    const redacted = redactClonePayload(clone(withSecrets));
    expect(redacted.Environment).toEqual({ WANDB_API_KEY: REDACTED, DATABASE_URL: REDACTED, LOG_LEVEL: REDACTED });
    expect(redacted.HyperParameters).toEqual({ hf_token: REDACTED, epochs: REDACTED });
    expect(redacted.RoleArn).toBe(withSecrets.RoleArn);
    const text = JSON.stringify(redacted);
    for (const secret of SECRET_VALUES) expect(text).not.toContain(secret);
  });

  it('adds no maps that were absent', () => {
    expect(redactClonePayload({ RoleArn: 'r' })).toEqual({ RoleArn: 'r' });
  });
});

describe('cloneTags', () => {
  it('skips tags without key or value (the SDK types both as optional)', () => {
    expect(cloneTags([{ Key: 'a' }, { Value: 'b' }, { Key: 'c', Value: '' }])).toEqual([{ Key: 'c', Value: '' }]);
  });
});

describe('cloneName', () => {
  it.each`
    original                                                             | expected
    ${'train-42'}                                                        | ${'train-42-vpc-202611291000'}
    ${'train-42-vpc-202611011200'}                                       | ${'train-42-vpc-202611291000'}
    ${'a'.repeat(63)}                                                    | ${'a'.repeat(46) + '-vpc-202611291000'}
    ${'pipelines-a1b2c3d4e5f6-TrainModel-XyZ123AbC-with-a-long-tail-x'}  | ${'pipelines-a1b2c3d4e5f6-TrainModel-XyZ123AbC-wi-vpc-202611291000'}
    ${'abc' + '-'.repeat(50) + 'def'}                                    | ${'abc-vpc-202611291000'}
  `('$original → $expected', ({ original, expected }: { original: string; expected: string }) => {
    expect(cloneName(original, NOW)).toBe(expected);
  });

  it('adds seconds when a clone of a clone in the same minute would repeat the name', () => {
    expect(cloneName('train-42-vpc-202611291000', new Date('2026-11-29T10:00:07Z'))).toBe('train-42-vpc-20261129100007');
  });

  it('uses the tag it is given', () => {
    expect(cloneName('train-42', NOW, 'rerun')).toBe('train-42-rerun-202611291000');
  });

  const validName = fc.stringMatching(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/).filter((s) => s.length <= 63);
  const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

  it('always gives a valid name of at most 63 characters that differs from the original (property)', () => {
    fc.assert(
      fc.property(validName, date, fc.constantFrom('vpc', 'rerun', 'fix') as fc.Arbitrary<'vpc' | 'rerun' | 'fix'>, (original, now, tag) => {
        const name = cloneName(original, now, tag);
        expect(name.length).toBeLessThanOrEqual(63);
        expect(name).toMatch(JOB_NAME);
        expect(name).not.toBe(original);
      }),
    );
  });

  it('stays valid for a clone of a clone, and for arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), date, date, (original, first, second) => {
        const again = cloneName(cloneName(original, first), second);
        expect(again).toMatch(JOB_NAME);
        expect(again.length).toBeLessThanOrEqual(63);
      }),
    );
  });

  it('differs for different minutes (property)', () => {
    fc.assert(
      fc.property(validName, date, fc.integer({ min: 1, max: 10_000 }), (original, now, minutes) => {
        const later = new Date(now.getTime() + minutes * 60_000);
        expect(cloneName(original, later)).not.toBe(cloneName(original, now));
      }),
    );
  });
});

describe('cloneCheckpointUri', () => {
  it.each`
    original                     | expected
    ${'s3://b/ckpt/job'}         | ${'s3://b/ckpt/job/job-vpc-1/'}
    ${'s3://b/ckpt/job/'}        | ${'s3://b/ckpt/job/job-vpc-1/'}
    ${'s3://b'}                  | ${'s3://b/job-vpc-1/'}
  `('$original → $expected', ({ original, expected }: { original: string; expected: string }) => {
    expect(cloneCheckpointUri(original, 'job-vpc-1')).toBe(expected);
  });
});
