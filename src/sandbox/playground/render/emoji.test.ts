import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMOJI, splitEmoji } from './emoji.js';

const VIEWS = fileURLToPath(new URL('../../../slack/views/', import.meta.url));

/** Every `:shortcode:` in the bot's views (times such as `10:00:00` are not shortcodes). */
function shortcodesInViews(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(VIEWS).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    for (const match of readFileSync(`${VIEWS}${file}`, 'utf8').matchAll(/:([a-z_]+):/g)) names.add(match[1] ?? '');
  }
  return [...names].sort();
}

describe('EMOJI', () => {
  it('knows every shortcode the bot’s views use', () => {
    const used = shortcodesInViews();
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name) => EMOJI[name] === undefined)).toEqual([]);
  });
});

describe('splitEmoji', () => {
  it.each([
    ['ok :x:', ['ok ', { emoji: '❌', name: 'x' }]],
    [':unknown: and 10:00:00', [':unknown: and 10:00:00']],
    [':tada::tada:', [{ emoji: '🎉', name: 'tada' }, { emoji: '🎉', name: 'tada' }]],
    ['', []],
  ])('%j', (input, expected) => {
    expect(splitEmoji(input)).toEqual(expected);
  });
});
