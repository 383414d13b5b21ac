/**
 * The playground server without a browser: the page and its script, the event stream, the JSON API
 * driving the real bot through signed requests, the world switches, downloads and the guards
 * (Host, same-origin JSON, no secrets anywhere the page can read).
 */
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RuleId } from '../../src/audit/model.js';
import { startDemo, type Demo } from '../../src/sandbox/demo/start-demo.js';
import { startPlayground, WORLD_TOGGLES, type MessageDto, type PageEvent, type Playground, type Snapshot } from '../../src/sandbox/playground/index.js';
import { openEventStream, type EventStream } from '../../src/sandbox/playground/testing/event-stream.js';

let demo: Demo;
let playground: Playground;
let base: string;
let stream: EventStream | undefined;

beforeAll(async () => {
  // Pacing protects real accounts; the sandbox has no production pipelines to starve.
  demo = await startDemo({ env: { SAGEMAKER_MAX_RPS: '100' } });
  playground = await startPlayground({ demo, port: 0 });
  base = `http://127.0.0.1:${playground.port}`;
});

afterEach(() => {
  stream?.close();
  stream = undefined;
  demo.aws.world.reset();
});

afterAll(async () => {
  await playground?.close();
  await demo?.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (res) => ({
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  }));
}

function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: playground.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const isMessage = (pred: (m: MessageDto) => boolean) => (e: PageEvent): e is Extract<PageEvent, { type: 'message' }> => e.type === 'message' && pred(e.message);

async function checkInChannel(job: string, channelId = 'C0GENERAL'): Promise<MessageDto> {
  stream ??= await openEventStream(`${base}/api/events`);
  const sent = await post('/api/compose', { userId: 'U0ALICE', channelId, line: `/sagemaker-vpc check ${job}` });
  expect(sent).toMatchObject({ status: 200, body: { ok: true } });
  const report = await stream.next(isMessage((m) => m.channel === channelId && m.text.includes(`— ${job} in`)));
  return report.message;
}

describe('the page', () => {
  it('serves one HTML page with a strict CSP and one script, and no secrets in either', async () => {
    const html = await fetch(`${base}/`);
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const page = await html.text();
    expect(page.match(/<script/g)).toHaveLength(1);
    const script = await (await fetch(`${base}/app.js`)).text();
    expect(script).toContain('renderMessageContent');
    for (const text of [page, script]) {
      expect(text).not.toContain(demo.signingSecret);
      expect(text).not.toContain(demo.botToken);
    }
  });

  it.each([
    ['an unexpected Host (DNS rebinding)', () => rawGet('/', 'attacker.example:80'), 421],
    ['an unknown path', () => fetch(`${base}/nope`).then((r) => r.status), 404],
    ['a GET on the API', () => fetch(`${base}/api/compose`).then((r) => r.status), 405],
    ['a form post', () => fetch(`${base}/api/compose`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'line=x' }).then((r) => r.status), 403],
    ['a cross-origin post', () => post('/api/world', { reset: true }, { origin: 'http://attacker.example' }).then((r) => r.status), 403],
    ['a bad body', () => post('/api/compose', { userId: 'U0ALICE', channelId: 'C0GENERAL', line: 1 }).then((r) => r.status), 400],
    ['an unknown user', () => post('/api/compose', { userId: 'U0MALLORY', channelId: 'C0GENERAL', line: 'hi' }).then((r) => r.status), 404],
  ])('refuses %s', async (_name, call, status) => {
    expect(await call()).toBe(status);
  });
});

describe('the event stream and the API', () => {
  it('starts with a snapshot of channels, users, jobs and switches', async () => {
    stream = await openEventStream(`${base}/api/events`);
    const snapshot = (await stream.next((e) => e.type === 'snapshot')) as Snapshot;
    expect(snapshot.channels.map((c) => [c.id, c.kind, c.botIsMember])).toEqual([
      ['C0GENERAL', 'public', true],
      ['C0RANDOM', 'public', false],
      ['C0PRIVATE', 'private', false],
    ]);
    expect(snapshot.users.map((u) => u.id)).toEqual(['U0ALICE', 'U0BOB']);
    expect(snapshot.jobs.find((j) => j.job === 'eu-churn-xgb-private')?.command).toBe('/sagemaker-vpc check eu-churn-xgb-private --region eu-west-1');
    expect(snapshot.toggles.map((t) => [t.id, t.fixed])).toEqual(WORLD_TOGGLES.map((t) => [t.id, false]));
  });

  it('sends a signed slash command and streams the ack, the command and the report; Recheck updates it in place', async () => {
    const report = await checkInChannel('vision-resnet-open-ssh');
    expect(report.text).toContain('FAIL');
    const ack = stream!.events.find((e) => e.type === 'message' && e.message.source === 'ack');
    expect(ack).toMatchObject({ message: { ephemeral: true, visibleTo: 'U0ALICE' } });

    expect((await post('/api/world', { toggle: 'open-ssh', fixed: true })).status).toBe(200);
    await stream!.next((e) => e.type === 'world' && e.toggles.some((t) => t.id === 'open-ssh' && t.fixed));
    const blockIndex = report.blocks?.findIndex((b) => (b as { type?: string }).type === 'actions') ?? -1;
    const click = await post('/api/action', { userId: 'U0ALICE', channelId: report.channel, messageTs: report.ts, actionId: 'recheck_job', blockIndex });
    expect(click).toMatchObject({ status: 200, body: { ok: true } });
    const updated = await stream!.next(isMessage((m) => m.ts === report.ts && m.edits === 1));
    expect(updated.message.text).toContain('PASS');
    expect(JSON.stringify(updated.message.blocks)).toContain('was FAIL, now PASS');
    expect(stream!.raw()).not.toContain(demo.signingSecret);
    expect(stream!.raw()).not.toContain(demo.botToken);
  });

  it('opens the remediation modal for the clicking user', async () => {
    const report = await checkInChannel('vision-resnet-open-ssh');
    const blockIndex = report.blocks?.findIndex((b) => (b as { type?: string }).type === 'actions') ?? -1;
    await post('/api/action', { userId: 'U0ALICE', channelId: report.channel, messageTs: report.ts, actionId: 'show_remediation', blockIndex });
    const filled = await stream!.next((e) => e.type === 'modal' && !e.opened && JSON.stringify(e.view.view).includes('revoke-security-group-ingress'));
    expect(filled).toMatchObject({ view: { userId: 'U0ALICE', type: 'modal' } });
  });

  it.each([
    ['a button the message does not have', { actionId: 'recheck_job', blockIndex: 0 }, 'U0ALICE'],
    ['another user’s ephemeral message', { actionId: 'recheck_job', useAck: true }, 'U0BOB'],
  ])('refuses a click on %s', async (_name, input, userId) => {
    const report = await checkInChannel('churn-xgb-private');
    const target = 'useAck' in input ? stream!.events.filter(isMessage((m) => m.source === 'ack')).at(-1)!.message : report;
    const answer = await post('/api/action', { userId, channelId: target.channel, messageTs: target.ts, actionId: input.actionId, blockIndex: 'blockIndex' in input ? input.blockIndex : 0 });
    expect(answer.status).toBe(404);
  });

  it.each([
    ['a chat line, escaped like Slack’s client does', 'hello <b>&', { ok: true }, '&lt;b&gt;&amp;'],
    ['another slash command', '/giphy cats', { ok: false, notice: expect.stringContaining('/giphy is not a valid command') }, undefined],
    ['/invite of someone else', '/invite @bob', { ok: false, notice: expect.stringContaining('only works for @sagemaker-vpc') }, undefined],
  ])('answers %s', async (_name, line, body, stored) => {
    stream = await openEventStream(`${base}/api/events`);
    expect(await post('/api/compose', { userId: 'U0BOB', channelId: 'C0RANDOM', line })).toEqual({ status: 200, body });
    if (stored) expect((await stream.next(isMessage((m) => m.channel === 'C0RANDOM' && m.source === 'user'))).message.text).toBe(`hello ${stored}`);
  });

  it('invites the bot to the private channel and removes it again', async () => {
    stream = await openEventStream(`${base}/api/events`);
    const invite = await post('/api/compose', { userId: 'U0BOB', channelId: 'C0PRIVATE', line: '/invite @sagemaker-vpc' });
    expect(invite.body).toEqual({ ok: true, notice: 'sagemaker-vpc joined #ml-platform-private.' });
    await stream.next((e) => e.type === 'channels' && e.channels.some((c) => c.id === 'C0PRIVATE' && c.botIsMember));
    await post('/api/compose', { userId: 'U0BOB', channelId: 'C0PRIVATE', line: '/remove @sagemaker-vpc' });
    expect(demo.slack.conversation.channel('C0PRIVATE')?.botIsMember).toBe(false);
  });

  it('publishes the App Home when a user opens it', async () => {
    stream = await openEventStream(`${base}/api/events`);
    expect((await post('/api/home', { userId: 'U0BOB' })).body).toMatchObject({ ok: true });
    const home = await stream.next((e) => e.type === 'home' && e.view.userId === 'U0BOB');
    expect(JSON.stringify(home)).toContain('How to use');
  });

  it('lists shared files and serves them as downloads from its own origin', async () => {
    stream = await openEventStream(`${base}/api/events`);
    const { conversation } = demo.slack;
    const file = conversation.addFile({ name: 'fleet report.csv', title: 'Fleet report', mimetype: 'text/csv', declaredLength: 9, content: Buffer.from('job,pass\n') }, (id) => `unused/${id}`);
    conversation.shareFiles([file], { channel: 'C0GENERAL', author: { kind: 'bot', userId: demo.slack.botUserId, botId: demo.slack.botId }, text: 'report', source: 'files.completeUploadExternal' });
    const shared = await stream.next(isMessage((m) => m.files.length > 0));
    expect(shared.message.files[0]).toEqual({ id: file.id, name: 'fleet report.csv', title: 'Fleet report', mimetype: 'text/csv', size: 9, url: `/files/${file.id}/fleet%20report.csv` });
    const download = await fetch(`${base}${shared.message.files[0]?.url}`);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="fleet%20report.csv"');
    expect(await download.text()).toBe('job,pass\n');
  });
});

describe('world switches', () => {
  const cases: Array<[string, string, RuleId, string, string]> = [
    ['open-ssh', 'vision-resnet-open-ssh', 'vpc-security-groups-restricted', 'fail', 'pass'],
    ['public-main-table', 'nlp-finetune-main-table', 'vpc-subnets-private', 'fail', 'pass'],
    ['no-s3-path', 'forecast-lstm-no-s3', 'vpc-s3-access', 'warn', 'pass'],
    ['peer-traffic', 'llm-pretrain-hetero', 'vpc-multi-node-traffic', 'warn', 'pass'],
  ];

  async function status(job: string, rule: RuleId): Promise<string | undefined> {
    const outcome = await demo.bot.service.checkJob({ name: job, region: 'us-east-1' });
    if (outcome.status !== 'ok') throw new Error(`${job}: ${outcome.status}`);
    return outcome.report.findings.find((f) => f.rule === rule)?.status;
  }

  it.each(cases)('%s: %s %s goes %s → %s and back', async (toggle, job, rule, before, after) => {
    expect(await status(job, rule)).toBe(before);
    expect((await post('/api/world', { toggle, fixed: true })).status).toBe(200);
    expect(await status(job, rule)).toBe(after);
    expect((await post('/api/world', { toggle, fixed: true })).status).toBe(200);
    expect((await post('/api/world', { toggle, fixed: false })).status).toBe(200);
    expect(await status(job, rule)).toBe(before);
  });

  it('resets the whole account and refuses unknown switches', async () => {
    await post('/api/world', { toggle: 'open-ssh', fixed: true });
    expect((await post('/api/world', { reset: true })).status).toBe(200);
    expect(await status('vision-resnet-open-ssh', 'vpc-security-groups-restricted')).toBe('fail');
    expect(await post('/api/world', { toggle: 'delete-everything', fixed: true })).toMatchObject({ status: 400, body: { error: 'unknown world toggle "delete-everything"' } });
  });
});
