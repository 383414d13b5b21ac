/**
 * Secrets never reach the logs: an end-to-end session at the most verbose level — commands,
 * clicks, the remediation modal, AWS errors and Slack errors included — is captured line by line
 * and searched for the bot token, the signing secret and the AWS secret key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionId } from '../../src/slack/ids.js';
import { buttonIn, DEMO_CHANNEL, DEMO_USER, findMessage, sleep, startSlackWorld, waitFor } from '../helpers/slack-harness.js';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETzKEYz';
const AWS_KEY_ID = 'AKIAZSECRETZKEYZID00';
let world: Awaited<ReturnType<typeof startSlackWorld>>;

beforeAll(async () => {
  world = await startSlackWorld({ logLevel: 'trace', awsCredentials: { accessKeyId: AWS_KEY_ID, secretAccessKey: AWS_SECRET } });
});
afterAll(async () => {
  await world?.close();
});

describe('secrets in logs', () => {
  it('a verbose session with errors logs plenty and no secret', async () => {
    const { client, slack, aws, demo, logs: lines } = world;
    await client.sendSlashCommand({ text: 'check vision-resnet-open-ssh', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    const report = await waitFor('the report', () => findMessage(slack, DEMO_CHANNEL, /^FAIL — vision-resnet-open-ssh/));
    await client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.showRemediation, value: buttonIn(report.blocks, ActionId.showRemediation)?.value });
    await client.sendBlockAction({ userId: DEMO_USER, message: report, actionId: ActionId.recheckJob, value: 'forged' });
    aws.aws.setFaults({ DescribeTrainingJob: { code: 'AccessDeniedException', count: 1 } });
    await client.sendSlashCommand({ text: 'check churn-xgb-private', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    slack.setFaults({ 'chat.postMessage': { error: 'channel_not_found', count: 3 }, response_url: { status: 500, count: 2 } });
    await client.sendSlashCommand({ text: 'check --all --since all', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    await client.sendSlashCommand({ text: 'check <!channel> --region nowhere', userId: DEMO_USER, channelId: DEMO_CHANNEL });
    await client.sendSlashCommand({ text: 'help', userId: DEMO_USER, channelId: DEMO_CHANNEL, secret: 'forged-secret' });
    await sleep(2_500);

    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(lines.length).toBeGreaterThan(20);
    expect(text).toMatch(/audit event/);
    expect(text).toMatch(/"level":(40|50)/); // the errors above were logged…
    for (const secret of [demo.botToken, demo.signingSecret, AWS_SECRET]) expect(text).not.toContain(secret); // …without secrets
    expect(text).not.toMatch(/xoxb-[0-9a-z-]{6,}/);
  });
});
