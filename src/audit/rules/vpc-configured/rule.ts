/**
 * `vpc-configured` (control, high): the job was created with a VpcConfig that lists subnets and
 * security groups. SageMaker's VpcConfig has no VpcId and cannot be changed after creation, so a
 * failure is fixed by the launcher and, if needed, a clone (DESIGN.md §3).
 * Compliance: CIS Controls v8 3.4, 6.7, 6.8, 14.6; SOC 2; HIPAA; Profile Level 1.
 * @module
 */
import type { Finding, NetworkSnapshot, Rule, RuleContext, TrainingJobSnapshot } from '../../model.js';
import { COMPLIANCE, JOB_PERMISSIONS, REFERENCES, count, listNames, makeFinding, vpcConfigProblem } from '../rule-support.js';

export const vpcConfigured = {
  id: 'vpc-configured',
  title: 'Training job runs in a VPC',
  severity: 'high',
  kind: 'control',
  rationale:
    'Without VpcConfig a training container reaches AWS services and the internet outside your VPC, beyond your ' +
    'security groups, route tables and VPC endpoints. Network settings of a training job cannot be changed after creation.',
  references: [REFERENCES.trainVpc, REFERENCES.vpcConfig, REFERENCES.updateTrainingJob],
  compliance: [...COMPLIANCE],
  permissions: [...JOB_PERMISSIONS],
  evaluate(job: TrainingJobSnapshot, _network: NetworkSnapshot, _ctx: RuleContext): Finding {
    const problem = vpcConfigProblem(job);
    const notes = job.enableNetworkIsolation
      ? ["network isolation is on, which blocks the container's own network calls, but the control still requires a VPC"]
      : [];
    const subnets = job.vpcConfig?.subnets ?? [];
    const groups = job.vpcConfig?.securityGroupIds ?? [];

    switch (problem) {
      case 'missing':
        return makeFinding(
          vpcConfigured,
          'fail',
          `${job.name} was created without VpcConfig, so it does not run in your VPC (a training job's network settings cannot be changed after creation)`,
          { resources: [job.name], notes, evidence: { rule: 'vpc-configured', reason: 'missing' } },
        );
      case 'no-subnets':
        return makeFinding(
          vpcConfigured,
          'fail',
          groups.length === 0
            ? `${job.name} has a VpcConfig with no subnets and no security groups`
            : `${job.name} has a VpcConfig with no subnets`,
          { resources: [job.name, ...groups], notes, evidence: { rule: 'vpc-configured', reason: 'no-subnets' } },
        );
      case 'no-security-groups':
        return makeFinding(vpcConfigured, 'fail', `${job.name} has a VpcConfig with no security groups`, {
          resources: [job.name, ...subnets],
          notes,
          evidence: { rule: 'vpc-configured', reason: 'no-security-groups' },
        });
      case undefined:
        return makeFinding(
          vpcConfigured,
          'pass',
          `${job.name} runs in a VPC with ${count(subnets.length, 'subnet')} (${listNames(subnets)}) and ` +
            `${count(groups.length, 'security group')} (${listNames(groups)})`,
          { resources: [...subnets, ...groups] },
        );
    }
  },
} satisfies Rule;
