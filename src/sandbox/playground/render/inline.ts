/**
 * Inline tokens and Block Kit text objects → view nodes: mrkdwn is parsed (mrkdwn.ts), plain_text
 * is literal except for emoji shortcodes when `emoji` is on. Names for user and channel mentions
 * come from the render context (the sandbox's users and channels).
 * @module
 */
import { splitEmoji } from './emoji.js';
import { parseMrkdwn, type Inline } from './mrkdwn.js';
import { formatSlackDate } from './slack-date.js';
import { h, safeUrl, type VNode } from './vnode.js';

export interface RenderContext {
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
  /** Formats `<!date>` tokens; the fallback text when omitted (deterministic in tests). */
  formatDate?(epochSeconds: number, format: string, fallback: string): string;
}

/** A context that knows nobody and prints date fallbacks. */
export const EMPTY_CONTEXT: RenderContext = { userName: () => undefined, channelName: () => undefined };

/** A context for the browser: the given names and dates in the reader's zone. */
export function createRenderContext(users: Record<string, string>, channels: Record<string, string>, now?: () => number): RenderContext {
  const own = (map: Record<string, string>, key: string) => (Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined);
  return {
    userName: (id) => own(users, id),
    channelName: (id) => own(channels, id),
    formatDate: (ts, format, fallback) => formatSlackDate(ts, format, fallback, now ? { now: now() } : {}),
  };
}

export function emojiNode(name: string, emoji: string): VNode {
  return h('span', { class: 'emoji', role: 'img', 'aria-label': name.replace(/_/g, ' '), title: `:${name}:` }, [emoji]);
}

export function mentionNode(kind: 'user' | 'channel' | 'usergroup' | 'broadcast', text: string): VNode {
  return h('span', { class: `mention mention-${kind}` }, [text]);
}

export function dateNode(timestamp: number, format: string, fallback: string, ctx: RenderContext, link?: string): VNode {
  const shown = ctx.formatDate ? ctx.formatDate(timestamp, format, fallback) : fallback;
  const iso = Number.isFinite(timestamp * 1000) ? new Date(timestamp * 1000).toISOString() : undefined;
  const time = h('time', { datetime: iso, title: fallback || undefined }, [shown]);
  const href = link ? safeUrl(link) : undefined;
  return href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, [time]) : time;
}

export function linkNode(url: string, label: string): VNode {
  const href = safeUrl(url);
  // An unsafe target (javascript:, data:, …) shows its label as text: nothing to click.
  return href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, [label]) : label;
}

function inlineNode(token: Inline, ctx: RenderContext): VNode {
  switch (token.kind) {
    case 'text':
      return token.text;
    case 'bold':
      return h('strong', {}, renderInlines(token.children, ctx));
    case 'italic':
      return h('em', {}, renderInlines(token.children, ctx));
    case 'strike':
      return h('s', {}, renderInlines(token.children, ctx));
    case 'code':
      return h('code', { class: 'inline-code' }, [token.text]);
    case 'pre':
      return h('pre', { class: 'code-block' }, [token.text]);
    case 'link':
      return linkNode(token.url, token.label);
    case 'user':
      return mentionNode('user', `@${token.label ?? ctx.userName(token.id) ?? token.id}`);
    case 'channel':
      return mentionNode('channel', `#${token.label ?? ctx.channelName(token.id) ?? token.id}`);
    case 'usergroup':
      return mentionNode('usergroup', token.label ?? `@${token.id}`);
    case 'broadcast':
      return mentionNode('broadcast', `@${token.name}`);
    case 'date':
      return dateNode(token.timestamp, token.format, token.fallback, ctx, token.link);
    case 'emoji':
      return emojiNode(token.name, token.emoji);
  }
}

export function renderInlines(tokens: Inline[], ctx: RenderContext): VNode[] {
  return tokens.map((token) => inlineNode(token, ctx));
}

export function renderMrkdwn(text: string, ctx: RenderContext): VNode[] {
  return renderInlines(parseMrkdwn(text), ctx);
}

/** plain_text: never parsed; shortcodes become emoji only when `emoji` is not false. */
export function renderPlain(text: string, emoji = true): VNode[] {
  if (!emoji) return [text];
  return splitEmoji(text).map((part) => (typeof part === 'string' ? part : emojiNode(part.name, part.emoji)));
}

/** A Block Kit text object (`mrkdwn` or `plain_text`) from untrusted JSON; anything else renders nothing. */
export function renderTextObject(value: unknown, ctx: RenderContext): VNode[] {
  if (typeof value !== 'object' || value === null) return [];
  const { type, text, emoji } = value as { type?: unknown; text?: unknown; emoji?: unknown };
  if (typeof text !== 'string') return [];
  return type === 'mrkdwn' ? renderMrkdwn(text, ctx) : renderPlain(text, emoji !== false);
}

/** The raw text of a plain_text object (modal titles, button labels for aria). */
export function plainTextOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const text = (value as { text?: unknown }).text;
  return typeof text === 'string' ? text : '';
}
