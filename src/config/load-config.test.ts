import { describe, expect, it } from 'vitest';
import { ConfigError, loadAwsConfig, loadBotConfig } from './load-config.js';

const botBase = {
  SLACK_BOT_TOKEN: 'xoxb-1-abc',
  SLACK_SIGNING_SECRET: 'shh-very-secret-signing',
  AWS_REGION: 'us-east-1',
  ALLOWED_USER_IDS: 'U111,U222',
};

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAwsConfig', () => {
  it.each([
    [{ AWS_REGION: 'us-east-1' }, ['us-east-1']],
    [{ AWS_DEFAULT_REGION: 'eu-west-1' }, ['eu-west-1']],
    [{ AWS_REGION: 'us-east-1', AUDIT_REGIONS: 'eu-west-1, us-west-2,eu-west-1' }, ['eu-west-1', 'us-west-2']],
    [{}, []],
  ])('regions from %j → %j', (env, regions) => {
    expect(loadAwsConfig({ env }).regions).toEqual(regions);
  });

  it('defaults SAGEMAKER_MAX_RPS to 5 and parses overrides', () => {
    expect(loadAwsConfig({ env: {} }).sagemakerMaxRps).toBe(5);
    expect(loadAwsConfig({ env: { SAGEMAKER_MAX_RPS: '2.5' } }).sagemakerMaxRps).toBe(2.5);
  });

  it('parses REMEDIATION_NETWORK keyed by account/region', () => {
    const env = { REMEDIATION_NETWORK: JSON.stringify({ '123456789012/us-east-1': { subnets: ['subnet-0a'], securityGroups: ['sg-0b'] } }) };
    expect(loadAwsConfig({ env }).remediationNetwork).toEqual({ '123456789012/us-east-1': { subnets: ['subnet-0a'], securityGroups: ['sg-0b'] } });
  });

  it('lists every problem at once', () => {
    const list = problems(() =>
      loadAwsConfig({ env: { AWS_REGION: 'mars-1', SAGEMAKER_MAX_RPS: 'fast', REMEDIATION_NETWORK: '{nope', AUDIT_ACCOUNTS: '1' } }),
    );
    expect(list).toHaveLength(4);
    expect(list.join('\n')).toMatch(/AWS_REGION/);
    expect(list.join('\n')).toMatch(/SAGEMAKER_MAX_RPS/);
    expect(list.join('\n')).toMatch(/REMEDIATION_NETWORK is not valid JSON/);
    expect(list.join('\n')).toMatch(/AUDIT_ACCOUNTS is reserved/);
  });
});

describe('loadBotConfig', () => {
  it('loads HTTP mode with an allow-list', () => {
    const config = loadBotConfig({ env: botBase });
    expect(config).toMatchObject({ mode: 'http', port: 3000, dataDir: './data', regions: ['us-east-1'] });
    expect(config.access).toEqual({ allowAll: false, userIds: ['U111', 'U222'], channelIds: [] });
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, without a signing secret', () => {
    const { SLACK_SIGNING_SECRET: _drop, ...env } = botBase;
    expect(loadBotConfig({ env: { ...env, SLACK_APP_TOKEN: 'xapp-1-xyz' } }).mode).toBe('socket');
  });

  it('fails closed without an allow-list unless ALLOW_ALL_USERS=true', () => {
    const { ALLOWED_USER_IDS: _drop, ...env } = botBase;
    expect(problems(() => loadBotConfig({ env })).join()).toMatch(/ALLOW_ALL_USERS=true/);
    expect(loadBotConfig({ env: { ...env, ALLOW_ALL_USERS: 'true' } }).access.allowAll).toBe(true);
  });

  it('reports every problem without echoing secrets', () => {
    const list = problems(() =>
      loadBotConfig({ env: { SLACK_BOT_TOKEN: 'not-a-token-supersecret', PORT: '99999', ALLOWED_USER_IDS: 'u-lower' } }),
    );
    const text = list.join('\n');
    expect(text).toMatch(/SLACK_BOT_TOKEN must be a bot token/);
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/ALLOWED_USER_IDS/);
    expect(text).not.toContain('supersecret');
  });

  it('requires a region and a signing secret in HTTP mode', () => {
    const list = problems(() => loadBotConfig({ env: { SLACK_BOT_TOKEN: 'xoxb-1', ALLOW_ALL_USERS: 'true' } }));
    expect(list.join('\n')).toMatch(/AWS_REGION or AUDIT_REGIONS is required/);
    expect(list.join('\n')).toMatch(/SLACK_SIGNING_SECRET is required/);
  });

  it.each([
    ['[{"channel":"C123","cron":"0 9 * * 1","timezone":"Europe/Berlin"}]', undefined],
    ['[{"channel":"C123","cron":"0 9 * * 1","timezone":"Mars/Olympus"}]', /not an IANA time zone/],
    ['[{"channel":"C123","cron":"61 9 * * *"}]', /not a valid cron expression/],
    ['{"channel":"C123"}', /DIGEST_SCHEDULES/],
    ['nope', /not valid JSON/],
  ])('DIGEST_SCHEDULES %s', (raw, problem) => {
    const env = { ...botBase, DIGEST_SCHEDULES: raw };
    if (!problem) {
      expect(loadBotConfig({ env }).digestSeeds).toEqual([{ channel: 'C123', cron: '0 9 * * 1', timezone: 'Europe/Berlin', scope: {} }]);
      return;
    }
    expect(problems(() => loadBotConfig({ env })).join('\n')).toMatch(problem);
  });
});

describe('loadBotConfig with nothing set', () => {
  it('lists the missing token, region, signing secret and allow-list in one error', () => {
    const list = problems(() => loadBotConfig({ env: {} })).join('\n');
    expect(list).toMatch(/SLACK_BOT_TOKEN is required/);
    expect(list).toMatch(/AWS_REGION or AUDIT_REGIONS is required/);
    expect(list).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(list).toMatch(/ALLOW_ALL_USERS=true/);
  });
});
