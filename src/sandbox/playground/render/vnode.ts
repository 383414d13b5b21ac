/**
 * A tiny DOM-free view tree for the playground renderer. Renderers build `VNode`s; the page turns
 * them into DOM nodes with `createElement` / `createTextNode` only, so a string from a message can
 * never become markup. Tags and attributes are allow-listed here and again in the page, and links
 * keep only http(s)/mailto targets. `toHtml` is an escaping serializer for tests and debugging.
 *
 * Runs in the browser too: no Node imports (bundle.ts ships this folder to the page).
 * @module
 */

export const TAGS = [
  'div', 'span', 'p', 'strong', 'em', 's', 'code', 'pre', 'a', 'button', 'ul', 'ol', 'li',
  'blockquote', 'h3', 'time', 'hr',
] as const;
export type Tag = (typeof TAGS)[number];

export interface VElement {
  tag: Tag;
  attrs: Record<string, string>;
  children: VNode[];
}

/** A string is a text node: it is only ever rendered as text. */
export type VNode = string | VElement;

const PLAIN_ATTRS = new Set(['class', 'href', 'target', 'rel', 'title', 'role', 'type', 'datetime', 'tabindex']);
const PATTERN_ATTRS = /^(data-[a-z][a-z-]*|aria-[a-z]+)$/;

/** Whether the page may set this attribute (event handlers, `style`, `src`… never). */
export function isAllowedAttribute(name: string): boolean {
  return PLAIN_ATTRS.has(name) || PATTERN_ATTRS.test(name);
}

export function isAllowedTag(tag: string): tag is Tag {
  return (TAGS as readonly string[]).includes(tag);
}

/**
 * The URL if it is safe to follow from the page (http, https, mailto), else `undefined` — so a
 * `javascript:` or `data:` link in a message renders as its label, not as a link.
 * @example safeUrl('https://example.com/x') // → 'https://example.com/x'
 */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)[^\s]*$/i.test(trimmed) ? trimmed : undefined;
}

/** Builds an element; `undefined` attributes are left out. Throws on a tag or attribute outside the allow-list (a renderer bug). */
export function h(tag: Tag, attrs: Record<string, string | undefined> = {}, children: VNode[] = []): VElement {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (!isAllowedAttribute(name)) throw new Error(`attribute ${name} is not allowed`);
    if (name === 'href' && safeUrl(value) === undefined) throw new Error('unsafe href');
    clean[name] = value;
  }
  return { tag, attrs: clean, children: children.filter((c) => c !== '') };
}

/** The text a person would read (used by tests and for copy buttons). */
export function textOf(node: VNode | VNode[]): string {
  if (Array.isArray(node)) return node.map(textOf).join('');
  return typeof node === 'string' ? node : textOf(node.children);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Escaping HTML serializer: every text and attribute value is escaped. */
export function toHtml(node: VNode | VNode[]): string {
  if (Array.isArray(node)) return node.map(toHtml).join('');
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  if (node.tag === 'hr') return `<hr${attrs}>`;
  return `<${node.tag}${attrs}>${toHtml(node.children)}</${node.tag}>`;
}

/** Every element in the tree, depth first (for tests). */
export function elementsOf(node: VNode | VNode[]): VElement[] {
  if (Array.isArray(node)) return node.flatMap(elementsOf);
  return typeof node === 'string' ? [] : [node, ...elementsOf(node.children)];
}
