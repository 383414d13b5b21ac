/**
 * Remediation for the two advisory launcher flags, `network-isolation` and
 * `inter-container-encryption`: both are fixed at creation, so the fix is the launcher (and a
 * clone only if the result is needed again). Backout turns the flag off again, stated as lowering
 * security.
 * @module
 */
import type { Remediation, Snippet } from '../audit/model.js';
import { cloneSteps, stopJobSnippet } from './clone-snippets.js';
import { cloneBlocker, cloneName } from './clone-training-job.js';
import { remediateCommand, type Builder, type RemediationContext } from './context.js';
import { launchParent, launcherSnippets, parentSnippet } from './launcher.js';
import { textSnippet } from './snippet.js';

interface Flag {
  what: string;
  estimatorArg: string;
  boto3Arg: 'EnableNetworkIsolation' | 'EnableInterContainerTrafficEncryption';
  warning: string[];
}

const NETWORK_ISOLATION: Flag = {
  what: 'network isolation',
  estimatorArg: 'enable_network_isolation',
  boto3Arg: 'EnableNetworkIsolation',
  warning: [
    'Network isolation breaks jobs that download packages or models at run time (pip install in the entry point, model hubs, license servers): the container gets no network access at all.',
    'Bake dependencies into the image or pass them as input channels first. SageMaker still moves input data and artifacts through the VPC, so the S3 path must exist.',
  ],
};

const INTER_CONTAINER_ENCRYPTION: Flag = {
  what: 'inter-container traffic encryption',
  estimatorArg: 'encrypt_inter_container_traffic',
  boto3Arg: 'EnableInterContainerTrafficEncryption',
  warning: [
    'Encryption between instances may slow distributed training; measure before making it the default.',
    'With a VPC, the instances also need UDP 500 and ESP (protocol 50) between them (see vpc-multi-node-traffic).',
  ],
};

function buildFlag(flag: Flag, ctx: RemediationContext): Remediation {
  const { job, description } = ctx;
  const parent = launchParent(job, description);
  const steps: Snippet[] = [];
  const backout: Snippet[] = [];
  if (parent) steps.push(parentSnippet(parent, flag.what));
  steps.push(
    ...launcherSnippets(job, flag.what, { estimator: [`${flag.estimatorArg}=True`], boto3: [`${flag.boto3Arg}=True`] }),
    textSnippet(`Before you turn on ${flag.what}`, flag.warning),
  );
  const revert = textSnippet(`Turn ${flag.what} off again (lowers security)`, [
    `This lowers security: set ${flag.estimatorArg}=False (boto3 ${flag.boto3Arg}=False) in the launcher for the next jobs.`,
  ]);

  if (parent) return { steps, backout: [revert] };
  if (!description) {
    steps.push(textSnippet('Only if the result is needed again: clone the job with the flag on', [
      `Print the clone steps with: ${remediateCommand(ctx)}`,
    ]));
    return { steps, backout: [revert] };
  }
  const blocker = cloneBlocker(description);
  if (blocker) return { steps, backout: [revert] };

  const newName = cloneName(job.name, ctx.now, 'fix');
  steps.push(textSnippet('Only if the result is needed again: clone the job with the flag on', [
    `The clone ${newName} is the original's request with ${flag.boto3Arg} = true, a new name and a new checkpoint prefix; its network is the original's.`,
  ]));
  steps.push(
    ...cloneSteps({
      job,
      description,
      newName,
      vpcConfig: 'keep',
      enable: { [flag.boto3Arg]: true },
      file: 'clone.json',
      verifyQuery: flag.boto3Arg,
    }),
  );
  backout.push(stopJobSnippet(`Stop the clone ${newName}`, newName, job.region), revert);
  return { steps, backout };
}

export const buildNetworkIsolation: Builder = (ctx) => buildFlag(NETWORK_ISOLATION, ctx);
export const buildInterContainerEncryption: Builder = (ctx) => buildFlag(INTER_CONTAINER_ENCRYPTION, ctx);
