import { describe, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../../slack/escape.js';
import { EMPTY_CONTEXT, renderMrkdwn, type RenderContext } from './inline.js';
import { decodeEntities, parseMrkdwn } from './mrkdwn.js';
import { elementsOf, textOf, toHtml } from './vnode.js';

const ctx: RenderContext = {
  userName: (id) => ({ U0ALICE: 'alice', U0BOB: 'bob' })[id],
  channelName: (id) => ({ C0GENERAL: 'general' })[id],
};

function html(text: string): string {
  return toHtml(renderMrkdwn(text, ctx));
}

describe('decodeEntities', () => {
  it.each([
    ['a &lt;b&gt; &amp; c', 'a <b> & c'],
    ['&amp;lt;', '&lt;'],
    ['&quot; &nbsp; stay', '&quot; &nbsp; stay'],
  ])('%s → %s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('renderMrkdwn', () => {
  it.each([
    ['bold', '*FAIL* now', '<strong>FAIL</strong> now'],
    ['italic', '_control_ rule', '<em>control</em> rule'],
    ['strike', '~old~', '<s>old</s>'],
    ['nested', '*bold _and italic_*', '<strong>bold <em>and italic</em></strong>'],
    ['no emphasis inside words', 'snake_case_name and 2*3*4', 'snake_case_name and 2*3*4'],
    ['no emphasis across lines', '*open\nclose*', '*open\nclose*'],
    ['no emphasis with inner spaces', '* not bold *', '* not bold *'],
    ['inline code is literal', '`*not bold* <@U0ALICE>`', '<code class="inline-code">*not bold* &lt;@U0ALICE&gt;</code>'],
    ['code decodes entities', '`job &lt;b&gt;`', '<code class="inline-code">job &lt;b&gt;</code>'],
    ['code block', '```\naws ec2 x --y\n```', '<pre class="code-block">aws ec2 x --y</pre>'],
    ['link with label', '<https://example.com/a?b=1&amp;c=2|the docs>', '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>'],
    ['bare link', '<https://example.com>', '<a href="https://example.com" target="_blank" rel="noopener noreferrer">https://example.com</a>'],
    ['unsafe link shows its label', '<javascript:alert(1)|click>', 'click'],
    ['user mention', 'by <@U0ALICE>', 'by <span class="mention mention-user">@alice</span>'],
    ['unknown user keeps the id', '<@U0NOBODY>', '<span class="mention mention-user">@U0NOBODY</span>'],
    ['user mention with label', '<@U0BOB|robert>', '<span class="mention mention-user">@robert</span>'],
    ['channel mention', 'in <#C0GENERAL>', 'in <span class="mention mention-channel">#general</span>'],
    ['broadcast', '<!here> hi', '<span class="mention mention-broadcast">@here</span> hi'],
    ['date uses the fallback without a formatter', '<!date^1795946400^{date_short_pretty} at {time}|2026-11-29 10:00 UTC>', '<time datetime="2026-11-29T10:00:00.000Z" title="2026-11-29 10:00 UTC">2026-11-29 10:00 UTC</time>'],
    ['emoji', ':x: FAIL :white_check_mark:', '<span class="emoji" role="img" aria-label="x" title=":x:">❌</span> FAIL <span class="emoji" role="img" aria-label="white check mark" title=":white_check_mark:">✅</span>'],
    ['unknown shortcode stays text', 'at 10:00:00 :not_an_emoji:', 'at 10:00:00 :not_an_emoji:'],
    ['entities are text', 'a &amp; b &lt; c &gt; d', 'a &amp; b &lt; c &gt; d'],
    ['an unescaped < that is no control sequence stays text', 'a < b > c', 'a &lt; b &gt; c'],
  ])('%s', (_name, input, expected) => {
    expect(html(input)).toBe(expected);
  });

  it.each([
    ['an escaped channel broadcast', 'job <!channel>'],
    ['an escaped mention', 'job <@U0ALICE>'],
    ['an escaped link', 'job <https://evil.example|innocent>'],
    ['an escaped date', 'job <!date^1^{date}|x>'],
  ])('never turns %s back into a control sequence', (_name, raw) => {
    const nodes = renderMrkdwn(escapeMrkdwn(raw), ctx);
    expect(textOf(nodes)).toBe(raw);
    expect(elementsOf(nodes)).toEqual([]);
  });

  it.each([
    ['<img src=x onerror=alert(1)>'],
    ['<script>alert(1)</script>'],
    ['"><svg onload=alert(1)>'],
    ['<a href="javascript:alert(1)">x</a>'],
  ])('renders %s in a job name as text, not markup', (name) => {
    // The bot escapes and wraps untrusted names in inline code (code() in src/slack/escape.ts).
    for (const text of [`*Job*\n\`${escapeMrkdwn(name)}\``, `checked ${escapeMrkdwn(name)}`]) {
      const nodes = renderMrkdwn(text, ctx);
      expect(textOf(nodes)).toContain(name);
      expect(elementsOf(nodes).map((e) => e.tag)).not.toContain('a');
      const out = toHtml(nodes);
      expect(out).not.toMatch(/<(img|script|svg|a)\b/);
      expect(out).toContain('&lt;');
    }
  });

  it('keeps input characters from the placeholder range as replacement characters', () => {
    expect(textOf(renderMrkdwn('x\ue000y <@U0ALICE>', ctx))).toBe('x\ufffdy @alice');
  });

  it('handles a long message with many tokens without losing any', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `<@U0ALICE> ${i}`).join(' ');
    const nodes = renderMrkdwn(text, EMPTY_CONTEXT);
    expect(elementsOf(nodes).filter((e) => e.attrs['class']?.includes('mention'))).toHaveLength(2000);
  });
});

describe('parseMrkdwn', () => {
  it('returns data tokens for a report line', () => {
    expect(parseMrkdwn(':x: *FAIL* · `vpc-configured` · <@U0ALICE>')).toEqual([
      { kind: 'emoji', name: 'x', emoji: '❌' },
      { kind: 'text', text: ' ' },
      { kind: 'bold', children: [{ kind: 'text', text: 'FAIL' }] },
      { kind: 'text', text: ' · ' },
      { kind: 'code', text: 'vpc-configured' },
      { kind: 'text', text: ' · ' },
      { kind: 'user', id: 'U0ALICE' },
    ]);
  });

  it.each([
    ['<!date^1795946400^{date}^https://example.com|fallback>', { kind: 'date', timestamp: 1795946400, format: '{date}', fallback: 'fallback', link: 'https://example.com' }],
    ['<!subteam^S0123|@oncall>', { kind: 'usergroup', id: 'S0123', label: '@oncall' }],
    ['<mailto:sec@example.com|mail us>', { kind: 'link', url: 'mailto:sec@example.com', label: 'mail us' }],
  ])('%s', (input, token) => {
    expect(parseMrkdwn(input)).toEqual([token]);
  });
});
