import { describe, expect, it } from 'vitest';

import { RULE_IDS, type Finding, type Snippet, type Status } from '../audit/model.js';
import { buildRemediation, builders } from './index.js';
import { awsCliProblems, awsMentionProblems } from './testing/aws-cli.js';
import { contextFor, finding } from './testing/builders.js';
import { DESCRIBED_JOBS, SECRET_VALUES, withSecrets } from './testing/described-jobs.js';

/** One non-passing finding per rule (with and without evidence), as the rules produce them. */
const FINDINGS: Finding[] = [
  finding('vpc-configured', 'fail', { rule: 'vpc-configured', reason: 'missing' }),
  finding('vpc-configured', 'fail', { rule: 'vpc-configured', reason: 'no-subnets' }),
  finding('vpc-subnets-private', 'fail', {
    rule: 'vpc-subnets-private',
    publicRoutes: [{ subnetId: 'subnet-0public1a2b3c4d5e', routeTableId: 'rtb-0main', viaMainTable: true, gatewayId: 'igw-0a', destination: '0.0.0.0/0' }],
    privateSubnets: ['subnet-0private000000002'],
  }),
  finding('vpc-subnets-private', 'fail'),
  finding('vpc-security-groups-restricted', 'fail', {
    rule: 'vpc-security-groups-restricted',
    openIngress: [
      { groupId: 'sg-0aa11bb22cc33dd44', protocol: 'tcp', fromPort: 22, toPort: 22, cidr: '0.0.0.0/0', family: 'ipv4', description: "it's SSH $(id) `x`" },
      { groupId: 'sg-0aa11bb22cc33dd44', protocol: '-1', cidr: '::/0', family: 'ipv6' },
    ],
  }),
  finding('vpc-security-groups-restricted', 'fail'),
  finding('vpc-s3-access', 'warn', { rule: 'vpc-s3-access', vpcId: 'vpc-0abc', subnetsWithoutPath: [{ subnetId: 'subnet-1', routeTableId: 'rtb-1' }] }),
  finding('vpc-s3-access', 'warn', { rule: 'vpc-s3-access', vpcId: 'vpc-0abc', subnetsWithoutPath: [{ subnetId: 'subnet-1', routeTableId: 'rtb-1' }], existingGatewayEndpointId: 'vpce-0s3' }),
  finding('vpc-s3-access', 'warn'),
  finding('vpc-multi-node-traffic', 'warn', { rule: 'vpc-multi-node-traffic', securityGroupIds: ['sg-0a'], encryption: true, missing: ['all-traffic', 'udp-500', 'esp'] }),
  finding('vpc-multi-node-traffic', 'warn'),
  finding('network-isolation', 'warn'),
  finding('inter-container-encryption', 'warn'),
  ...RULE_IDS.map((rule) => finding(rule, 'unknown')),
];

/** Every snippet for every fixture × finding, single-job and fleet, with and without an approved network. */
function everySnippet(): Array<{ where: string; snippet: Snippet }> {
  const all: Array<{ where: string; snippet: Snippet }> = [];
  for (const [name, description] of Object.entries(DESCRIBED_JOBS)) {
    for (const f of FINDINGS) {
      for (const fleet of [false, true]) {
        for (const approvedNetwork of [undefined, { subnets: ['subnet-0approved'], securityGroups: ['sg-0approved'] }]) {
          const remediation = buildRemediation(contextFor(description, f, { fleet, approvedNetwork, vpcId: 'vpc-0abc' }));
          for (const snippet of [...(remediation?.steps ?? []), ...(remediation?.backout ?? [])]) {
            all.push({ where: `${name} / ${f.rule} ${f.status} / ${fleet ? 'fleet' : 'single'}: ${snippet.title}`, snippet });
          }
        }
      }
    }
  }
  return all;
}

const SNIPPETS = everySnippet();

describe('buildRemediation', () => {
  it('has a builder for every rule ID', () => {
    expect(Object.keys(builders).sort()).toEqual([...RULE_IDS].sort());
  });

  it.each<Status>(['pass', 'skip'])('returns undefined for %s findings', (status) => {
    for (const rule of RULE_IDS) expect(buildRemediation(contextFor(withSecrets, finding(rule, status)))).toBeUndefined();
  });

  it('turns an unknown finding into "make it readable, then check again" with nothing to back out', () => {
    const f = { ...finding('vpc-subnets-private', 'unknown'), message: 'ec2:DescribeRouteTables was denied for subnet-0a; grant it to judge this subnet.' };
    const remediation = buildRemediation(contextFor(withSecrets, f));
    expect(remediation?.steps).toHaveLength(1);
    expect(remediation?.steps[0]?.code).toContain('ec2:DescribeRouteTables was denied for subnet-0a');
    expect(remediation?.steps[0]?.code).toContain('sagemaker-vpc check recsys-train-with-secrets --region us-east-1');
    expect(remediation?.backout).toEqual([]);
  });

  it.each(FINDINGS.filter((f) => f.status !== 'unknown').map((f) => [f.rule, f]))('%s: has steps and a backout', (_rule, f) => {
    const remediation = buildRemediation(contextFor(withSecrets, f));
    expect(remediation?.steps.length).toBeGreaterThan(0);
    expect(remediation?.backout.length).toBeGreaterThan(0);
  });
});

describe(`every generated snippet (${SNIPPETS.length})`, () => {
  it('carries a title, code and a permissions list', () => {
    const bad = SNIPPETS.filter(({ snippet }) => !snippet.title || !snippet.code || !Array.isArray(snippet.permissions));
    expect(bad.map((b) => b.where)).toEqual([]);
  });

  it('declares the IAM actions of every aws-cli snippet', () => {
    const bad = SNIPPETS.filter(({ snippet }) => snippet.kind === 'aws-cli' && (snippet.permissions ?? []).length === 0);
    expect(bad.map((b) => b.where)).toEqual([]);
  });

  it('parses when it is json or iam-policy', () => {
    const bad = SNIPPETS.filter(({ snippet }) => {
      if (snippet.kind !== 'json' && snippet.kind !== 'iam-policy') return false;
      try {
        JSON.parse(snippet.code);
        return false;
      } catch {
        return true;
      }
    });
    expect(bad.map((b) => b.where)).toEqual([]);
  });

  it('uses only real aws subcommands and options (whitelist from the AWS CLI reference)', () => {
    const problems = SNIPPETS.flatMap(({ where, snippet }) =>
      (snippet.kind === 'aws-cli' ? awsCliProblems(snippet.code) : awsMentionProblems(`${snippet.title}\n${snippet.code}`)).map((p) => `${where}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('never mentions update-training-job (the network of a job cannot be updated)', () => {
    const bad = SNIPPETS.filter(({ snippet }) => /update-training-job|update_training_job|UpdateTrainingJob/.test(`${snippet.title}\n${snippet.code}`));
    expect(bad.map((b) => b.where)).toEqual([]);
  });

  it('never shows a secret value from Environment or HyperParameters', () => {
    const leaks = SNIPPETS.filter(({ snippet }) => SECRET_VALUES.some((secret) => `${snippet.title}\n${snippet.code}`.includes(secret)));
    expect(leaks.map((l) => l.where)).toEqual([]);
  });

  it('marks stop-training-job steps irreversible and nothing else', () => {
    const wrong = SNIPPETS.filter(({ snippet }) => (snippet.irreversible === true) !== snippet.code.includes('stop-training-job'));
    expect(wrong.map((w) => w.where)).toEqual([]);
  });

  it('shows the secrets fixture redacted in its review snippet (the sweep above is not vacuous)', () => {
    const review = SNIPPETS.find(({ where, snippet }) => where.startsWith('secrets') && snippet.kind === 'json');
    expect(JSON.parse(review?.snippet.code ?? '{}').Environment.WANDB_API_KEY).toBe('<redacted>');
  });
});
