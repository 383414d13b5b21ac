/**
 * The playground's JSON API: what the page asks for, done the way Slack would do it. Lines from the
 * composer become signed slash commands through `demo.client` (the same HTTP path Slack uses);
 * clicks become `block_actions` built from the button *as the fake stored it* — the page names a
 * message (or view), a block index and an action id, never the value — so the bot sees exactly
 * what Slack would send. World switches change the sandbox AWS account.
 * @module
 */
import { z } from 'zod';
import { escapeMrkdwn } from '../../slack/escape.js';
import type { Demo } from '../demo/start-demo.js';
import { findAction, type MessageRecord } from '../slack/index.js';
import { interpretLine, SLASH_COMMAND } from './composer-intent.js';
import { setToggle } from './world-toggles.js';

export type PlaygroundDemo = Pick<Demo, 'slack' | 'client' | 'aws'>;

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface ApiHooks {
  /** Channel membership changed: tell every page. */
  channelsChanged(): void;
  /** The sandbox account changed: tell every page. */
  worldChanged(): void;
}

const userId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/);
const channelId = z.string().regex(/^[CGD][A-Z0-9]{2,20}$/);

const ComposeRequest = z.strictObject({ userId, channelId, line: z.string().max(20_000) });
const ActionRequest = z.strictObject({
  userId,
  actionId: z.string().min(1).max(255),
  blockIndex: z.int().min(0).max(200),
  channelId: channelId.optional(),
  messageTs: z.string().regex(/^\d{1,12}\.\d{1,6}$/).optional(),
  viewId: z.string().regex(/^V[A-Z0-9]{1,20}$/).optional(),
});
const HomeRequest = z.strictObject({ userId });
const WorldRequest = z.union([z.strictObject({ toggle: z.string().max(64), fixed: z.boolean() }), z.strictObject({ reset: z.literal(true) })]);

function bad(error: string, status = 400): ApiAnswer {
  return { status, body: { ok: false, error } };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; answer: ApiAnswer } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, answer: bad(`invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`) };
}

/** The clicked element: `actionId` in the block at `blockIndex` (the same action id may recur in other blocks). */
export function resolveElement(blocks: unknown, blockIndex: number, actionId: string): { blockId: string; element: Record<string, unknown> } | undefined {
  const found = Array.isArray(blocks) ? findAction([blocks[blockIndex]], actionId) : undefined;
  if (!found) return undefined;
  // Slack gives a block without block_id one of its own; a stable stand-in does here.
  return { blockId: found.blockId ?? `playground-block-${blockIndex}`, element: found.element };
}

export interface PlaygroundApi {
  /** A line from the composer: a slash command, `/invite`, or a chat message. */
  compose(body: unknown): Promise<ApiAnswer>;
  /** A button click in a message, a modal or the App Home. */
  action(body: unknown): Promise<ApiAnswer>;
  /** The person opened the App Home tab (`app_home_opened`). */
  openHome(body: unknown): Promise<ApiAnswer>;
  /** Sets a world switch or resets the sandbox account. */
  world(body: unknown): ApiAnswer;
}

export function createPlaygroundApi(demo: PlaygroundDemo, hooks: ApiHooks): PlaygroundApi {
  const conversation = demo.slack.conversation;
  const known = (user: string) => conversation.user(user) !== undefined;

  async function compose(body: unknown): Promise<ApiAnswer> {
    const req = parse(ComposeRequest, body);
    if (!req.ok) return req.answer;
    const { userId: user, channelId: channel, line } = req.value;
    const record = conversation.channel(channel);
    if (!known(user) || !record) return bad('unknown user or channel', 404);
    const intent = interpretLine(line, demo.slack.botUserId);
    switch (intent.kind) {
      case 'empty':
        return { status: 200, body: { ok: true } };
      case 'notice':
        return { status: 200, body: { ok: false, notice: intent.text } };
      case 'message':
        // Slack's client escapes what people type before it is stored as mrkdwn.
        conversation.postMessage({ channel, author: { kind: 'user', userId: user }, text: escapeMrkdwn(intent.text), source: 'user' });
        return { status: 200, body: { ok: true } };
      case 'membership': {
        if (record.kind === 'im') return { status: 200, body: { ok: false, notice: 'Direct messages have no members to invite.' } };
        conversation.setBotMember(channel, intent.join);
        hooks.channelsChanged();
        const notice = intent.join ? `sagemaker-vpc joined #${record.name}.` : `sagemaker-vpc was removed from #${record.name}.`;
        return { status: 200, body: { ok: true, notice } };
      }
      case 'slash': {
        const reply = await demo.client.sendSlashCommand({ text: intent.text, userId: user, channelId: channel });
        // What Slack's client says when an app fails to answer in time or answers with an error.
        const failure = reply.status !== 200 ? `http_${reply.status}` : reply.ackMs > 3000 ? 'operation_timeout' : undefined;
        return {
          status: 200,
          body: {
            ok: failure === undefined,
            ackMs: Math.round(reply.ackMs),
            ...(failure ? { notice: `${SLASH_COMMAND} failed with the error "${failure}"` } : {}),
          },
        };
      }
    }
  }

  async function action(body: unknown): Promise<ApiAnswer> {
    const req = parse(ActionRequest, body);
    if (!req.ok) return req.answer;
    const { userId: user, actionId, blockIndex, channelId: channel, messageTs, viewId } = req.value;
    if (!known(user)) return bad('unknown user', 404);
    let clicked: { viewId: string } | { message: MessageRecord };
    let blocks: unknown;
    if (viewId !== undefined) {
      const view = conversation.view(viewId);
      if (!view || view.userId !== user) return bad('no such view for this user', 404);
      clicked = { viewId };
      blocks = view.view['blocks'];
    } else {
      const message = channel && messageTs ? conversation.message(channel, messageTs) : undefined;
      // An ephemeral message exists only for the person it was sent to.
      if (!message || (message.ephemeral && message.visibleTo !== user)) return bad('no such message for this user', 404);
      clicked = { message };
      blocks = message.blocks;
    }
    const found = resolveElement(blocks, blockIndex, actionId);
    if (!found) return bad(`no such button in that ${viewId !== undefined ? 'view' : 'message'}`, 404);
    const value = typeof found.element['value'] === 'string' ? found.element['value'] : undefined;
    const reply = await demo.client.sendBlockAction({ userId: user, ...clicked, actionId, blockId: found.blockId, ...(value !== undefined ? { value } : {}) });
    return { status: 200, body: { ok: reply.status === 200, status: reply.status, ackMs: Math.round(reply.ackMs) } };
  }

  async function openHome(body: unknown): Promise<ApiAnswer> {
    const req = parse(HomeRequest, body);
    if (!req.ok) return req.answer;
    if (!known(req.value.userId)) return bad('unknown user', 404);
    const reply = await demo.client.sendAppHomeOpened({ userId: req.value.userId });
    return { status: 200, body: { ok: reply.status === 200, status: reply.status } };
  }

  function world(body: unknown): ApiAnswer {
    const req = parse(WorldRequest, body);
    if (!req.ok) return req.answer;
    try {
      if ('reset' in req.value) demo.aws.world.reset();
      else setToggle(demo.aws.world, req.value.toggle, req.value.fixed);
    } catch (error) {
      return bad(error instanceof Error ? error.message : String(error));
    }
    hooks.worldChanged();
    return { status: 200, body: { ok: true } };
  }

  return { compose, action, openHome, world };
}
