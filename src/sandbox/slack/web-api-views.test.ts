import { WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createQuietLogger } from './quiet-logger.js';
import { startSlackFake, type SlackFake } from './server.js';

const TOKEN = 'xoxb-sandbox-test';
const START = Date.UTC(2026, 10, 29, 10, 0, 0);

let clock = START;
let fake: SlackFake;
let client: WebClient;

const modal = (title: string, text = 'Loading…') => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
});
const home = (text: string) => ({ type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });

async function errorOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as WebAPIPlatformError | undefined;
  return error?.data.error;
}

beforeAll(async () => {
  fake = await startSlackFake({ botToken: TOKEN, now: () => clock });
  client = new WebClient(TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createQuietLogger() });
});
afterEach(() => {
  fake.reset();
  clock = START;
});
afterAll(() => fake.close());

describe('views.open', () => {
  it('opens a modal for the trigger’s user with a fresh trigger and returns it with an id and hash', async () => {
    const triggerId = fake.createTriggerId({ userId: 'U0ALICE', channelId: 'C0GENERAL' });
    clock += 2999;

    const result = await client.views.open({ trigger_id: triggerId, view: modal('Remediation') });

    expect(result.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'modal', title: { text: 'Remediation' }, team_id: 'T0SANDBOX' });
    expect(result.view?.hash).toBeTypeOf('string');
    expect(fake.conversation.view(result.view?.id as string)).toMatchObject({ type: 'modal', userId: 'U0ALICE' });
  });

  it.each`
    case                        | advanceMs | reuse    | known    | error
    ${'older than 3 s'}         | ${3001}   | ${false} | ${true}  | ${'expired_trigger_id'}
    ${'already used'}           | ${0}      | ${true}  | ${true}  | ${'exchanged_trigger_id'}
    ${'never issued'}           | ${0}      | ${false} | ${false} | ${'invalid_trigger_id'}
  `('refuses a trigger $case with $error', async ({ advanceMs, reuse, known, error }: { advanceMs: number; reuse: boolean; known: boolean; error: string }) => {
    const triggerId = known ? fake.createTriggerId({ userId: 'U0ALICE' }) : '123.456.deadbeef';
    if (reuse) await client.views.open({ trigger_id: triggerId, view: modal('First') });
    clock += advanceMs;

    expect(await errorOf(client.views.open({ trigger_id: triggerId, view: modal('Second') }))).toBe(error);
    expect(fake.conversation.views('modal')).toHaveLength(reuse ? 1 : 0);
  });

  it('refuses a modal whose title is longer than 24 characters', async () => {
    const triggerId = fake.createTriggerId({ userId: 'U0ALICE' });

    expect(await errorOf(client.views.open({ trigger_id: triggerId, view: modal('x'.repeat(25)) }))).toBe('invalid_arguments');
  });
});

describe('views.update', () => {
  it('replaces the modal by view_id and keeps its history', async () => {
    const opened = await client.views.open({ trigger_id: fake.createTriggerId({ userId: 'U0ALICE' }), view: modal('Remediation') });
    const viewId = opened.view?.id as string;

    const updated = await client.views.update({ view_id: viewId, hash: opened.view?.hash as string, view: modal('Remediation', 'Ready') });

    expect(updated.view?.id).toBe(viewId);
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(fake.conversation.view(viewId)?.history.map((v) => (v.view['blocks'] as Array<{ text: { text: string } }>)[0]?.text.text)).toEqual([
      'Loading…',
      'Ready',
    ]);
  });

  it.each`
    case                 | useHash      | knownView | error
    ${'a stale hash'}    | ${'stale'}   | ${true}   | ${'hash_conflict'}
    ${'an unknown view'} | ${'none'}    | ${false}  | ${'not_found'}
  `('refuses $case with $error', async ({ useHash, knownView, error }: { useHash: string; knownView: boolean; error: string }) => {
    const opened = await client.views.open({ trigger_id: fake.createTriggerId({ userId: 'U0ALICE' }), view: modal('M') });
    const viewId = knownView ? (opened.view?.id as string) : 'V9999999999';

    const call = client.views.update({ view_id: viewId, view: modal('M', 'new'), ...(useHash === 'stale' ? { hash: 'stale-hash' } : {}) });

    expect(await errorOf(call)).toBe(error);
  });
});

describe('views.publish', () => {
  it('keeps one Home per user with a stable id', async () => {
    const first = await client.views.publish({ user_id: 'U0ALICE', view: home('v1') });
    const second = await client.views.publish({ user_id: 'U0ALICE', view: home('v2') });
    await client.views.publish({ user_id: 'U0BOB', view: home('bob') });

    expect(second.view?.id).toBe(first.view?.id);
    expect(fake.conversation.home('U0ALICE')?.history).toHaveLength(2);
    expect(fake.conversation.home('U0BOB')?.view['blocks']).toEqual(home('bob').blocks);
    expect(fake.conversation.views('home')).toHaveLength(2);
  });

  it.each`
    case                       | userId       | view                    | error
    ${'an unknown user'}       | ${'U0NOPE'}  | ${home('x')}            | ${'user_not_found'}
    ${'a modal as Home'}       | ${'U0ALICE'} | ${modal('not a home')}  | ${'invalid_arguments'}
  `('refuses $case with $error', async ({ userId, view, error }: { userId: string; view: never; error: string }) => {
    expect(await errorOf(client.views.publish({ user_id: userId, view }))).toBe(error);
  });
});
