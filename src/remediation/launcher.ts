/**
 * "Fix what launches the job": the SageMaker Python SDK / boto3 arguments that set a training
 * job's network, and the parent (tuning, AutoML, labeling job or pipeline) to fix instead of the
 * child when one launched it. A job's network settings are fixed at creation, so the launcher is
 * where a lasting fix goes.
 * @module
 */
import type { Snippet, TrainingJobSnapshot } from '../audit/model.js';
import { PIPELINE_TAG_KEYS, type CloneVpcConfig, type DescribedTrainingJob } from './clone-training-job.js';
import { pythonList, snippet, textSnippet } from './snippet.js';

export type LaunchParentKind = 'tuning' | 'automl' | 'labeling' | 'pipeline';

export interface LaunchParent {
  kind: LaunchParentKind;
  /** The parent's ARN (for a pipeline: the execution ARN, or the step name when that is all we have). */
  id: string;
}

/** The parent that launched the job, if any: fix the parent, not the child (aws-reference.md §2). */
export function launchParent(job: TrainingJobSnapshot, description?: DescribedTrainingJob): LaunchParent | undefined {
  const tuning = job.tuningJobArn ?? description?.TuningJobArn;
  if (tuning) return { kind: 'tuning', id: tuning };
  const automl = job.autoMLJobArn ?? description?.AutoMLJobArn;
  if (automl) return { kind: 'automl', id: automl };
  const labeling = job.labelingJobArn ?? description?.LabelingJobArn;
  if (labeling) return { kind: 'labeling', id: labeling };
  const tags = new Map<string, string>();
  for (const t of job.tags ?? []) tags.set(t.key, t.value);
  for (const t of description?.Tags ?? []) if (t.Key !== undefined && t.Value !== undefined) tags.set(t.Key, t.Value);
  for (const key of PIPELINE_TAG_KEYS) {
    const value = tags.get(key);
    if (value) return { kind: 'pipeline', id: value };
  }
  return undefined;
}

const PARENT_FIX: Record<LaunchParentKind, (id: string) => string> = {
  tuning: (id) =>
    `The hyperparameter tuning job ${id} launched this job. Fix the tuning job's training definition ` +
    '(the estimator you pass to HyperparameterTuner, or TrainingJobDefinition.VpcConfig in ' +
    'create_hyper_parameter_tuning_job) and run the tuning job again. Do not clone this child.',
  automl: (id) =>
    `The AutoML job ${id} launched this job. Set the VPC in the AutoML job's SecurityConfig.VpcConfig ` +
    'and run it again. Do not clone this child.',
  labeling: (id) =>
    `The labeling job ${id} launched this job. Set LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VpcConfig ` +
    'on the labeling job and run it again. Do not clone this child.',
  pipeline: (id) =>
    `A SageMaker pipeline launched this job (${id}). Fix the training step's estimator in the pipeline ` +
    'definition, update the pipeline and start a new execution. Do not clone this step.',
};

/** The text that says to fix the parent instead of cloning. */
export function parentSnippet(parent: LaunchParent, what: string): Snippet {
  return textSnippet(`Fix the parent that launched the job (${what})`, [PARENT_FIX[parent.kind](parent.id)]);
}

/** Python SDK and boto3 arguments, one per line, for the launcher snippets. */
export interface LauncherArgs {
  /** `Estimator(...)` keyword arguments as Python source. */
  estimator: string[];
  /** `create_training_job(...)` keyword arguments as Python source. */
  boto3: string[];
}

export function vpcLauncherArgs(vpc: CloneVpcConfig): LauncherArgs {
  return {
    estimator: [`subnets=${pythonList(vpc.Subnets)}`, `security_group_ids=${pythonList(vpc.SecurityGroupIds)}`],
    boto3: [`VpcConfig={"Subnets": ${pythonList(vpc.Subnets)}, "SecurityGroupIds": ${pythonList(vpc.SecurityGroupIds)}}`],
  };
}

/** The two launcher snippets: SageMaker Python SDK `Estimator` and boto3 `create_training_job`. */
export function launcherSnippets(job: TrainingJobSnapshot, what: string, args: LauncherArgs): Snippet[] {
  const keep = '    # ...your existing arguments...';
  const estimator = [
    'from sagemaker.estimator import Estimator',
    '',
    'estimator = Estimator(',
    keep,
    ...args.estimator.map((a) => `    ${a},`),
    ')',
  ].join('\n');
  const boto3 = [
    'import boto3',
    '',
    `sagemaker = boto3.client("sagemaker", region_name=${JSON.stringify(job.region)})`,
    'sagemaker.create_training_job(',
    keep,
    ...args.boto3.map((a) => `    ${a},`),
    ')',
  ].join('\n');
  const permissions = ['sagemaker:CreateTrainingJob', 'iam:PassRole'];
  return [
    snippet('python-sdk', `Launch with ${what} (SageMaker Python SDK)`, estimator, permissions),
    snippet('boto3', `Launch with ${what} (boto3)`, boto3, permissions),
  ];
}
