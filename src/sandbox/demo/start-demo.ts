/**
 * The whole product against the embedded sandbox: the seeded AWS account (SageMaker + EC2 fakes),
 * the Slack Web API fake, and the real bot in HTTP mode with a generated signing secret — all on
 * 127.0.0.1, no credentials. Used by `npm run demo`, the playground and end-to-end tests.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot, type StartBotOptions } from '../../app/bot.js';
import type { Logger } from '../../logging/logger.js';
import { SANDBOX_CREDENTIALS, startSandboxAccount, type SandboxAccount, type SandboxAwsOptions } from '../aws/index.js';
import { createSlackClient, startSlackFake, type SlackClient, type SlackFake } from '../slack/index.js';

export interface DemoOptions {
  /** Extra or overriding bot environment (e.g. ALLOWED_USER_IDS for authorization tests). */
  env?: Record<string, string>;
  logger?: Logger;
  /** Where the bot keeps state; a fresh temporary directory by default (removed on close). */
  dataDir?: string;
  slack?: StartBotOptions['slack'];
  now?: () => Date;
  /** AWS fake options: another world (e.g. a generated fleet), latency, throttling, faults. */
  aws?: Partial<SandboxAwsOptions>;
  /** Dummy AWS credentials the bot signs with (the fake does not verify them). */
  awsCredentials?: { accessKeyId: string; secretAccessKey: string };
  /** Client tuning for fault tests: fewer attempts, shorter timeouts, faster pacing. */
  awsClient?: { maxAttempts?: number; requestTimeoutMs?: number; sagemakerMaxRps?: number };
}

export interface Demo {
  aws: SandboxAccount;
  slack: SlackFake;
  bot: RunningBot;
  /** Sends signed requests to the bot like Slack does. */
  client: SlackClient;
  botUrl: string;
  signingSecret: string;
  botToken: string;
  dataDir: string;
  close(): Promise<void>;
}

export const DEMO_CHANNEL = 'C0GENERAL';
export const DEMO_USER = 'U0ALICE';

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const signingSecret = randomBytes(16).toString('hex');
  const botToken = `xoxb-sandbox-${randomBytes(8).toString('hex')}`;
  const aws = await startSandboxAccount(options.aws);
  const slack = await startSlackFake({ botToken });
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'sagemaker-vpc-demo-')));
  let bot: RunningBot;
  try {
    bot = await startBot({
      env: {
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.url,
        AUDIT_REGIONS: aws.regions.join(','),
        ALLOW_ALL_USERS: 'true',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      logger: options.logger,
      aws: { endpoint: aws.url, credentials: options.awsCredentials ?? SANDBOX_CREDENTIALS, ...options.awsClient },
      slack: { port: 0, host: '127.0.0.1', clientRetries: 0, ...options.slack },
      now: options.now,
    });
  } catch (err) {
    await Promise.allSettled([aws.close(), slack.close()]);
    throw err;
  }
  const botUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  const client = createSlackClient({ botUrl, signingSecret, fake: slack });
  return {
    aws,
    slack,
    bot,
    client,
    botUrl,
    signingSecret,
    botToken,
    dataDir,
    async close() {
      await bot.stop().catch(() => undefined);
      await Promise.allSettled([aws.close(), slack.close()]);
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
