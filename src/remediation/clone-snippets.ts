/**
 * Snippets that clone a training job on the user's own machine. The payload people *see* is
 * redacted; the payload AWS *receives* is rebuilt locally from `describe-training-job` by a jq
 * filter, so Environment and HyperParameters values never pass through this tool's output.
 * @module
 */
import type { Snippet, TrainingJobSnapshot } from '../audit/model.js';
import {
  CLONE_COPY_KEYS,
  PIPELINE_TAG_KEYS,
  RESOURCE_CONFIG_OUTPUT_ONLY_KEYS,
  buildClonePayload,
  cloneCheckpointUri,
  redactClonePayload,
  type CloneOptions,
  type CloneVpcChoice,
  type DescribedTrainingJob,
} from './clone-training-job.js';
import { awsCommand, compactJson, shellQuote, snippet, textSnippet } from './snippet.js';

export interface CloneSnippetInput {
  job: TrainingJobSnapshot;
  description: DescribedTrainingJob;
  newName: string;
  vpcConfig: CloneVpcChoice;
  enable?: CloneOptions['enable'];
  /** Local file the payload is written to (`clone.json`, or `rerun.json` for a backout). */
  file: string;
  /** JMESPath for the verify command, e.g. `VpcConfig`. */
  verifyQuery: string;
}

/** What the jq filter must do beyond copying the allow-listed members. */
interface FilterShape {
  vpc: 'set' | 'keep' | 'remove';
  checkpoint: boolean;
  tags: boolean;
  enable: string[];
}

/**
 * The jq filter that turns `describe-training-job` output into a `CreateTrainingJob` request.
 * It keeps an allow-list (the copy list) instead of deleting known output-only members, so a
 * member AWS adds to Describe later cannot make `--cli-input-json` reject the file.
 */
export function cloneJqFilter(shape: FilterShape): string {
  const keys = [...CLONE_COPY_KEYS, ...(shape.vpc === 'keep' ? ['VpcConfig'] : [])];
  const rows: string[] = [];
  for (let i = 0; i < keys.length; i += 6) rows.push(keys.slice(i, i + 6).join(', '));
  const lines = [
    `{${rows.join(',\n ')}}`,
    '| with_entries(select(.value != null))',
    '| .TrainingJobName = $name',
    `| del(${RESOURCE_CONFIG_OUTPUT_ONLY_KEYS.map((k) => `.ResourceConfig.${k}`).join(', ')})`,
  ];
  if (shape.checkpoint) lines.push('| .CheckpointConfig.S3Uri = $checkpoint');
  if (shape.vpc === 'set') lines.push('| .VpcConfig = $vpc');
  for (const member of shape.enable) lines.push(`| .${member} = true`);
  if (shape.tags) {
    const dropped = PIPELINE_TAG_KEYS.map((k) => ` or .Key == ${JSON.stringify(k)}`).join('');
    lines.push(`| .Tags = [$tags[0].Tags[]? | select((.Key | startswith("aws:"))${dropped} | not)]`);
    lines.push('| if .Tags == [] then del(.Tags) else . end');
  }
  return lines.join('\n');
}

/** The steps that clone a job: review (redacted), cost, build the file locally, create, verify. */
export function cloneSteps(input: CloneSnippetInput): Snippet[] {
  const { job, description, newName, file } = input;
  const region = job.region;
  const originalCheckpoint = description.CheckpointConfig?.S3Uri;
  const checkpointPrefix = originalCheckpoint ? cloneCheckpointUri(originalCheckpoint, newName) : '';
  const payload = buildClonePayload(description, { newName, vpcConfig: input.vpcConfig, checkpointPrefix, enable: input.enable });
  const arn = description.TrainingJobArn ?? job.arn;
  const enable = Object.keys(input.enable ?? {});
  const filter = cloneJqFilter({
    vpc: typeof input.vpcConfig === 'object' ? 'set' : input.vpcConfig,
    checkpoint: checkpointPrefix !== '',
    tags: arn !== undefined,
    enable,
  });

  const jqArgs = [
    `--arg name ${shellQuote(newName)}`,
    ...(checkpointPrefix ? [`--arg checkpoint ${shellQuote(checkpointPrefix)}`] : []),
    ...(typeof input.vpcConfig === 'object' ? [`--argjson vpc ${shellQuote(compactJson(input.vpcConfig))}`] : []),
    ...(arn !== undefined ? ['--slurpfile tags tags.json'] : []),
  ];
  const build = [
    `# ${file} will hold the job's real Environment and HyperParameters: keep it private.`,
    ...(arn !== undefined
      ? [awsCommand('sagemaker', 'list-tags', [['--resource-arn', arn], ['--region', region], ['--output', 'json']]) + ' > tags.json']
      : []),
    awsCommand('sagemaker', 'describe-training-job', [
      ['--training-job-name', job.name],
      ['--region', region],
      ['--output', 'json'],
    ]) +
      ' \\\n  | jq ' +
      jqArgs.join(' \\\n    ') +
      ` \\\n    ${shellQuote(filter)} > ${file}`,
  ].join('\n');

  const create = [
    ...(payload.VpcConfig === undefined ? [] : ['# In a VPC the execution role needs the ec2:*NetworkInterface* and ec2:Describe* permissions SageMaker uses there.']),
    awsCommand('sagemaker', 'create-training-job', [
      ['--cli-input-json', `file://${file}`],
      ['--region', region],
      ['--query', 'TrainingJobArn'],
      ['--output', 'text'],
    ]) + ` \\\n  && rm -f ${file}${arn !== undefined ? ' tags.json' : ''}`,
  ].join('\n');

  const verify = awsCommand('sagemaker', 'describe-training-job', [
    ['--training-job-name', newName],
    ['--region', region],
    ['--query', input.verifyQuery],
  ]);

  return [
    snippet('json', `Review the request for ${newName} (Environment and HyperParameters redacted)`, JSON.stringify(redactClonePayload(payload), null, 2)),
    textSnippet(`Cost of running ${newName}`, costNote(job, description)),
    snippet('aws-cli', `Build ${file} on your machine from AWS (real values stay local)`, build, [
      'sagemaker:DescribeTrainingJob',
      ...(arn !== undefined ? ['sagemaker:ListTags'] : []),
    ]),
    snippet('aws-cli', `Create ${newName}`, create, ['sagemaker:CreateTrainingJob', 'sagemaker:AddTags', 'iam:PassRole']),
    snippet('aws-cli', `Verify ${newName}`, verify, ['sagemaker:DescribeTrainingJob']),
  ];
}

/** Stops a job; used as the backout of a clone (a stopped job cannot be resumed). */
export function stopJobSnippet(title: string, name: string, region: string): Snippet {
  const code = awsCommand('sagemaker', 'stop-training-job', [
    ['--training-job-name', name],
    ['--region', region],
  ]);
  return snippet('aws-cli', title, code, ['sagemaker:StopTrainingJob'], { irreversible: true });
}

const count = new Intl.NumberFormat('en-US');

/** Instance type × count × billable seconds of the original, as instance-hours (no prices). */
export function costNote(job: TrainingJobSnapshot, description?: DescribedTrainingJob): string[] {
  const config = description?.ResourceConfig;
  const groups = config?.InstanceGroups?.length
    ? config.InstanceGroups.map((g) => ({ type: g.InstanceType ?? 'unknown type', count: g.InstanceCount ?? 0 }))
    : [{ type: config?.InstanceType ?? config?.SelectedInstanceType ?? job.instanceType ?? 'unknown type', count: config?.InstanceCount ?? job.instanceCount }];
  const billable = description?.BillableTimeInSeconds ?? job.billableTimeInSeconds;
  const lines = ['A clone re-runs training from the start: new cost, new artifacts and a new ARN. The original job is not changed.'];
  if (billable !== undefined) {
    for (const g of groups) {
      const hours = (g.count * billable) / 3600;
      lines.push(`Estimate from the original: ${g.type} × ${g.count} × ${count.format(billable)} billable seconds = ${hours.toFixed(2)} instance-hours.`);
    }
  } else {
    const max = description?.StoppingCondition?.MaxRuntimeInSeconds;
    const bound = max === undefined ? '' : ` The clone may run up to MaxRuntimeInSeconds = ${count.format(max)} s on ${groups.map((g) => `${g.type} × ${g.count}`).join(' + ')}.`;
    lines.push(`The original has no billable time yet (status ${job.status ?? 'unknown'}), so there is no estimate.${bound}`);
  }
  if (description?.EnableManagedSpotTraining ?? job.enableManagedSpotTraining) {
    lines.push('Managed spot training: billable time depends on spot capacity and interruptions, so the clone may differ.');
  }
  const keepAlive = config?.KeepAlivePeriodInSeconds;
  if (keepAlive) lines.push(`Warm pool: the instances stay billed up to ${count.format(keepAlive)} s after the clone ends (KeepAlivePeriodInSeconds).`);
  return lines;
}
