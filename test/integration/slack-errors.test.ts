/**
 * Errors a user can act on, through the real path (signed command → Bolt → audit service → SDK →
 * AWS fake → Slack fake): job not found (with region and account), an invalid name (with the
 * pattern), a region the bot does not audit, access denied (the IAM action and iam-policy.json,
 * then "Try again" once granted), throttling, a timeout and an unavailable service.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../src/sandbox/slack/index.js';
import { ActionId } from '../../src/slack/ids.js';
import { awsCalls, buttonIn, createAckLog, DEMO_CHANNEL, DEMO_USER, sleep, startSlackWorld, waitFor, type SlackWorld } from '../helpers/slack-harness.js';

const JOB = 'vision-resnet-open-ssh';
const acks = createAckLog('slack-errors');
let world: SlackWorld;
let fastFail: SlackWorld;

/** Sends a command and returns the first answer after the ack that only the sender sees. */
async function ephemeralAnswer(on: SlackWorld, text: string, match: RegExp): Promise<MessageRecord> {
  const reply = acks.record(text, await on.client.sendSlashCommand({ text, userId: DEMO_USER, channelId: DEMO_CHANNEL }));
  expect(reply.status).toBe(200);
  expect(reply.ackMs).toBeLessThan(3000);
  return waitFor(`the answer to "${text}"`, () =>
    on.slack.conversation.messages({ channel: DEMO_CHANNEL, viewer: DEMO_USER }).find((m) => m.source === 'response_url' && match.test(m.text)),
  );
}

const mrkdwnOf = (message: MessageRecord) => JSON.stringify(message.blocks);

beforeAll(async () => {
  // Production retries (6 adaptive attempts, 15 s timeouts) make throttles and hangs surface in 15–90 s: give up at once here.
  [world, fastFail] = await Promise.all([startSlackWorld(), startSlackWorld({ awsClient: { maxAttempts: 1, requestTimeoutMs: 400 } })]);
});
afterEach(() => {
  for (const w of [world, fastFail]) {
    w.slack.reset();
    w.aws.aws.setFaults(undefined);
    w.aws.aws.resetCounters();
  }
});
afterAll(async () => {
  console.info(acks.summary());
  await Promise.all([world?.close(), fastFail?.close()]);
});

describe('the job or the request is wrong', () => {
  it('not found: names the job, the region and the account, only to the person who asked', async () => {
    const before = await ephemeralAnswer(world, 'check no-such-job', /not found/);
    expect(before).toMatchObject({ ephemeral: true, text: 'Training job no-such-job not found in us-east-1' });
    expect(mrkdwnOf(before)).toContain("No training job `no-such-job` in `us-east-1` (in the account of the bot's AWS credentials).");

    await world.client.sendSlashCommand({ text: 'check churn-xgb-private', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    await waitFor('a report', () => world.slack.conversation.messages({ channel: DEMO_CHANNEL }).find((m) => m.text.startsWith('PASS — churn-xgb-private')));
    const after = await ephemeralAnswer(world, 'check still-no-such-job', /still-no-such-job not found/);

    expect(mrkdwnOf(after)).toContain('No training job `still-no-such-job` in `us-east-1` (account `123456789012`).');
    expect(mrkdwnOf(after)).toContain('--region &lt;region&gt;');
  });

  it('an invalid name is answered in the ack with the pattern, before any AWS call', async () => {
    const reply = await world.client.sendSlashCommand({ text: 'check bad_name!', userId: DEMO_USER, channelId: DEMO_CHANNEL });

    expect(reply.ackMessage?.ephemeral).toBe(true);
    expect(reply.ackMessage?.text).toContain('is not a valid training job name');
    expect(JSON.stringify(reply.ackMessage?.blocks)).toContain('^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$');
    await sleep(200);
    expect(awsCalls(world.aws).total).toBe(0);
  });

  it('a region this bot does not audit is refused in the ack, before any AWS call', async () => {
    const reply = await world.client.sendSlashCommand({ text: `check ${JOB} --region ap-south-1`, userId: DEMO_USER, channelId: DEMO_CHANNEL });

    expect(reply.ackMessage?.text).toBe('sagemaker-vpc: ap-south-1 is not audited by this bot (it audits us-east-1, eu-west-1; see AUDIT_REGIONS)');
    await sleep(200);
    expect(awsCalls(world.aws).total).toBe(0);
  });
});

describe('AWS says no', () => {
  it('access denied names the IAM action and iam-policy.json; "Try again" answers once it is granted', async () => {
    world.aws.aws.setFaults({ DescribeTrainingJob: { code: 'AccessDeniedException' } });

    const denied = await ephemeralAnswer(world, `check ${JOB}`, /^Access denied/);

    expect(denied.text).toBe('Access denied: sagemaker:DescribeTrainingJob');
    const text = mrkdwnOf(denied);
    expect(text).toContain(`:lock: AWS denied \`sagemaker:DescribeTrainingJob\` on \`${JOB}\`.`);
    expect(text).toContain('every action the tool needs is listed in `iam-policy.json`');
    expect(text).toContain("grant sagemaker:DescribeTrainingJob to the bot's role");
    expect(text).not.toContain('No VpcConfig');
    expect(buttonIn(denied.blocks, ActionId.recheckJob)).toBeDefined();

    world.aws.aws.setFaults(undefined);
    acks.record('try again', await world.client.sendBlockAction({ userId: DEMO_USER, message: denied, actionId: ActionId.recheckJob }));

    const replaced = await waitFor('the report in place of the error', () => {
      const m = world.slack.conversation.message(DEMO_CHANNEL, denied.ts);
      return m && m.edited.length > 0 ? m : undefined;
    });
    expect(replaced.text).toMatch(/^Rechecked: FAIL — vision-resnet-open-ssh/);
    expect(replaced.visibleTo).toBe(DEMO_USER);
  });

  it('access denied while opening the remediation modal shows the error in the modal', async () => {
    await world.client.sendSlashCommand({ text: `check ${JOB}`, userId: DEMO_USER, channelId: DEMO_CHANNEL });
    const report = await waitFor('the report', () => world.slack.conversation.messages({ channel: DEMO_CHANNEL }).find((m) => m.text.startsWith(`FAIL — ${JOB}`)));
    world.aws.aws.setFaults({ DescribeTrainingJob: { code: 'AccessDeniedException' } });

    await world.client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.showRemediation });

    const modal = await waitFor('the modal', () => world.slack.conversation.views('modal').find((v) => v.history.length >= 2));
    expect(JSON.stringify(modal.view)).toContain('AWS denied `sagemaker:DescribeTrainingJob`');
    expect(JSON.stringify(modal.view)).not.toContain('"type":"actions"');
  });

  it.each`
    fault                                                         | title                                                  | line
    ${{ code: 'ThrottlingException' }}                            | ${'AWS is throttling requests; try again in a minute'} | ${':snail: AWS throttled the request on `sagemaker:DescribeTrainingJob` even after retries.'}
    ${{ hang: true }}                                             | ${'The check timed out; try again'}                    | ${':stopwatch: Timed out waiting for `sagemaker:DescribeTrainingJob`.'}
    ${{ code: 'ServiceUnavailable' }}                             | ${'AWS could not answer sagemaker:DescribeTrainingJob; try again'} | ${':cloud: AWS could not answer `sagemaker:DescribeTrainingJob`.'}
  `('$title', async ({ fault, title, line }: { fault: Record<string, unknown>; title: string; line: string }) => {
    fastFail.aws.aws.setFaults({ DescribeTrainingJob: fault });

    const answer = await ephemeralAnswer(fastFail, `check ${JOB}`, new RegExp(`^${title.slice(0, 12)}`));

    expect(answer.text).toBe(title);
    expect(mrkdwnOf(answer)).toContain(line);
    expect(buttonIn(answer.blocks, ActionId.recheckJob)).toBeDefined();
    expect(awsCalls(fastFail.aws).by['DescribeTrainingJob']).toBe(1);
  });
});
