/**
 * `digest add|list|remove|now` behind the Slack listener's hook, against the real store: every
 * refusal is a clear answer and leaves nothing half-written; a schedule exists only if its
 * confirmation reached the channel.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../../src/app/command-grammar.js';
import { createDigestHarness, type DigestHarness, type Instance } from '../../src/scheduling/testing/digest-harness.js';

type DigestCommand = Extract<Command, { kind: 'digest-now' | 'digest-list' | 'digest-add' | 'digest-remove' }>;

let h: DigestHarness;
let bot: Instance;

beforeEach(async () => {
  h = createDigestHarness('2026-11-29T10:00:00.000Z', ['us-east-1', 'eu-west-1']);
  h.fleet.set({ name: 'job-1', created: '2026-11-28T10:00:00.000Z', rules: { 'vpc-configured': 'fail' } });
  bot = await h.instance();
});

afterEach(async () => {
  await h.close();
});

const add = (cron: string, extra: Partial<Extract<DigestCommand, { kind: 'digest-add' }>> = {}): DigestCommand => ({ kind: 'digest-add', cron, timezone: 'Europe/Berlin', regions: [], ...extra });
const send = (command: DigestCommand, channelId = 'C0GENERAL') => bot.digests.commands.handle(command, { userId: 'U0ALICE', channelId }, h.chat);
const texts = (message: { text: string; blocks: unknown[] }) => `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('digest add', () => {
  it('posts the confirmation into the channel, then activates the schedule and lists it', async () => {
    const answer = await send(add('0 9 * * 1', { since: '7d', regions: ['eu-west-1'] }));
    expect(h.chat.posted).toHaveLength(1);
    expect(h.chat.posted[0]).toMatchObject({ channel: 'C0GENERAL', text: 'Digest 1 scheduled: 0 9 * * 1 (Europe/Berlin)' });
    expect(texts(answer)).toContain('*Digest `1`* · `0 9 * * 1` (Europe/Berlin) in <#C0GENERAL>');
    expect(texts(answer)).toContain('Scope: eu-west-1 · last 7 days + every InProgress job');
    expect(h.scheduleRows()).toEqual([{ id: 1, channel_id: 'C0GENERAL', state: 'active' }]);
  });

  it.each`
    error                   | expected
    ${'not_in_channel'}     | ${/Invite me with `\/invite @sagemaker-vpc`/}
    ${'channel_not_found'}  | ${/Invite me with `\/invite @sagemaker-vpc`/}
    ${'is_archived'}        | ${/Slack refused the message with `is_archived`\. Nothing was scheduled\./}
  `('refuses on $error with a clear answer and writes nothing', async ({ error, expected }) => {
    h.chat.refuse('C0PRIVATE', error);
    const answer = await send(add('0 9 * * 1'), 'C0PRIVATE');
    expect(texts(answer)).toMatch(expected);
    expect(texts(answer)).toMatch(/nothing was scheduled|Nothing was scheduled/);
    expect(h.scheduleRows()).toEqual([]);
  });

  it.each`
    case                      | command                                              | expected
    ${'too frequent'}         | ${add('*/5 * * * *')}                                | ${/would run more often than once every 60 minutes, so nothing was scheduled/}
    ${'region not audited'}   | ${add('0 9 * * 1', { regions: ['ap-south-1'] })}     | ${/`ap-south-1` is not audited by this bot/}
  `('refuses a schedule that is $case before posting anything', async ({ command, expected }) => {
    expect(texts(await send(command))).toMatch(expected);
    expect(h.chat.attempts).toBe(0);
    expect(h.scheduleRows()).toEqual([]);
  });
});

describe('digest list and remove', () => {
  it('lists only this channel’s schedules, with the next run in the schedule’s time zone', async () => {
    await send(add('0 9 * * 1'));
    await send(add('0 8 * * *'), 'C0RANDOM');
    const list = texts(await send({ kind: 'digest-list' }));
    expect(list).toContain('Digest `1`');
    expect(list).not.toContain('Digest `2`');
    // Monday 2026-11-30 09:00 Berlin = 08:00 UTC.
    expect(list).toMatch(/next <!date\^\d+\^[^|]*\|2026-11-30 08:00 UTC>/);
    expect(list).toContain('never run yet');
  });

  it.each`
    case                        | id      | channel        | expected
    ${'a missing id'}           | ${'42'} | ${'C0GENERAL'} | ${/There is no digest schedule `42`/}
    ${'another channel’s'}      | ${'1'}  | ${'C0RANDOM'}  | ${/posts to another channel \(`C0GENERAL`\), so it was not removed/}
  `('answers clearly for $case and changes nothing', async ({ id, channel, expected }) => {
    await send(add('0 9 * * 1'));
    expect(texts(await send({ kind: 'digest-remove', id }, channel))).toMatch(expected);
    expect(h.scheduleRows()).toEqual([{ id: 1, channel_id: 'C0GENERAL', state: 'active' }]);
  });

  it('removes a schedule once; a second remove says it is gone', async () => {
    await send(add('0 9 * * 1'));
    expect(texts(await send({ kind: 'digest-remove', id: '1' }))).toContain('Digest `1` (`0 9 * * 1`, Europe/Berlin) removed');
    expect(texts(await send({ kind: 'digest-remove', id: '1' }))).toContain('There is no digest schedule `1`');
    expect(texts(await send({ kind: 'digest-list' }))).toContain('No digest schedules yet');
  });
});

describe('digest now', () => {
  it('posts a one-off digest with the default scope in a channel without a schedule, and says so', async () => {
    const answer = texts(await send({ kind: 'digest-now' }));
    expect(answer).toContain('Digest `ad hoc` posted here: 1 jobs, 1 new failures, 0 fixed.');
    expect(answer).toContain('This channel has no digest schedule');
    expect(h.runs()).toMatchObject([{ stream: 'c:C0GENERAL', trigger: 'manual', status: 'posted' }]);
  });

  it('answers with the invite hint where the bot cannot post', async () => {
    h.chat.refuse('C0PRIVATE', 'not_in_channel');
    expect(texts(await send({ kind: 'digest-now' }, 'C0PRIVATE'))).toContain('so the digest was not posted');
    expect(h.runs()).toMatchObject([{ status: 'failed', last_error: 'not_in_channel' }]);
  });
});
