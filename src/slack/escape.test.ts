import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { code, escapeMrkdwn, escapeWithin, truncate, truncateMrkdwn } from './escape.js';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const isLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('escapeMrkdwn', () => {
  it.each`
    input                      | expected
    ${'job <!channel>'}        | ${'job &lt;!channel&gt;'}
    ${'<@U123>'}               | ${'&lt;@U123&gt;'}
    ${'<http://x|y>'}          | ${'&lt;http://x|y&gt;'}
    ${'a & b'}                 | ${'a &amp; b'}
    ${'&lt;'}                  | ${'&amp;lt;'}
    ${'*bold* _it_ `code` "q"'} | ${'*bold* _it_ `code` "q"'}
  `('$input → $expected', ({ input, expected }) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('leaves no bracket and round-trips for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeMrkdwn(s);
        expect(out).not.toMatch(/[<>]/);
        expect(unescape(out)).toBe(s);
      }),
    );
  });
});

describe('truncate', () => {
  it.each`
    input        | max  | expected
    ${'abcdef'}  | ${4} | ${'abc…'}
    ${'abc'}     | ${3} | ${'abc'}
    ${'abc'}     | ${1} | ${'…'}
    ${'abc'}     | ${0} | ${''}
    ${'ab😀cd'}  | ${4} | ${'ab…'}
    ${'ab😀cd'}  | ${5} | ${'ab😀…'}
  `('truncate($input, $max) → $expected', ({ input, max, expected }) => {
    expect(truncate(input, max)).toBe(expected);
  });

  it('never exceeds max, never splits a surrogate pair, keeps a prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 0, max: 40 }), (s, max) => {
        const out = truncate(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(isLoneSurrogate(out)).toBe(false);
        if (out !== s && out.length > 0) expect(s.startsWith(out.slice(0, -1))).toBe(true);
      }),
    );
  });
});

describe('escapeWithin', () => {
  it('cuts before escaping so no entity is split', () => {
    expect(escapeWithin('a&b&c', 8)).toBe('a&amp;b…');
    expect(escapeWithin('<<<<', 6)).toBe('&lt;…');
  });

  it('fits max and contains only whole entities', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 60 }), (s, max) => {
        const out = escapeWithin(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[<>]/);
        expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        expect(isLoneSurrogate(out)).toBe(false);
      }),
    );
  });
});

describe('code', () => {
  it.each`
    input                 | expected
    ${'train-42'}         | ${'`train-42`'}
    ${'a`b'}              | ${"`a'b`"}
    ${'x<!here>'}         | ${'`x&lt;!here&gt;`'}
    ${'line\nbreak'}      | ${'`line break`'}
    ${''}                 | ${'_(empty)_'}
    ${'```'}              | ${"`'''`"}
  `('code($input) → $expected', ({ input, expected }) => {
    expect(code(input)).toBe(expected);
  });

  it('is always exactly one inline-code span within max', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => s.trim() !== '' && !/^[`\s]*$/.test(s.replace(/`/g, "'"))), fc.integer({ min: 3, max: 80 }), (s, max) => {
        const out = code(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.startsWith('`') && out.endsWith('`')).toBe(true);
        expect(out.slice(1, -1)).not.toMatch(/[`<>\n]/);
      }),
    );
  });
});

describe('truncateMrkdwn', () => {
  it.each`
    input                                  | max   | expected
    ${'abc &amp; def'}                     | ${7}  | ${'abc …'}
    ${'see <!date^1^{time}|10:00> now'}    | ${12} | ${'see …'}
    ${'run `sagemaker-vpc check` now'}     | ${12} | ${'run `sagem…`'}
    ${'short'}                             | ${10} | ${'short'}
  `('truncateMrkdwn($input, $max) → $expected', ({ input, max, expected }) => {
    expect(truncateMrkdwn(input, max)).toBe(expected);
  });

  it('keeps escaped text free of partial entities and within max', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 2, max: 50 }), (s, max) => {
        const out = truncateMrkdwn(escapeMrkdwn(s), max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
    );
  });
});
