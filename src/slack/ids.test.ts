import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOB_NAME_PATTERN as GRAMMAR_JOB_NAME } from '../app/command-grammar.js';
import {
  ActionId,
  actionIdWithSuffix,
  ActionPattern,
  baseActionId,
  decodeValue,
  encodeValue,
  JOB_NAME_PATTERN,
  VALUE_KIND,
  type ButtonData,
  type ValueKind,
} from './ids.js';

const SUBNET = 'subnet-0a1b2c3d4e5f60718';
const SG = 'sg-0a1b2c3d';

const samples: { [K in ValueKind]: ButtonData<K> } = {
  job: { account: '123456789012', region: 'us-east-1', job: 'train-42' },
  fleetPage: { run: 'run12345', page: 3 },
  fleetDetails: { run: 'run12345', account: '123456789012', region: 'eu-west-1', job: 'a' },
  rerun: { run: 'abc-123_x' },
  preflight: { region: 'us-gov-west-1', subnets: [SUBNET, 'subnet-0a1b2c3d'], sgs: [SG], instances: 4, ice: true, iso: false },
};

describe('ActionId', () => {
  it('ids are unique, short and every one has a value kind', () => {
    const ids = Object.values(ActionId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(255);
      expect(VALUE_KIND[id]).toBeDefined();
    }
  });

  it.each`
    actionId                        | base
    ${'fleet_page'}                 | ${'fleet_page'}
    ${'fleet_page:next'}            | ${'fleet_page'}
    ${'recheck_job'}                | ${'recheck_job'}
    ${'recheck_job:UPPER'}          | ${undefined}
    ${'something_else'}             | ${undefined}
    ${'fleet_page:a:b'}             | ${undefined}
  `('baseActionId($actionId) → $base', ({ actionId, base }) => {
    expect(baseActionId(actionId)).toBe(base);
  });

  it('patterns match the id and its suffixed variants only', () => {
    expect(ActionPattern.fleetPage.test(actionIdWithSuffix(ActionId.fleetPage, 'prev'))).toBe(true);
    expect(ActionPattern.fleetPage.test('fleet_page')).toBe(true);
    expect(ActionPattern.fleetPage.test('fleet_pages')).toBe(false);
    expect(ActionPattern.recheckJob.test('digest_recheck')).toBe(false);
    expect(() => actionIdWithSuffix(ActionId.fleetPage, 'Bad Suffix')).toThrow(RangeError);
  });

  it('uses the same job-name pattern as the command grammar', () => {
    expect(JOB_NAME_PATTERN.source).toBe(GRAMMAR_JOB_NAME.source);
  });
});

describe('encodeValue / decodeValue', () => {
  it.each(Object.entries(samples) as Array<[ValueKind, ButtonData<ValueKind>]>)('%s round-trips with v: 1', (kind, data) => {
    const encoded = encodeValue(kind, data as never);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    expect(JSON.parse(encoded.value)).toEqual({ v: 1, ...data });
    expect(decodeValue(kind, encoded.value)).toEqual({ ok: true, value: { v: 1, ...data } });
  });

  it('accepts an empty account (preflight) but not a short one', () => {
    expect(encodeValue('job', { account: '', region: 'us-east-1', job: 'preflight' }).ok).toBe(true);
    expect(encodeValue('job', { account: '12345', region: 'us-east-1', job: 'x' })).toMatchObject({ ok: false, error: expect.stringContaining('account') });
  });

  it('round-trips any valid job reference', () => {
    const name = fc.stringMatching(/^[a-zA-Z0-9](-{0,2}[a-zA-Z0-9]){0,30}$/);
    const account = fc.oneof(fc.constant(''), fc.stringMatching(/^\d{12}$/));
    const region = fc.constantFrom('us-east-1', 'eu-central-2', 'ap-southeast-4', 'us-gov-east-1', 'us-iso-east-1');
    fc.assert(
      fc.property(account, region, name, (acct, reg, job) => {
        const encoded = encodeValue('job', { account: acct, region: reg, job });
        expect(encoded.ok).toBe(true);
        if (encoded.ok) expect(decodeValue('job', encoded.value)).toEqual({ ok: true, value: { v: 1, account: acct, region: reg, job } });
      }),
    );
  });

  const valid = JSON.stringify({ v: 1, ...samples.job });
  it.each`
    name                      | kind           | raw                                                                                         | reason
    ${'missing'}              | ${'job'}       | ${undefined}                                                                                | ${'no value'}
    ${'empty'}                | ${'job'}       | ${''}                                                                                       | ${'no value'}
    ${'oversize'}             | ${'job'}       | ${valid.slice(0, -1) + ',"x":"' + 'a'.repeat(2000) + '"}'}                                   | ${'over 2000'}
    ${'malformed JSON'}       | ${'job'}       | ${'{"v":1,'}                                                                                | ${'not valid JSON'}
    ${'array'}                | ${'job'}       | ${'[1]'}                                                                                    | ${'not a JSON object'}
    ${'unknown version'}      | ${'job'}       | ${JSON.stringify({ ...JSON.parse(valid), v: 2 })}                                           | ${'unknown value version 2'}
    ${'no version'}           | ${'job'}       | ${JSON.stringify(samples.job)}                                                              | ${'unknown value version null'}
    ${'extra key'}            | ${'job'}       | ${JSON.stringify({ ...JSON.parse(valid), admin: true })}                                    | ${'Unrecognized key'}
    ${'bad job name'}         | ${'job'}       | ${JSON.stringify({ ...JSON.parse(valid), job: 'bad_name' })}                                | ${'job: not a training job name'}
    ${'job name too long'}    | ${'job'}       | ${JSON.stringify({ ...JSON.parse(valid), job: 'a'.repeat(64) })}                            | ${'job: not a training job name'}
    ${'bad region'}           | ${'job'}       | ${JSON.stringify({ ...JSON.parse(valid), region: 'mars-1' })}                               | ${'region: not an AWS region'}
    ${'negative page'}        | ${'fleetPage'} | ${JSON.stringify({ v: 1, run: 'r1', page: -1 })}                                            | ${'page'}
    ${'fractional page'}      | ${'fleetPage'} | ${JSON.stringify({ v: 1, run: 'r1', page: 1.5 })}                                           | ${'page'}
    ${'run id with spaces'}   | ${'rerun'}     | ${JSON.stringify({ v: 1, run: 'a b' })}                                                     | ${'run: not a run id'}
    ${'17 subnets'}           | ${'preflight'} | ${JSON.stringify({ v: 1, ...samples.preflight, subnets: Array.from({ length: 17 }, (_, i) => `subnet-${String(i).padStart(8, '0')}`) })} | ${'subnets'}
    ${'no subnets'}           | ${'preflight'} | ${JSON.stringify({ v: 1, ...samples.preflight, subnets: [] })}                              | ${'subnets'}
    ${'6 SGs'}                | ${'preflight'} | ${JSON.stringify({ v: 1, ...samples.preflight, sgs: ['sg-00000001', 'sg-00000002', 'sg-00000003', 'sg-00000004', 'sg-00000005', 'sg-00000006'] })} | ${'sgs'}
    ${'bad subnet id'}        | ${'preflight'} | ${JSON.stringify({ v: 1, ...samples.preflight, subnets: ['subnet-XYZ'] })}                  | ${'not a subnet id'}
    ${'repeated subnet'}      | ${'preflight'} | ${JSON.stringify({ v: 1, ...samples.preflight, subnets: [SUBNET, SUBNET] })}                | ${'subnets repeat'}
    ${'sg id as subnet'}      | ${'preflight'} | ${JSON.stringify({ v: 1, ...samples.preflight, subnets: [SG] })}                            | ${'not a subnet id'}
    ${'instances 0'}          | ${'preflight'} | ${JSON.stringify({ v: 1, ...samples.preflight, instances: 0 })}                             | ${'instances'}
    ${'ice as string'}        | ${'preflight'} | ${JSON.stringify({ v: 1, ...samples.preflight, ice: 'true' })}                              | ${'ice'}
    ${'job value as page'}    | ${'fleetPage'} | ${valid}                                                                                    | ${'invalid fleetPage value'}
  `('refuses $name', ({ kind, raw, reason }) => {
    const decoded = decodeValue(kind as ValueKind, raw);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toContain(reason);
  });

  it('refuses to encode values that would not decode', () => {
    expect(encodeValue('fleetPage', { run: 'r', page: -1 }).ok).toBe(false);
    expect(encodeValue('preflight', { ...samples.preflight, subnets: [] }).ok).toBe(false);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.constantFrom<ValueKind>('job', 'fleetPage', 'fleetDetails', 'rerun', 'preflight'), fc.oneof(fc.string(), fc.json()), (kind, raw) => {
        const decoded = decodeValue(kind, raw);
        expect(typeof decoded.ok).toBe('boolean');
      }),
    );
  });
});
