/**
 * Small Block Kit builders shared by the views. Conventions that keep messages safe:
 * `mrkdwn()` takes text that is *already* escaped (build it with `escapeWithin`/`code`) and sets
 * `verbatim: true` so Slack does not auto-link or parse names in it; `plain()` takes raw text and is
 * never parsed. Times are ours (`Date`s passed in), never input.
 * @module
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  RichTextBlock,
  RichTextPreformatted,
  SectionBlock,
} from '@slack/types';
import type { AuditSummary, Severity, Status, Verdict } from '../../audit/model.js';
import { code, truncate, truncateMrkdwn } from '../escape.js';
import type { ActionId } from '../ids.js';
import { LIMITS } from '../limits.js';

export type { KnownBlock } from '@slack/types';

/** A chat message: top-level `text` (escaped mrkdwn, for notifications) and blocks. */
export interface MessageView {
  text: string;
  blocks: KnownBlock[];
}

export const VERDICT_EMOJI: Record<Verdict, string> = { pass: ':white_check_mark:', fail: ':x:', unknown: ':grey_question:' };
export const STATUS_EMOJI: Record<Status, string> = {
  pass: ':white_check_mark:',
  fail: ':x:',
  unknown: ':grey_question:',
  warn: ':warning:',
  skip: ':heavy_minus_sign:',
};
export const STATUS_ORDER: Record<Status, number> = { fail: 0, unknown: 1, warn: 2, pass: 3, skip: 4 };
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/** An mrkdwn text object from already-escaped text. */
export function mrkdwn(text: string, max: number = LIMITS.text): MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(text, max), verbatim: true };
}

/** A plain_text object from raw text (shortcodes like `:x:` render; nothing else is parsed). */
export function plain(text: string, max: number = LIMITS.text): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function section(text: string, accessory?: Button): SectionBlock {
  const block: SectionBlock = { type: 'section', text: mrkdwn(text) };
  if (accessory) block.accessory = accessory;
  return block;
}

/** Two-column fields from already-escaped mrkdwn. */
export function fields(items: readonly string[]): SectionBlock {
  return { type: 'section', fields: items.slice(0, LIMITS.fields).map((item) => mrkdwn(item, LIMITS.fieldText)) };
}

/** A context line; strings are escaped mrkdwn, objects are used as they are. */
export function context(...elements: Array<string | PlainTextElement | MrkdwnElement>): ContextBlock {
  return {
    type: 'context',
    elements: elements.slice(0, LIMITS.contextElements).map((e) => (typeof e === 'string' ? mrkdwn(e) : e)),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export interface ButtonSpec {
  text: string;
  actionId: ActionId | string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}

export function button(spec: ButtonSpec): Button {
  const out: Button = { type: 'button', text: plain(spec.text, LIMITS.buttonText), action_id: spec.actionId };
  if (spec.value !== undefined) out.value = spec.value;
  if (spec.url !== undefined) out.url = spec.url;
  if (spec.style) out.style = spec.style;
  return out;
}

/** An actions block, or nothing when every button was left out. */
export function actions(buttons: ReadonlyArray<Button | undefined>): ActionsBlock[] {
  const present = buttons.filter((b): b is Button => b !== undefined).slice(0, LIMITS.actionsElements);
  return present.length > 0 ? [{ type: 'actions', elements: present }] : [];
}

/** `rich_text_preformatted` with the `language` hint Slack documents but `@slack/types@3.2.0` lacks. */
export interface RichTextPreformattedWithLanguage extends RichTextPreformatted {
  language?: string;
}

/** A code block: rich text is literal, so snippets need no escaping and backticks cannot break out. */
export function preformatted(text: string, language?: string): RichTextBlock {
  const element: RichTextPreformattedWithLanguage = {
    type: 'rich_text_preformatted',
    elements: [{ type: 'text', text: truncate(text, LIMITS.richText) }],
  };
  if (language) element.language = language;
  return { type: 'rich_text', elements: [element] };
}

/** `2026-11-29 10:00 UTC`: for plain text and as the fallback of `<!date>`. */
export function utcLabel(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'an unknown time';
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Slack's localised date token from our own clock value (never from input), with a UTC fallback.
 * @example slackDate(new Date('2026-11-29T10:00:00Z')) // → '<!date^1795860000^{date_short_pretty} at {time}|2026-11-29 10:00 UTC>'
 */
export function slackDate(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return 'an unknown time';
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|${utcLabel(date)}>`;
}

/** Parses an ISO time we stored; an unparsable one renders as "an unknown time". */
export function parseTime(iso: string | undefined): Date {
  return new Date(iso ?? Number.NaN);
}

const NUMBER = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return NUMBER.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Compliance = pass / jobs, one decimal; `n/a` for an empty scope. */
export function compliancePct(summary: Pick<AuditSummary, 'jobs' | 'pass'>): number | undefined {
  if (summary.jobs <= 0) return undefined;
  return Math.round((summary.pass / summary.jobs) * 1000) / 10;
}

export function formatPct(pct: number | undefined): string {
  return pct === undefined ? 'n/a' : `${pct.toFixed(1)}%`;
}

/** The Jobs / Pass / Fail / Unknown tally as fields; `compliance` (already formatted) follows Jobs. */
export function summaryFields(summary: AuditSummary, compliance?: string): SectionBlock {
  return fields([
    `*Jobs*\n${count(summary.jobs)}`,
    ...(compliance === undefined ? [] : [`*Compliance* (pass / jobs)\n${compliance}`]),
    `*:white_check_mark: Pass*\n${count(summary.pass)}`,
    `*:x: Fail*\n${count(summary.fail)}`,
    `*:grey_question: Unknown*\n${count(summary.unknown)}`,
  ]);
}

/** `` `job` · `region` · `account` `` (the account only when known). */
export function jobRefLabel(ref: { job: string; region: string; account: string }): string {
  return `${code(ref.job, 140)} · ${code(ref.region, 30)}${ref.account ? ` · ${code(ref.account, 20)}` : ''}`;
}

/** Joins lines into one text of at most `max` characters, ending with "… and N more" when cut. */
export function joinWithin(lines: readonly string[], max: number = LIMITS.text, more = (n: number) => `… and ${count(n)} more`): string {
  const out: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const reserve = rest > 0 ? more(rest).length + 1 : 0;
    if (size + line.length + 1 + reserve > max) {
      out.push(more(lines.length - i));
      break;
    }
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n');
}

/** `1m 05s` from milliseconds. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}
