/**
 * The bot assembled exactly as `startBot` does (audit service → `createSlackBot` in HTTP mode on
 * 127.0.0.1, against the sandbox AWS and Slack fakes) but with AWS clients that give up at once:
 * one attempt and a short request timeout. `startBot` keeps the production retry policy (6
 * adaptive attempts, 15 s timeouts), under which a throttled DescribeTrainingJob takes 15–31 s to
 * surface and a hung one 90 s — too slow for `npm test`, not a different code path.
 */
import { randomBytes } from 'node:crypto';
import { createAuditService } from '../../src/app/audit-service.js';
import { createClientCache } from '../../src/app/container.js';
import { createAwsClients } from '../../src/aws/index.js';
import { startSandboxAccount, type SandboxAwsOptions } from '../../src/sandbox/aws/index.js';
import { createSlackClient, startSlackFake } from '../../src/sandbox/slack/index.js';
import { createSlackBot } from '../../src/slack/app.js';
import { memoryLogger, type SlackWorld } from './slack-harness.js';

export interface FastFailOptions {
  aws?: Partial<SandboxAwsOptions>;
  /** Client request timeout in ms (the production default is 15 000). */
  requestTimeoutMs?: number;
}

export async function startFastFailWorld({ aws: awsOptions, requestTimeoutMs = 400 }: FastFailOptions = {}): Promise<SlackWorld> {
  const { logger, lines } = memoryLogger();
  const signingSecret = randomBytes(16).toString('hex');
  const botToken = `xoxb-sandbox-${randomBytes(8).toString('hex')}`;
  const aws = await startSandboxAccount(awsOptions);
  const slack = await startSlackFake({ botToken });
  const clientsFor = createClientCache((region) =>
    createAwsClients({
      region,
      endpoint: aws.url,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      maxAttempts: 1,
      requestTimeoutMs,
      connectionTimeoutMs: requestTimeoutMs,
    }),
  );
  const service = createAuditService({ regions: aws.regions, clientsFor, logger });
  const bot = createSlackBot({
    mode: 'http',
    botToken,
    signingSecret,
    apiUrl: slack.url,
    port: 0,
    host: '127.0.0.1',
    access: { allowAll: true, userIds: [], channelIds: [] },
    regions: aws.regions,
    service,
    logger,
    clientRetries: 0,
  });
  const { port } = await bot.start();
  const client = createSlackClient({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret, fake: slack });
  return {
    aws,
    slack,
    client,
    origin: `http://127.0.0.1:${port}`,
    logs: lines,
    async close() {
      await bot.stop().catch(() => undefined);
      await Promise.allSettled([aws.close(), slack.close()]);
    },
  };
}
