/**
 * mrkdwn escaping for untrusted strings (slack-reference.md §10). Slack parses `<…>` in mrkdwn
 * text objects and in a message's top-level `text`: `<!channel>`, `<@U…>`, `<http://x|label>`,
 * `<!date^…>`. Escaping `&`, `<` and `>` — and only those, as Slack asks — neutralises every one of
 * them. Truncation happens on the raw string (or entity-aware), so an entity is never cut in half.
 * @module
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ELLIPSIS = '…';

/**
 * Escapes `&`, `<`, `>` for mrkdwn.
 * @example escapeMrkdwn('job <!channel>') // → 'job &lt;!channel&gt;'
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (ch) => ENTITIES[ch] ?? ch);
}

/**
 * Shortens `text` to at most `max` UTF-16 units, ending with `…` when cut. Never splits a surrogate
 * pair (an emoji stays whole or goes). Counting UTF-16 units is conservative: Slack counts characters.
 * @example truncate('abcdef', 4) // → 'abc…'
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  // A high surrogate at the end would be half a character.
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + ELLIPSIS;
}

/**
 * Escapes `text` and shortens it so that the *escaped* result fits in `max`: the raw string is cut
 * (by whole code points) before escaping, so no entity is ever split.
 * @example escapeWithin('a&b&c', 8) // → 'a&amp;b…'
 */
export function escapeWithin(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  if (max <= 0) return '';
  let out = '';
  for (const ch of text) {
    const piece = ENTITIES[ch] ?? ch;
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/**
 * Wraps an untrusted identifier in inline code: backticks (which would close the span) become `'`,
 * line breaks become spaces (inline code cannot span lines), then the text is escaped. Inside inline
 * code Slack applies no other formatting, so `*`, `_` and `~` in names stay literal.
 * `max` bounds the whole result, backticks included.
 * @example code('train`<!here>') // → "`train'&lt;!here&gt;`"
 */
export function code(text: string, max = 3000): string {
  const flat = text.replace(/`/g, "'").replace(/[\r\n\t]+/g, ' ');
  if (flat.trim() === '') return '_(empty)_';
  return `\`${escapeWithin(flat, Math.max(1, max - 2))}\``;
}

/**
 * Shortens text that is *already* mrkdwn (escaped input plus our own markup) without breaking it:
 * never inside an `&…;` entity or a `<…>` sequence, and an inline-code span left open by the cut is
 * closed again.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return truncate(text, max);
  const first = cutMrkdwn(text, max - 1);
  if (!first.openCode) return `${first.kept}${ELLIPSIS}`;
  // Needs a closing backtick: one character less (which may itself remove the opening one).
  const second = cutMrkdwn(text, max - 2);
  return `${second.kept}${ELLIPSIS}${second.openCode ? '`' : ''}`;
}

function cutMrkdwn(text: string, length: number): { kept: string; openCode: boolean } {
  let cut = Math.max(0, length);
  const unit = text.charCodeAt(cut - 1);
  if (unit >= 0xd800 && unit <= 0xdbff) cut -= 1;
  let kept = text.slice(0, cut);
  const amp = kept.lastIndexOf('&');
  if (amp >= 0 && !kept.slice(amp).includes(';') && cut - amp < 8) kept = kept.slice(0, amp);
  const open = kept.lastIndexOf('<');
  if (open >= 0 && !kept.slice(open).includes('>')) kept = kept.slice(0, open);
  return { kept, openCode: (kept.match(/`/g) ?? []).length % 2 === 1 };
}
