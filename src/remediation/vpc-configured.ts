/**
 * Remediation for `vpc-configured` and `vpc-subnets-private`, in DESIGN.md §3's order: (1) fix
 * the launcher (or the parent that launched the job), (2) the preventive guardrail, (3) stop the
 * original if it is still running, (4) only if the result is needed again, a clone with
 * `VpcConfig`. The job itself cannot be changed: there is no `update-training-job --vpc-config`.
 * @module
 */
import type { Remediation, Snippet } from '../audit/model.js';
import { cloneSteps, stopJobSnippet } from './clone-snippets.js';
import { cloneBlocker, cloneName, type CloneVpcChoice } from './clone-training-job.js';
import { chooseNetwork, remediateCommand, type ChosenNetwork, type RemediationContext } from './context.js';
import { guardrailBackout, guardrailSteps } from './guardrail.js';
import { launchParent, launcherSnippets, parentSnippet, vpcLauncherArgs } from './launcher.js';
import { shellQuote, textSnippet } from './snippet.js';

function networkNote(ctx: RemediationContext, chosen: ChosenNetwork): Snippet {
  const source = {
    approved: 'the approved network configured for this account and region (REMEDIATION_NETWORK)',
    'private-subnets': "the job's own private subnets and its security groups",
    placeholders: 'placeholders: replace <private-subnet-id> and <security-group-id> with a private subnet and a restrictive security group of the same VPC',
  }[chosen.source];
  const check =
    `sagemaker-vpc check-network --subnets ${shellQuote(chosen.vpc.Subnets.join(','))}` +
    ` --security-groups ${shellQuote(chosen.vpc.SecurityGroupIds.join(','))}` +
    ` --instances ${ctx.job.instanceCount} --region ${shellQuote(ctx.job.region)}`;
  return textSnippet('Network for the fixed launch', [
    `These snippets use ${source}.`,
    `Check it passes the control before launching: ${check}`,
  ]);
}

export function buildVpcConfigured(ctx: RemediationContext): Remediation {
  const { job, description, finding } = ctx;
  const chosen = chooseNetwork(ctx);
  const parent = launchParent(job, description);
  const what = finding.rule === 'vpc-configured' ? 'a VPC (private subnets)' : 'private subnets';
  const steps: Snippet[] = [];
  const backout: Snippet[] = [];

  // (1) The launcher, or the parent that launched this job.
  if (parent) steps.push(parentSnippet(parent, what));
  steps.push(networkNote(ctx, chosen), ...launcherSnippets(job, what, vpcLauncherArgs(chosen.vpc)));

  // (2) The guardrail, so the next launch without a VPC is refused.
  steps.push(...guardrailSteps(ctx.approvedNetwork));

  // (3) A running job keeps its network until it ends.
  if (job.status === 'InProgress') {
    steps.push(stopJobSnippet(`Stop the running original ${job.name} (only if it must not finish outside the control)`, job.name, job.region));
  }

  // (4) The clone, only if the result is needed again; backout runs the job as it was.
  const rerunVpc: CloneVpcChoice = finding.rule === 'vpc-configured' ? 'remove' : 'keep';
  const lowering =
    finding.rule === 'vpc-configured'
      ? 'without VpcConfig, as it ran before'
      : 'with its previous VpcConfig (the public subnets), as it ran before';
  if (parent) {
    backout.push(...guardrailBackout());
    backout.push(textSnippet('Run the job again as before (lowers security)', [
      `This lowers security: revert the launcher change in the parent and run it again ${lowering}.`,
    ]));
    return { steps, backout };
  }
  if (!description) {
    steps.push(textSnippet('Only if the result is needed again: clone the job into the fixed network', [
      'A clone needs the job\'s full description, which fleet audits do not read. Print the clone steps with:',
      remediateCommand(ctx),
    ]));
    backout.push(...guardrailBackout());
    backout.push(textSnippet('Backout of a clone, or running the job again as before (lowers security)', [
      `The clone's backout (stop it) and how to run the job again ${lowering} are printed by: ${remediateCommand(ctx)}`,
    ]));
    return { steps, backout };
  }
  const blocker = cloneBlocker(description);
  if (blocker) {
    steps.push(textSnippet('Cloning is not possible', [`Cannot build a clone: ${blocker}. Launch the job again from its fixed launcher instead.`]));
    backout.push(...guardrailBackout());
    return { steps, backout };
  }

  const newName = cloneName(job.name, ctx.now, 'vpc');
  steps.push(textSnippet('Only if the result is needed again: clone the job into the fixed network', [
    `The clone ${newName} is the original's request with VpcConfig ${JSON.stringify(chosen.vpc)}, a new name and a new checkpoint prefix.`,
  ]));
  steps.push(...cloneSteps({ job, description, newName, vpcConfig: chosen.vpc, file: 'clone.json', verifyQuery: 'VpcConfig' }));

  const rerunName = cloneName(job.name, ctx.now, 'rerun');
  backout.push(stopJobSnippet(`Stop the clone ${newName}`, newName, job.region));
  backout.push(...guardrailBackout());
  backout.push(textSnippet('Run the job again as before (lowers security)', [
    `This lowers security: it runs ${rerunName} ${lowering}. Training jobs cannot be updated in place; this is a new job.`,
  ]));
  backout.push(
    ...cloneSteps({ job, description, newName: rerunName, vpcConfig: rerunVpc, file: 'rerun.json', verifyQuery: 'VpcConfig' }).filter(
      (s) => s.kind === 'aws-cli',
    ),
  );
  return { steps, backout };
}
