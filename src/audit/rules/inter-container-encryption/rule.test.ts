import { describe, expect, it } from 'vitest';
import { buildJob, buildNetwork, ctx, sumInstanceGroups } from '../../testing/builders.js';
import { interContainerEncryption } from './rule.js';

const network = buildNetwork();

describe('inter-container-encryption', () => {
  it.each`
    name                                   | job                                                                                                  | status    | message
    ${'encryption on'}                     | ${buildJob({ instanceCount: 4, enableInterContainerTrafficEncryption: true })}                      | ${'pass'} | ${'train-42 encrypts the traffic between its 4 instances'}
    ${'encryption off, 4 instances'}       | ${buildJob({ instanceCount: 4 })}                                                                    | ${'warn'} | ${'train-42 runs on 4 instances without inter-container traffic encryption, so traffic between them is not encrypted by SageMaker'}
    ${'instance groups summing to 3'}      | ${buildJob({ instanceCount: sumInstanceGroups([2, 1]) })}                                            | ${'warn'} | ${'train-42 runs on 3 instances without inter-container traffic encryption, so traffic between them is not encrypted by SageMaker'}
    ${'single instance'}                   | ${buildJob({ instanceCount: 1 })}                                                                    | ${'skip'} | ${'skipped: train-42 runs on a single instance'}
    ${'single instance, encryption on'}    | ${buildJob({ instanceCount: 1, enableInterContainerTrafficEncryption: true })}                       | ${'skip'} | ${'skipped: train-42 runs on a single instance'}
  `('$name → $status', ({ job, status, message }) => {
    expect(interContainerEncryption.evaluate(job, network, ctx)).toMatchObject({
      rule: 'inter-container-encryption',
      status,
      severity: 'low',
      message,
    });
  });
});
