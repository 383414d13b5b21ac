import { describe, expect, it } from 'vitest';
import {
  digestMessage,
  fleetReportMessage,
  helpMessage,
  homeView,
  jobReportMessage,
  remediationModal,
  usageMessage,
} from '../../../slack/views/index.js';
import { buildReport, digestView, fleetView, NOW, passingReport, testRules } from '../../../slack/views/testing/fixtures.js';
import { renderBlocks, renderMessageContent, renderView } from './blocks.js';
import { EMPTY_CONTEXT, type RenderContext } from './inline.js';
import { elementsOf, textOf, toHtml, type VElement, type VNode } from './vnode.js';

const ctx: RenderContext = { ...EMPTY_CONTEXT, userName: (id) => (id === 'U0ALICE' ? 'alice' : undefined) };

function unsupported(nodes: VNode[]): VElement[] {
  return elementsOf(nodes).filter((e) => e.attrs['class'] === 'unsupported');
}

function clickables(nodes: VNode[]): VElement[] {
  return elementsOf(nodes).filter((e) => e.attrs['data-action-id'] !== undefined);
}

describe('renderMessageContent with the bot’s own views', () => {
  it.each([
    ['failing job report', jobReportMessage(buildReport(), { rules: testRules })],
    ['rechecked job report', jobReportMessage(passingReport(), { rules: testRules, recheck: { by: 'U0ALICE', at: NOW, previousVerdict: 'fail' } })],
    ['fleet report', fleetReportMessage(fleetView(), 0)],
    ['digest', digestMessage(digestView())],
    ['usage answer', usageMessage({ error: 'unknown command "chekc"', input: '/sagemaker-vpc chekc' })],
    ['help', helpMessage()],
  ])('renders every block of the %s', (_name, message) => {
    const nodes = renderMessageContent(message, ctx);
    expect(unsupported(nodes)).toEqual([]);
    expect(nodes).toHaveLength(message.blocks.length);
  });

  it('gives every button its action id and block index, and url buttons a safe link', () => {
    const message = jobReportMessage(buildReport(), { rules: testRules });
    const buttons = clickables(renderMessageContent(message, ctx));
    expect(buttons.map((b) => [b.tag, b.attrs['data-action-id'], textOf(b)])).toEqual([
      ['button', 'recheck_job', 'Recheck'],
      ['button', 'show_remediation', 'Show remediation'],
      ['a', 'open_console', 'Open in AWS console'],
    ]);
    const index = message.blocks.findIndex((b) => b.type === 'actions');
    expect(buttons.every((b) => b.attrs['data-block-index'] === String(index))).toBe(true);
    expect(buttons[2]?.attrs).toMatchObject({ href: expect.stringMatching(/^https:\/\/us-east-1\.console\.aws\.amazon\.com\//), target: '_blank', rel: 'noopener noreferrer' });
  });

  it('shows the recheck line with the clicking user and the verdict change', () => {
    const message = jobReportMessage(passingReport(), { rules: testRules, recheck: { by: 'U0ALICE', at: NOW, previousVerdict: 'fail' } });
    expect(textOf(renderMessageContent(message, ctx))).toContain('Rechecked by @alice');
    expect(textOf(renderMessageContent(message, ctx))).toContain('was FAIL, now PASS');
  });

  it('renders a hostile job name from a report as text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const html = toHtml(renderMessageContent(jobReportMessage(buildReport({ name }), { rules: testRules }), ctx));
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('falls back to the top-level text as mrkdwn when there are no blocks', () => {
    expect(toHtml(renderMessageContent({ text: '*hi* &lt;there&gt;' }, ctx))).toBe('<div class="message-text"><strong>hi</strong> &lt;there&gt;</div>');
  });

  it('renders legacy attachments with a validated colour', () => {
    const [, attachment] = renderMessageContent({ text: 'x', attachments: [{ color: '#36a64f', text: 'ok' }, { color: 'red;x:y', text: 'no' }] }, ctx) as VElement[];
    expect(attachment?.attrs).toEqual({ class: 'attachment', 'data-color': '#36a64f' });
  });
});

describe('renderBlocks', () => {
  it('renders rich_text code blocks with a copy button and literal text', () => {
    const code = 'aws ec2 revoke-security-group-ingress --group-id sg-1 *not bold* &lt; <@U0ALICE>';
    const nodes = renderBlocks([{ type: 'rich_text', elements: [{ type: 'rich_text_preformatted', language: 'bash', elements: [{ type: 'text', text: code }] }] }], ctx);
    const pre = elementsOf(nodes).find((e) => e.tag === 'pre');
    expect(pre).toMatchObject({ attrs: { 'data-language': 'bash' }, children: [code] });
    expect(elementsOf(nodes).find((e) => e.tag === 'button')?.attrs).toMatchObject({ 'data-copy': 'code', 'aria-label': 'Copy code' });
  });

  it.each([
    ['bold', { bold: true }, '<strong>x</strong>'],
    ['code', { code: true }, '<code class="inline-code">x</code>'],
    ['bold italic strike', { bold: true, italic: true, strike: true }, '<strong><em><s>x</s></em></strong>'],
  ])('applies rich text style %s', (_name, style, expected) => {
    const nodes = renderBlocks([{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'x', style }] }] }], ctx);
    expect(toHtml(nodes)).toContain(expected);
  });

  it.each([
    ['button styles', [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, action_id: 'a', style: 'primary' }, { type: 'button', text: { type: 'plain_text', text: 'Stop' }, action_id: 'b', style: 'danger' }] }], ['btn btn-primary', 'btn btn-danger']],
    ['section accessory', [{ type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: { type: 'button', text: { type: 'plain_text', text: 'Details' }, action_id: 'fleet_details' } }], ['btn']],
    ['a javascript: url button stays a button', [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x' }, action_id: 'a', url: 'javascript:alert(1)' }] }], ['btn']],
  ])('%s', (_name, blocks, classes) => {
    const buttons = clickables(renderBlocks(blocks, ctx));
    expect(buttons.map((b) => b.attrs['class'])).toEqual(classes);
    expect(buttons.every((b) => b.tag === 'button' || b.attrs['href']?.startsWith('https://'))).toBe(true);
  });

  it('says so for blocks and elements it does not know, and survives junk', () => {
    const nodes = renderBlocks([{ type: 'video' }, null, 42, { type: 'actions', elements: [{ type: 'overflow' }] }], ctx);
    expect(textOf(nodes)).toBe('[unsupported block: video][unsupported block: unknown][unsupported block: unknown][unsupported element: overflow]');
    expect(renderBlocks('not an array', ctx)).toEqual([]);
  });

  it('keeps plain_text literal and only turns shortcodes into emoji', () => {
    const html = toHtml(renderBlocks([{ type: 'header', text: { type: 'plain_text', text: ':x: FAIL — *a* &lt;b&gt;', emoji: true } }], ctx));
    expect(html).toContain('❌</span> FAIL — *a* &amp;lt;b&amp;gt;');
  });
});

describe('renderView', () => {
  it('renders the remediation modal: title, close and the revoke command in a code block', () => {
    const parts = renderView(remediationModal(buildReport(), { rules: testRules }), ctx);
    expect(parts).toMatchObject({ title: 'Remediation', close: 'Close' });
    expect(unsupported(parts.body)).toEqual([]);
    expect(elementsOf(parts.body).some((e) => e.tag === 'pre')).toBe(true);
  });

  it('renders the App Home', () => {
    const view = homeView({ recentChecks: [{ job: 'train-42', region: 'us-east-1', verdict: 'fail', at: NOW }] });
    const parts = renderView(view, ctx);
    expect(unsupported(parts.body)).toEqual([]);
    expect(textOf(parts.body)).toContain('train-42');
  });
});
