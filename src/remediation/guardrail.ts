/**
 * The preventive guardrail: a service control policy that denies creating training and tuning
 * jobs without `VpcConfig` (`sagemaker:VpcSubnets` absent), and an optional identity policy that
 * pins the approved subnets and security groups (aws-reference.md §10). Backout detaches them.
 * @module
 */
import type { Snippet } from '../audit/model.js';
import { PLACEHOLDER, awsCommand, compactJson, shellVar, snippet, textSnippet } from './snippet.js';

const ACTIONS = ['sagemaker:CreateTrainingJob', 'sagemaker:CreateHyperParameterTuningJob'];
export const SCP_NAME = 'sagemaker-training-require-vpc';
export const PIN_POLICY_NAME = 'sagemaker-training-approved-network';

/** Deny training and tuning jobs created without subnets (the SCP's content). */
export function requireVpcPolicy(): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenySageMakerTrainingWithoutVpc',
        Effect: 'Deny',
        Action: ACTIONS,
        Resource: '*',
        Condition: { Null: { 'sagemaker:VpcSubnets': 'true' } },
      },
    ],
  };
}

/**
 * Allow training and tuning only in the approved subnets and security groups (an identity policy
 * on the roles that launch jobs). `ForAllValues:StringEquals` is also true when the key is absent,
 * so the `Null: false` conditions are what stop a request without `VpcConfig` from matching.
 */
export function approvedNetworkPolicy(network: { subnets: string[]; securityGroups: string[] }): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowSageMakerTrainingOnlyInApprovedNetwork',
        Effect: 'Allow',
        Action: ACTIONS,
        Resource: '*',
        Condition: {
          'ForAllValues:StringEquals': {
            'sagemaker:VpcSubnets': network.subnets,
            'sagemaker:VpcSecurityGroupIds': network.securityGroups,
          },
          Null: { 'sagemaker:VpcSubnets': 'false', 'sagemaker:VpcSecurityGroupIds': 'false' },
        },
      },
    ],
  };
}

/** Guardrail steps; `approved` is the configured approved network, when there is one. */
export function guardrailSteps(approved?: { subnets: string[]; securityGroups: string[] }): Snippet[] {
  const pin = approved ?? { subnets: [PLACEHOLDER.privateSubnet], securityGroups: [PLACEHOLDER.securityGroup] };
  const createScp = [
    'POLICY_ID=$(' +
      awsCommand('organizations', 'create-policy', [
        ['--name', SCP_NAME],
        ['--type', 'SERVICE_CONTROL_POLICY'],
        ['--description', 'Deny SageMaker training and tuning jobs created without VpcConfig'],
        ['--content', compactJson(requireVpcPolicy())],
        ['--query', 'Policy.PolicySummary.Id'],
        ['--output', 'text'],
      ]) +
      ')',
    awsCommand('organizations', 'attach-policy', [
      ['--policy-id', shellVar('POLICY_ID')],
      ['--target-id', PLACEHOLDER.orgTarget],
    ]),
    'echo "$POLICY_ID"  # keep it for the backout',
  ].join('\n');
  const putPin = awsCommand('iam', 'put-role-policy', [
    ['--role-name', PLACEHOLDER.launcherRole],
    ['--policy-name', PIN_POLICY_NAME],
    ['--policy-document', compactJson(approvedNetworkPolicy(pin))],
  ]);
  return [
    snippet('iam-policy', 'Guardrail: deny training without VpcConfig (service control policy)', JSON.stringify(requireVpcPolicy(), null, 2)),
    textSnippet('Before you attach the guardrail', [
      'It denies every CreateTrainingJob and CreateHyperParameterTuningJob without VpcConfig in the accounts it applies to: notebooks, pipelines, tuning and AutoML launchers that set no subnets start failing with AccessDenied.',
      'Keep a break-glass exception: add "ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/<break-glass-role>"} to the statement\'s Condition.',
      'Roll out in stages: attach it to a test OU first, watch CloudTrail for denied CreateTrainingJob calls, then widen.',
      'SCPs do not apply to the management account (or to service-linked roles): use the identity policy below there.',
    ]),
    snippet('aws-cli', 'Create the SCP and attach it to an OU or account (from the management account)', createScp, [
      'organizations:CreatePolicy',
      'organizations:AttachPolicy',
    ]),
    snippet(
      'iam-policy',
      'Optional: allow training only in the approved subnets and security groups (identity policy on launcher roles)',
      JSON.stringify(approvedNetworkPolicy(pin), null, 2),
    ),
    textSnippet('Why the approved-network policy needs Null: false', [
      'ForAllValues:StringEquals is also true when the request carries no subnets at all (every value of an empty set matches), so on its own it would allow a job without VpcConfig.',
      'The Null: false conditions require sagemaker:VpcSubnets and sagemaker:VpcSecurityGroupIds to be present.',
      'An Allow only restricts when nothing else allows these actions: remove broader grants (e.g. AmazonSageMakerFullAccess) from the launcher roles, or rely on the SCP for the hard stop.',
    ]),
    snippet('aws-cli', 'Optional: put the approved-network policy on a launcher role', putPin, ['iam:PutRolePolicy']),
  ];
}

/** Backout of the guardrail: detach and delete the SCP, remove the identity policy. */
export function guardrailBackout(): Snippet[] {
  const detach = [
    awsCommand('organizations', 'detach-policy', [
      ['--policy-id', PLACEHOLDER.policyId],
      ['--target-id', PLACEHOLDER.orgTarget],
    ]),
    awsCommand('organizations', 'delete-policy', [['--policy-id', PLACEHOLDER.policyId]]),
  ].join('\n');
  const removePin = awsCommand('iam', 'delete-role-policy', [
    ['--role-name', PLACEHOLDER.launcherRole],
    ['--policy-name', PIN_POLICY_NAME],
  ]);
  return [
    snippet('aws-cli', 'Detach and delete the guardrail SCP', detach, ['organizations:DetachPolicy', 'organizations:DeletePolicy']),
    snippet('aws-cli', 'Remove the approved-network policy from the launcher role', removePin, ['iam:DeleteRolePolicy']),
  ];
}
