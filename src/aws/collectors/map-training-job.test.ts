import type { TrainingJob } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';

import { accountFromArn, mapTrainingJob } from './map-training-job.js';
import type { DescribedTrainingJob } from './map-training-job.js';

const arn = 'arn:aws:sagemaker:us-east-1:111122223333:training-job/train-42';

function described(overrides: Partial<DescribedTrainingJob> = {}): DescribedTrainingJob {
  return {
    TrainingJobName: 'train-42',
    TrainingJobArn: arn,
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    CreationTime: new Date('2026-11-01T08:00:00.123Z'),
    TrainingEndTime: new Date('2026-11-01T09:30:00Z'),
    AlgorithmSpecification: { TrainingInputMode: 'File', TrainingImage: 'img' },
    RoleArn: 'arn:aws:iam::111122223333:role/sm',
    OutputDataConfig: { S3OutputPath: 's3://bucket/out' },
    ResourceConfig: { InstanceType: 'ml.p4d.24xlarge', InstanceCount: 2, VolumeSizeInGB: 100 },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    VpcConfig: { Subnets: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'] },
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: false,
    EnableManagedSpotTraining: false,
    BillableTimeInSeconds: 5400,
    ModelArtifacts: { S3ModelArtifacts: 's3://bucket/out/model.tar.gz' },
    ...overrides,
  };
}

describe('mapTrainingJob', () => {
  it('maps a Describe output', () => {
    expect(mapTrainingJob(described(), 'us-east-1')).toEqual({
      name: 'train-42',
      arn,
      account: '111122223333',
      region: 'us-east-1',
      status: 'Completed',
      secondaryStatus: 'Completed',
      creationTime: '2026-11-01T08:00:00.123Z',
      trainingEndTime: '2026-11-01T09:30:00.000Z',
      vpcConfig: { subnets: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] },
      enableNetworkIsolation: true,
      enableInterContainerTrafficEncryption: false,
      enableManagedSpotTraining: false,
      instanceCount: 2,
      instanceType: 'ml.p4d.24xlarge',
      billableTimeInSeconds: 5400,
    });
  });

  it('maps a Search record with its tags and parent', () => {
    const record: TrainingJob = {
      TrainingJobName: 'child-1',
      TrainingJobArn: 'arn:aws:sagemaker:eu-west-1:444455556666:training-job/child-1',
      TrainingJobStatus: 'InProgress',
      TuningJobArn: 'arn:aws:sagemaker:eu-west-1:444455556666:hyper-parameter-tuning-job/hpo',
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      Tags: [
        { Key: 'team', Value: 'ml' },
        { Key: 'sagemaker:pipeline-step-name', Value: 'Train' },
      ],
    };

    const job = mapTrainingJob(record, 'eu-west-1');

    expect(job).toMatchObject({
      name: 'child-1',
      account: '444455556666',
      status: 'InProgress',
      tuningJobArn: 'arn:aws:sagemaker:eu-west-1:444455556666:hyper-parameter-tuning-job/hpo',
      tags: [
        { key: 'team', value: 'ml' },
        { key: 'sagemaker:pipeline-step-name', value: 'Train' },
      ],
      enableNetworkIsolation: false,
    });
    expect(job).not.toHaveProperty('vpcConfig');
  });

  it.each`
    name                          | vpcConfig                                         | expected
    ${'absent'}                   | ${undefined}                                      | ${undefined}
    ${'both lists empty'}         | ${{ Subnets: [], SecurityGroupIds: [] }}          | ${{ subnets: [], securityGroupIds: [] }}
    ${'no security groups'}       | ${{ Subnets: ['subnet-1'], SecurityGroupIds: [] }} | ${{ subnets: ['subnet-1'], securityGroupIds: [] }}
    ${'members missing on wire'}  | ${{}}                                             | ${{ subnets: [], securityGroupIds: [] }}
  `('keeps VpcConfig as it is: $name', ({ vpcConfig, expected }) => {
    const job = mapTrainingJob(described({ VpcConfig: vpcConfig }), 'us-east-1');

    expect(job.vpcConfig).toEqual(expected);
  });

  it.each`
    name                       | resourceConfig                                                                                                                              | count | type
    ${'InstanceCount'}         | ${{ InstanceType: 'ml.m5.large', InstanceCount: 3, VolumeSizeInGB: 1 }}                                                                   | ${3}  | ${'ml.m5.large'}
    ${'instance groups sum'}   | ${{ VolumeSizeInGB: 1, InstanceGroups: [{ InstanceType: 'ml.p4d.24xlarge', InstanceCount: 2, InstanceGroupName: 'a' }, { InstanceType: 'ml.c5.xlarge', InstanceCount: 3, InstanceGroupName: 'b' }] }} | ${5} | ${undefined}
    ${'groups of one type'}    | ${{ VolumeSizeInGB: 1, InstanceGroups: [{ InstanceType: 'ml.g5.xlarge', InstanceCount: 1, InstanceGroupName: 'a' }, { InstanceType: 'ml.g5.xlarge', InstanceCount: 1, InstanceGroupName: 'b' }] }} | ${2} | ${'ml.g5.xlarge'}
    ${'nothing known'}         | ${undefined}                                                                                                                                | ${1}  | ${undefined}
  `('counts instances: $name', ({ resourceConfig, count, type }) => {
    const job = mapTrainingJob(described({ ResourceConfig: resourceConfig }), 'us-east-1');

    expect(job.instanceCount).toBe(count);
    expect(job.instanceType).toBe(type);
  });

  it('drops a status it does not know rather than guessing', () => {
    const job = mapTrainingJob(described({ TrainingJobStatus: 'Paused' as never }), 'us-east-1');

    expect(job).not.toHaveProperty('status');
  });
});

describe('accountFromArn', () => {
  it.each`
    arn                                                                 | account
    ${arn}                                                              | ${'111122223333'}
    ${'arn:aws-cn:sagemaker:cn-north-1:210987654321:training-job/x'}    | ${'210987654321'}
    ${'arn:aws:sagemaker:us-east-1::training-job/x'}                    | ${undefined}
    ${'not-an-arn'}                                                     | ${undefined}
    ${undefined}                                                        | ${undefined}
  `('$arn → $account', ({ arn: value, account }) => {
    expect(accountFromArn(value)).toBe(account);
  });
});
