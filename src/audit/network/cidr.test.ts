import { describe, expect, it } from 'vitest';
import { covers, isWhollyPrivate, parseCidr, prefixLength } from './cidr.js';

describe('parseCidr', () => {
  it.each`
    cidr                          | family    | start                                      | end                                        | prefix
    ${'0.0.0.0/0'}                | ${'ipv4'} | ${0n}                                      | ${0xffffffffn}                             | ${0}
    ${'10.0.0.0/8'}               | ${'ipv4'} | ${0x0a000000n}                             | ${0x0affffffn}                             | ${8}
    ${'10.1.2.3/8'}               | ${'ipv4'} | ${0x0a000000n}                             | ${0x0affffffn}                             | ${8}
    ${'192.0.2.7'}                | ${'ipv4'} | ${0xc0000207n}                             | ${0xc0000207n}                             | ${32}
    ${' 128.0.0.0/1 '}            | ${'ipv4'} | ${0x80000000n}                             | ${0xffffffffn}                             | ${1}
    ${'::/0'}                     | ${'ipv6'} | ${0n}                                      | ${(1n << 128n) - 1n}                       | ${0}
    ${'2001:db8::/32'}            | ${'ipv6'} | ${0x20010db8n << 96n}                      | ${(0x20010db8n << 96n) + (1n << 96n) - 1n} | ${32}
    ${'FE80::/10'}                | ${'ipv6'} | ${0xfe80n << 112n}                         | ${(0xfebfn << 112n) | ((1n << 112n) - 1n)} | ${10}
    ${'::ffff:192.0.2.1/128'}     | ${'ipv6'} | ${(0xffffn << 32n) | 0xc0000201n}          | ${(0xffffn << 32n) | 0xc0000201n}          | ${128}
    ${'1:2:3:4:5:6:7:8/128'}      | ${'ipv6'} | ${0x00010002000300040005000600070008n}     | ${0x00010002000300040005000600070008n}     | ${128}
    ${'64:ff9b::/96'}             | ${'ipv6'} | ${0x0064ff9bn << 96n}                      | ${(0x0064ff9bn << 96n) + (1n << 32n) - 1n} | ${96}
  `('$cidr → $family $prefix', ({ cidr, family, start, end, prefix }) => {
    expect(parseCidr(cidr)).toEqual({ family, start, end, prefixLength: prefix });
  });

  it.each([
    '',
    'not-a-cidr',
    '10.0.0.0/33',
    '256.0.0.0/8',
    '10.0.0/8',
    '10.0.0.0/8/1',
    '10.0.0.0/-1',
    '10.0.0.0/',
    '::/129',
    '1:2:3:4:5:6:7:8:9/128',
    '1::2::3/64',
    'gggg::/16',
    '12345::/16',
    '1:2:3:4:5:6:7::8/128',
    '::ffff:300.0.0.1/128',
    'pl-12345678',
  ])('%j cannot be parsed', (cidr) => {
    expect(parseCidr(cidr)).toBeUndefined();
    expect(prefixLength(cidr)).toBeUndefined();
    expect(isWhollyPrivate(cidr)).toBeUndefined();
  });
});

describe('isWhollyPrivate', () => {
  it.each`
    cidr                  | expected
    ${'10.0.0.0/8'}       | ${true}
    ${'10.20.30.0/24'}    | ${true}
    ${'172.16.0.0/12'}    | ${true}
    ${'172.31.255.0/24'}  | ${true}
    ${'172.32.0.0/16'}    | ${false}
    ${'192.168.0.0/16'}   | ${true}
    ${'100.64.0.0/10'}    | ${true}
    ${'100.128.0.0/10'}   | ${false}
    ${'169.254.169.254'}  | ${true}
    ${'10.0.0.0/7'}       | ${false}
    ${'11.0.0.0/8'}       | ${false}
    ${'0.0.0.0/0'}        | ${false}
    ${'0.0.0.0/1'}        | ${false}
    ${'128.0.0.0/1'}      | ${false}
    ${'203.0.113.0/24'}   | ${false}
    ${'fc00::/7'}         | ${true}
    ${'fd12:3456::/48'}   | ${true}
    ${'fe80::/10'}        | ${true}
    ${'fc00::/6'}         | ${false}
    ${'::/0'}             | ${false}
    ${'2001:db8::/32'}    | ${false}
  `('$cidr → $expected', ({ cidr, expected }) => {
    expect(isWhollyPrivate(cidr)).toBe(expected);
  });
});

describe('covers', () => {
  it.each`
    outer               | inner               | expected
    ${'0.0.0.0/0'}      | ${'10.0.1.0/24'}    | ${true}
    ${'10.0.0.0/16'}    | ${'10.0.1.0/24'}    | ${true}
    ${'10.0.1.0/24'}    | ${'10.0.1.0/24'}    | ${true}
    ${'10.0.1.0/24'}    | ${'10.0.0.0/16'}    | ${false}
    ${'10.0.0.0/16'}    | ${'10.1.0.0/24'}    | ${false}
    ${'::/0'}           | ${'10.0.0.0/8'}     | ${false}
    ${'2001:db8::/32'}  | ${'2001:db8:1::/48'} | ${true}
    ${'garbage'}        | ${'10.0.0.0/8'}     | ${undefined}
    ${'10.0.0.0/8'}     | ${'garbage'}        | ${undefined}
  `('$outer ⊇ $inner → $expected', ({ outer, inner, expected }) => {
    expect(covers(outer, inner)).toBe(expected);
  });
});
