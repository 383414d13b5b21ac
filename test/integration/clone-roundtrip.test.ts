/**
 * The clone payload against the real SDK: (a) at compile time, a clone built from the SDK's
 * DescribeTrainingJob output is a valid CreateTrainingJobRequest and the SDK's output is a
 * DescribedTrainingJob; (b) each fixture's clone goes through the real CreateTrainingJobCommand
 * serializer to a local server unchanged; (c) the mapping lists match the SDK's own schemas; and
 * (d) where jq is installed, the jq filter people run rebuilds exactly the same payload.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  CreateTrainingJobCommand,
  CreateTrainingJobRequest$,
  DescribeTrainingJobResponse$,
  ResourceConfig$,
  SageMakerClient,
  type CreateTrainingJobRequest,
  type DescribeTrainingJobResponse,
  type Tag,
} from '@aws-sdk/client-sagemaker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cloneSteps } from '../../src/remediation/clone-snippets.js';
import {
  CLONE_COPY_KEYS,
  OUTPUT_ONLY_KEYS,
  RESOURCE_CONFIG_OUTPUT_ONLY_KEYS,
  buildClonePayload,
  cloneCheckpointUri,
  cloneName,
  type CloneRequest,
  type DescribedTrainingJob,
} from '../../src/remediation/clone-training-job.js';
import { parseShell } from '../../src/remediation/testing/aws-cli.js';
import { NOW, snapshotOf } from '../../src/remediation/testing/builders.js';
import { DESCRIBED_JOBS } from '../../src/remediation/testing/described-jobs.js';

// ---------------------------------------------------------------------------------------------
// (a) Compile-time conformance. These lines fail `tsc` if the types drift apart.

/** What src/aws hands to remediation: the SDK's Describe output plus ListTags tags. */
type SdkDescription = DescribeTrainingJobResponse & { Tags?: Tag[] };
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Every key of a clone request is a CreateTrainingJobRequest member (the compiler rejects invalid fields). */
const cloneKeysAreCreateMembers: Equals<Exclude<keyof CloneRequest<SdkDescription>, keyof CreateTrainingJobRequest>, never> = true;
/** A clone built from the SDK's Describe output is assignable to the SDK's request. */
const cloneIsCreateRequest = (clone: CloneRequest<SdkDescription>): CreateTrainingJobRequest => clone;
/** The SDK's Describe output (with tags) is a DescribedTrainingJob: src/aws can pass it as it is. */
const sdkDescriptionFits = (description: SdkDescription): DescribedTrainingJob => description;
/** Building from the SDK type keeps the SDK types (no `unknown` leaks into the request). */
const buildFromSdk = (description: SdkDescription): CreateTrainingJobRequest =>
  buildClonePayload(description, { newName: 'n', vpcConfig: 'keep', checkpointPrefix: '' });

it('compile-time conformance holds (see the declarations above)', () => {
  expect([cloneKeysAreCreateMembers, typeof cloneIsCreateRequest, typeof sdkDescriptionFits, typeof buildFromSdk]).toEqual([
    true,
    'function',
    'function',
    'function',
  ]);
});

// ---------------------------------------------------------------------------------------------
// (c) The copy / set / strip lists against the SDK's schemas (member names at index 4).

describe('clone mapping lists match the SDK schemas', () => {
  const create = new Set(CreateTrainingJobRequest$[4]);
  const describeMembers = new Set(DescribeTrainingJobResponse$[4]);
  const set = ['TrainingJobName', 'VpcConfig'];

  it('copies only members CreateTrainingJob accepts, and strips none that it accepts', () => {
    expect(CLONE_COPY_KEYS.filter((k) => !create.has(k))).toEqual([]);
    expect(OUTPUT_ONLY_KEYS.filter((k) => create.has(k))).toEqual([]);
  });

  it('accounts for every DescribeTrainingJob member (copy, set or strip)', () => {
    const known = new Set<string>([...CLONE_COPY_KEYS, ...OUTPUT_ONLY_KEYS, ...set]);
    expect([...describeMembers].filter((k) => !known.has(k))).toEqual([]);
    expect([...known].filter((k) => !describeMembers.has(k))).toEqual([]);
  });

  it('leaves out only create-only members (Tags comes from ListTags)', () => {
    const produced = new Set<string>([...CLONE_COPY_KEYS, ...set, 'Tags']);
    expect([...create].filter((k) => !produced.has(k))).toEqual(['SessionChainingConfig']);
  });

  it('strips the nested read-only ResourceConfig members the shared shape carries', () => {
    expect(RESOURCE_CONFIG_OUTPUT_ONLY_KEYS.filter((k) => !ResourceConfig$[4].includes(k))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// (b) Through the real serializer to a local server.

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let client: SageMakerClient;
const captured: Captured[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      captured.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' });
      response.end(JSON.stringify({ TrainingJobArn: 'arn:aws:sagemaker:us-east-1:111122223333:training-job/clone' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new SageMakerClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client?.destroy();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

const VPC = { SecurityGroupIds: ['sg-0approved1'], Subnets: ['subnet-0private-a', 'subnet-0private-b'] };

function cloneOf(description: DescribedTrainingJob): CloneRequest {
  const newName = cloneName(description.TrainingJobName ?? 'job', NOW);
  const original = description.CheckpointConfig?.S3Uri;
  return buildClonePayload(description, { newName, vpcConfig: VPC, checkpointPrefix: original ? cloneCheckpointUri(original, newName) : '' });
}

describe.each(Object.entries(DESCRIBED_JOBS))('%s', (_name, description) => {
  it('round-trips through CreateTrainingJobCommand unchanged, VpcConfig and real values included', async () => {
    const payload = cloneOf(description);
    captured.length = 0;
    // The fixtures are typed structurally (nested members `unknown`); the serializer is the judge here.
    const output = await client.send(new CreateTrainingJobCommand(payload as unknown as CreateTrainingJobRequest));

    expect(output.TrainingJobArn).toBe('arn:aws:sagemaker:us-east-1:111122223333:training-job/clone');
    expect(captured).toHaveLength(1);
    expect(captured[0]?.headers['x-amz-target']).toBe('SageMaker.CreateTrainingJob');
    const sent = JSON.parse(captured[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toEqual(JSON.parse(JSON.stringify(payload)));
    expect(sent.VpcConfig).toEqual(VPC);
    expect(sent.Environment).toEqual(description.Environment);
  });
});

// ---------------------------------------------------------------------------------------------
// (d) The jq filter in the snippet people run rebuilds the same payload (where jq is installed;
// CI images without jq skip this block).

function hasJq(): boolean {
  try {
    execFileSync('jq', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.runIf(hasJq())('the jq filter of the build snippet', () => {
  it.each(Object.entries(DESCRIBED_JOBS))('%s: gives exactly buildClonePayload', (_name, description) => {
    const job = snapshotOf(description);
    const newName = cloneName(job.name, NOW);
    const [build] = cloneSteps({ job, description, newName, vpcConfig: VPC, file: 'clone.json', verifyQuery: 'VpcConfig' }).filter(
      (s) => s.kind === 'aws-cli',
    );
    const jq = parseShell(build?.code ?? '').find((words) => words[0] === 'jq');
    expect(jq).toBeDefined();

    const dir = mkdtempSync(join(tmpdir(), 'clone-jq-'));
    try {
      writeFileSync(join(dir, 'tags.json'), JSON.stringify({ Tags: description.Tags ?? [] }));
      const { Tags: _tags, ...describeOutput } = description;
      const output = execFileSync('jq', jq?.slice(1) ?? [], { cwd: dir, input: JSON.stringify(describeOutput), encoding: 'utf8' });
      expect(JSON.parse(output)).toEqual(JSON.parse(JSON.stringify(cloneOf(description))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
