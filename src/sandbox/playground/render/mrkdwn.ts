/**
 * Slack mrkdwn → inline tokens, the way Slack reads it (slack-reference.md §10): code blocks and
 * inline code first (literal), then `<…>` control sequences (links, user/channel mentions,
 * `<!here>`, `<!date^…>`), then emoji shortcodes and `*bold*` `_italic_` `~strike~` at word
 * boundaries. The entities `&amp;` `&lt;` `&gt;` are decoded only *after* control sequences were
 * found, so an escaped `&lt;!channel&gt;` stays the text "<!channel>", never a mention.
 *
 * The output is data, not markup: every string ends up in a text node.
 * @module
 */
import { emojiFor } from './emoji.js';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'pre'; text: string }
  | { kind: 'link'; url: string; label: string }
  | { kind: 'user'; id: string; label?: string }
  | { kind: 'channel'; id: string; label?: string }
  | { kind: 'usergroup'; id: string; label?: string }
  | { kind: 'broadcast'; name: string }
  | { kind: 'date'; timestamp: number; format: string; fallback: string; link?: string }
  | { kind: 'emoji'; name: string; emoji: string };

/**
 * Decodes the three entities Slack escapes, in one pass (`&amp;lt;` is the text `&lt;`).
 * @example decodeEntities('a &lt;b&gt; &amp; c') // → 'a <b> & c'
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** Placeholders for extracted tokens: private-use characters, one per token. */
const BASE = 0xe000;
const LAST = 0xf8ff;
const PLACEHOLDER = /[\ue000-\uf8ff]/;

function label(raw: string | undefined): string | undefined {
  return raw === undefined || raw === '' ? undefined : decodeEntities(raw);
}

/** One `<…>` control sequence, or `undefined` when Slack would show it as text. */
export function controlSequence(body: string): Inline | undefined {
  const [target = '', ...rest] = body.split('|');
  const text = label(rest.join('|'));
  let m: RegExpMatchArray | null;
  if ((m = /^@([UW][A-Z0-9]+)$/.exec(target))) return { kind: 'user', id: m[1] ?? '', ...(text ? { label: text } : {}) };
  if ((m = /^#([CGD][A-Z0-9]+)$/.exec(target))) return { kind: 'channel', id: m[1] ?? '', ...(text ? { label: text } : {}) };
  if ((m = /^!(here|channel|everyone)$/.exec(target))) return { kind: 'broadcast', name: m[1] ?? '' };
  if ((m = /^!subteam\^([A-Z0-9]+)$/.exec(target))) return { kind: 'usergroup', id: m[1] ?? '', ...(text ? { label: text } : {}) };
  if ((m = /^!date\^(\d{1,12})\^([^^]*)(?:\^(.*))?$/.exec(target))) {
    const link = m[3] ? decodeEntities(m[3]) : undefined;
    return { kind: 'date', timestamp: Number(m[1]), format: m[2] ?? '', fallback: text ?? '', ...(link ? { link } : {}) };
  }
  if (target.startsWith('!')) return text ? { kind: 'text', text } : undefined;
  if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(target)) {
    const url = decodeEntities(target);
    return { kind: 'link', url, label: text ?? url };
  }
  return undefined;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

const MARKS: Record<string, 'bold' | 'italic' | 'strike'> = { '*': 'bold', _: 'italic', '~': 'strike' };

/** Slack opens emphasis after a non-word character and before a non-space, and closes it symmetrically. */
function closingIndex(s: string, open: number): number {
  const mark = s[open];
  const next = s[open + 1];
  if (isWordChar(s[open - 1]) || next === undefined || /\s/.test(next) || next === mark) return -1;
  for (let j = open + 2; j < s.length; j += 1) {
    if (s[j] === '\n') return -1;
    if (s[j] === mark && !/\s/.test(s[j - 1] ?? ' ') && !isWordChar(s[j + 1])) return j;
  }
  return -1;
}

function emphasis(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? '';
    const kind = MARKS[ch];
    const close = kind ? closingIndex(s, i) : -1;
    if (kind && close > 0) {
      if (text) out.push({ kind: 'text', text });
      text = '';
      out.push({ kind, children: emphasis(s.slice(i + 1, close)) });
      i = close + 1;
      continue;
    }
    text += ch;
    i += 1;
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

/** Puts the extracted tokens back in place of their placeholders and decodes entities in plain text. */
function expand(nodes: Inline[], tokens: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    if (node.kind === 'bold' || node.kind === 'italic' || node.kind === 'strike') {
      out.push({ kind: node.kind, children: expand(node.children, tokens) });
      continue;
    }
    if (node.kind !== 'text') {
      out.push(node);
      continue;
    }
    for (const piece of node.text.split(/([\ue000-\uf8ff])/)) {
      if (piece === '') continue;
      const token = PLACEHOLDER.test(piece) ? tokens[piece.charCodeAt(0) - BASE] : undefined;
      out.push(token ?? { kind: 'text', text: decodeEntities(piece) });
    }
  }
  return out;
}

/**
 * Parses mrkdwn into inline tokens.
 * @example parseMrkdwn('*hi* <@U0ALICE>') // → [{ kind: 'bold', … }, { kind: 'text', text: ' ' }, { kind: 'user', id: 'U0ALICE' }]
 */
export function parseMrkdwn(source: string): Inline[] {
  const tokens: Inline[] = [];
  const hold = (token: Inline, whole: string): string => {
    if (BASE + tokens.length > LAST) return whole;
    tokens.push(token);
    return String.fromCharCode(BASE + tokens.length - 1);
  };
  // Input characters in the placeholder range would be mistaken for tokens.
  let s = source.replace(/[\ue000-\uf8ff]/g, '\ufffd');
  s = s.replace(/```([\s\S]*?)```/g, (whole, body: string) => hold({ kind: 'pre', text: decodeEntities(body.replace(/^\n/, '').replace(/\n$/, '')) }, whole));
  s = s.replace(/`([^`\n]+)`/g, (whole, body: string) => hold({ kind: 'code', text: decodeEntities(body) }, whole));
  s = s.replace(/<([^<>\n]+)>/g, (whole, body: string) => {
    const token = controlSequence(body);
    return token ? hold(token, whole) : whole;
  });
  s = s.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => {
    const emoji = emojiFor(name);
    return emoji === undefined ? whole : hold({ kind: 'emoji', name, emoji }, whole);
  });
  return expand(emphasis(s), tokens);
}
