/**
 * `npm start` never falls back to the sandbox: without Slack settings it stops with one message
 * listing every problem; with Slack settings but no AWS credentials it stops and says how to fix it.
 */
import { describe, expect, it } from 'vitest';
import { runTsx } from '../helpers/run-cli.js';

const start = (env: Record<string, string>) => runTsx(['src/app/main.ts'], { HOME: '/nonexistent', ...env }, 30_000);

describe('npm start without credentials', () => {
  it('lists every missing setting at once and exits 1', async () => {
    const { code, stderr } = await start({});
    expect(code).toBe(1);
    expect(stderr).toMatch(/sagemaker-vpc cannot start/);
    expect(stderr).toMatch(/SLACK_BOT_TOKEN/);
    expect(stderr).toMatch(/AWS_REGION or AUDIT_REGIONS is required/);
    expect(stderr).toMatch(/ALLOW_ALL_USERS=true/);
  });

  it('refuses to start without AWS credentials instead of starting the sandbox', async () => {
    const { code, stderr } = await start({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      AWS_REGION: 'us-east-1',
      ALLOWED_USER_IDS: 'U123',
      DATA_DIR: '/tmp/sagemaker-vpc-no-creds',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/No usable AWS credentials/);
    expect(stderr).toMatch(/npm run demo/);
    expect(stderr).not.toContain('test-signing-secret');
  });
});
