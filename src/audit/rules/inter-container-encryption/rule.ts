/**
 * `inter-container-encryption` (advisory, low): a job on more than one instance encrypts the traffic
 * between its instances (`EnableInterContainerTrafficEncryption`). It has no effect on a single
 * instance, and it may slow training.
 * Compliance: CIS Controls v8 3.4, 6.7, 6.8, 14.6; SOC 2; HIPAA; Profile Level 1.
 * @module
 */
import type { Finding, NetworkSnapshot, Rule, RuleContext, TrainingJobSnapshot } from '../../model.js';
import { COMPLIANCE, JOB_PERMISSIONS, REFERENCES, makeFinding } from '../rule-support.js';

export const interContainerEncryption = {
  id: 'inter-container-encryption',
  title: 'Multi-instance training jobs encrypt traffic between instances',
  severity: 'low',
  kind: 'advisory',
  rationale:
    'Distributed training exchanges model parameters and data between instances. Inter-container traffic encryption ' +
    'protects it in transit inside the VPC; it can slow training and needs UDP 500 and ESP between the instances.',
  references: [REFERENCES.trainEncrypt, REFERENCES.createTrainingJobCli],
  compliance: [...COMPLIANCE],
  permissions: [...JOB_PERMISSIONS],
  evaluate(job: TrainingJobSnapshot, _network: NetworkSnapshot, _ctx: RuleContext): Finding {
    if (job.instanceCount <= 1) {
      return makeFinding(interContainerEncryption, 'skip', `skipped: ${job.name} runs on a single instance`);
    }
    if (job.enableInterContainerTrafficEncryption) {
      return makeFinding(
        interContainerEncryption,
        'pass',
        `${job.name} encrypts the traffic between its ${job.instanceCount} instances`,
        { resources: [job.name] },
      );
    }
    return makeFinding(
      interContainerEncryption,
      'warn',
      `${job.name} runs on ${job.instanceCount} instances without inter-container traffic encryption, so traffic between them is not encrypted by SageMaker`,
      { resources: [job.name] },
    );
  },
} satisfies Rule;
