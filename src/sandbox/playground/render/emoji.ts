/**
 * The emoji shortcodes the bot's views use (emoji-map.test.ts keeps this in step with
 * `src/slack/views`) plus a few common ones. Unknown shortcodes stay as their `:name:` text, as
 * Slack shows them when no such emoji exists.
 * @module
 */

export const EMOJI: Readonly<Record<string, string>> = {
  arrow_right: '➡️',
  arrows_counterclockwise: '🔄',
  bar_chart: '📊',
  bell: '🔔',
  boom: '💥',
  broom: '🧹',
  calendar: '📆',
  card_file_box: '🗃️',
  chart_with_downwards_trend: '📉',
  chart_with_upwards_trend: '📈',
  clipboard: '📋',
  cloud: '☁️',
  eyes: '👀',
  fire: '🔥',
  gear: '⚙️',
  grey_question: '❔',
  hammer_and_wrench: '🛠️',
  heavy_check_mark: '✔️',
  heavy_minus_sign: '➖',
  heavy_plus_sign: '➕',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  information_source: 'ℹ️',
  key: '🔑',
  large_green_circle: '🟢',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  link: '🔗',
  lock: '🔒',
  mag: '🔍',
  memo: '📝',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  page_facing_up: '📄',
  red_circle: '🔴',
  robot_face: '🤖',
  rocket: '🚀',
  shield: '🛡️',
  snail: '🐌',
  sparkles: '✨',
  stopwatch: '⏱️',
  tada: '🎉',
  thumbsup: '👍',
  warning: '⚠️',
  white_check_mark: '✅',
  white_circle: '⚪',
  wrench: '🔧',
  x: '❌',
  zipper_mouth_face: '🤐',
};

/** The emoji for a shortcode name (without colons), if known. */
export function emojiFor(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(EMOJI, name) ? EMOJI[name] : undefined;
}

export type EmojiPart = string | { emoji: string; name: string };

/**
 * Splits text into plain strings and known emoji, for `plain_text` with `emoji: true`.
 * @example splitEmoji('ok :x:') // → ['ok ', { emoji: '❌', name: 'x' }]
 */
export function splitEmoji(text: string): EmojiPart[] {
  const parts: EmojiPart[] = [];
  let last = 0;
  for (const match of text.matchAll(/:([a-z0-9_+-]+):/g)) {
    const name = match[1] ?? '';
    const emoji = emojiFor(name);
    if (emoji === undefined) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ emoji, name });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
