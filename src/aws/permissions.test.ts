import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { allPermissions } from './permissions.js';

const awsDir = fileURLToPath(new URL('.', import.meta.url));
const policy = JSON.parse(readFileSync(fileURLToPath(new URL('../../iam-policy.json', import.meta.url)), 'utf8')) as {
  Version: string;
  Statement: Array<{ Sid?: string; Effect: string; Action: string[]; Resource: string }>;
};

/**
 * The actions the code really calls: every `…Command` imported as a value from an AWS client in a
 * non-test file under src/aws, as `service:Operation`.
 */
function actionsCalledByCode(): string[] {
  const files = readdirSync(awsDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  const actions = new Set<string>();
  for (const file of files) {
    const source = readFileSync(join(awsDir, file), 'utf8');
    for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-(sagemaker|ec2)'/g)) {
      const [, names = '', service = ''] = match;
      for (const name of names.split(',').map((entry) => entry.trim())) {
        const command = /^(\w+)Command$/.exec(name);
        if (command) actions.add(`${service}:${command[1]}`);
      }
    }
  }
  return [...actions].sort();
}

describe('IAM permissions', () => {
  const granted = policy.Statement.flatMap((statement) => statement.Action);

  it('iam-policy.json is one least-privilege read-only statement', () => {
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0]).toMatchObject({ Sid: 'SageMakerVpcAudit', Effect: 'Allow', Resource: '*' });
    expect(new Set(granted).size).toBe(granted.length);
  });

  it('grants every action the collectors declare', () => {
    const missing = allPermissions().filter((action) => !granted.includes(action));

    expect(missing, 'the code needs these actions but iam-policy.json lacks them').toEqual([]);
  });

  it('grants nothing the collectors do not declare', () => {
    const unused = granted.filter((action) => !allPermissions().includes(action));

    expect(unused, 'iam-policy.json grants these actions but no collector uses them').toEqual([]);
  });

  it('declares exactly the commands the code sends', () => {
    expect(actionsCalledByCode()).toEqual(allPermissions());
  });

  it('is the documented set', () => {
    expect(allPermissions()).toEqual([
      'ec2:DescribeNatGateways',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcEndpoints',
      'sagemaker:DescribeTrainingJob',
      'sagemaker:ListTags',
      'sagemaker:ListTrainingJobs',
      'sagemaker:Search',
    ]);
  });
});
