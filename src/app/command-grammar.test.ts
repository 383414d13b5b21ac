import { describe, expect, it } from 'vitest';
import { parseCommand, resolveSince, tokenize, type Surface } from './command-grammar.js';

const parse = (text: string, surface: Surface = 'cli') => {
  const t = tokenize(text);
  if (!t.ok) throw new Error(t.error);
  return parseCommand(t.tokens, surface);
};

describe('tokenize', () => {
  it.each([
    ['check train-42', ['check', 'train-42']],
    ['  digest add "0 9 * * 1"  --tz Europe/Berlin', ['digest', 'add', '0 9 * * 1', '--tz', 'Europe/Berlin']],
    ['digest add “0 9 * * 1”', ['digest', 'add', '0 9 * * 1']],
    ["digest add '*/5 * * * *'", ['digest', 'add', '*/5 * * * *']],
    ['check ""', ['check', '']],
  ])('%s', (text, tokens) => {
    expect(tokenize(text)).toEqual({ ok: true, tokens });
  });

  it('reports an unclosed quote', () => {
    expect(tokenize('digest add "0 9')).toEqual({ ok: false, error: 'a quote is not closed' });
  });
});

describe('parseCommand — accepted', () => {
  it.each([
    ['check train-42', { kind: 'check-job', job: 'train-42', region: undefined, json: false, sandbox: false }],
    ['check train-42 --region eu-west-1 --json', { kind: 'check-job', job: 'train-42', region: 'eu-west-1', json: true }],
    ['check --all', { kind: 'check-all', regions: [], since: undefined, status: undefined, maxJobs: undefined }],
    [
      'check --all --region us-east-1 --region eu-west-1 --since 30d --status completed --max-jobs 500 --max-rps 2 --json',
      { kind: 'check-all', regions: ['us-east-1', 'eu-west-1'], since: '30d', status: 'Completed', maxJobs: 500, maxRps: 2, json: true },
    ],
    ['check --all --since 2026-01-01', { kind: 'check-all', since: '2026-01-01' }],
    ['check --all --since all', { kind: 'check-all', since: 'all' }],
    ['remediate train-42 --region us-east-1', { kind: 'remediate', job: 'train-42', region: 'us-east-1' }],
    [
      'check-network --subnets subnet-0123456789abcdef0,subnet-01234567 --security-groups sg-0123456789abcdef0 --instances 4 --inter-container-encryption',
      { kind: 'check-network', subnets: ['subnet-0123456789abcdef0', 'subnet-01234567'], securityGroups: ['sg-0123456789abcdef0'], instances: 4, interContainerEncryption: true, networkIsolation: false, approved: false },
    ],
    ['check-network --approved', { kind: 'check-network', approved: true }],
    ['rules', { kind: 'rules', json: false }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['digest --channel C0123456789 --dry-run', { kind: 'digest-dry-run', channel: 'C0123456789' }],
    ['check train-42 --sandbox', { kind: 'check-job', sandbox: true }],
  ])('cli: %s', (text, expected) => {
    const result = parse(text);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (result.ok) expect(result.command).toMatchObject(expected);
  });

  it.each([
    ['digest now', { kind: 'digest-now' }],
    ['digest list', { kind: 'digest-list' }],
    ['digest remove 7', { kind: 'digest-remove', id: '7' }],
    ['digest add "0 9 * * 1" --tz Europe/Berlin --since 30d', { kind: 'digest-add', cron: '0 9 * * 1', timezone: 'Europe/Berlin', since: '30d' }],
    ['check train-42', { kind: 'check-job', job: 'train-42' }],
  ])('slack: %s', (text, expected) => {
    const result = parse(text, 'slack');
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (result.ok) expect(result.command).toMatchObject(expected);
  });
});

describe('parseCommand — refused with a clear reason', () => {
  it.each([
    ['check', /needs a training job name/],
    ['check -bad-name', /unknown option|not a valid training job name/],
    ['check bad_name', /not a valid training job name.*pattern/],
    [`check ${'a'.repeat(64)}`, /not a valid training job name/],
    ['check a b', /takes one job name/],
    ['check train-42 --since 30d', /only apply to check --all/],
    ['check --all train-42', /takes no job name/],
    ['check --all --since yesterday', /--since "yesterday" is not understood/],
    ['check --all --status Running', /--status must be one of/],
    ['check --all --max-jobs 0', /--max-jobs must be a whole number/],
    ['check --all --region mars', /not an AWS region name/],
    ['check --all --max-rps 0', /--max-rps must be a number/],
    ['check train-42 --region us-east-1 --region eu-west-1', /takes one --region/],
    ['check train-42 --frobnicate', /unknown option --frobnicate/],
    ['check train-42 --region', /--region needs a value/],
    ['frobnicate', /unknown command "frobnicate"/],
    ['check-network --subnets subnet-zz --security-groups sg-01234567', /"subnet-zz" is not a valid id/],
    ['check-network --subnets subnet-01234567 --security-groups sg-01234567,sg-11234567,sg-21234567,sg-31234567,sg-41234567,sg-51234567', /1–5 comma-separated ids/],
    [`check-network --subnets ${Array.from({ length: 17 }, (_, i) => `subnet-${String(i).padStart(8, '0')}`).join(',')} --security-groups sg-01234567`, /1–16/],
    ['check-network --security-groups sg-01234567', /--subnets takes 1–16/],
    ['check-network --subnets subnet-01234567 --security-groups sg-01234567 --instances 0', /--instances must be a whole number/],
    ['digest --channel C0123', /digest only previews/],
    ['rules extra', /rules takes no arguments/],
  ])('cli: %s', (text, error) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it.each([
    ['check train-42 --json', /does not take --json in Slack/],
    ['check --all --max-rps 3', /does not take --max-rps in Slack/],
    ['digest', /digest needs an action/],
    ['digest explode', /unknown digest action "explode"/],
    ['digest remove abc', /is not a schedule id/],
    ['digest remove', /takes one schedule id/],
    ['digest add "0 9 * * 1" --tz Mars/Olympus', /not an IANA time zone/],
    ['digest add "61 9 * * *"', /not a valid cron expression/],
    ['digest add 0 9 * * 1', /one quoted cron expression/],
  ])('slack: %s', (text, error) => {
    const result = parse(text, 'slack');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });
});

describe('resolveSince', () => {
  const now = new Date('2026-11-29T10:00:00Z');
  it.each([
    [undefined, undefined],
    ['all', undefined],
    ['30d', '2026-10-30T10:00:00.000Z'],
    ['12h', '2026-11-28T22:00:00.000Z'],
    ['2w', '2026-11-15T10:00:00.000Z'],
    ['2026-01-01', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T12:30:00Z', '2026-01-01T12:30:00.000Z'],
  ])('%s → %s', (value, iso) => {
    expect(resolveSince(value, now)?.toISOString()).toBe(iso);
  });
});
