/**
 * Every message and view the bot sends passes through here so button values are sealed
 * (button-seal.ts) without the views knowing. Wraps the per-request Web API client and `respond`.
 * @module
 */
import type { RespondArguments, RespondFn } from '@slack/bolt';
import { sealBlocks, type ButtonSeal } from './button-seal.js';
import type { ChatClient } from './delivery.js';

type Args = Record<string, unknown>;

function sealArgs(args: Args, seal: ButtonSeal): Args {
  const out: Args = { ...args };
  if (Array.isArray(args.blocks)) out.blocks = sealBlocks(args.blocks, seal);
  if (args.view && typeof args.view === 'object') out.view = sealBlocks(args.view, seal);
  return out;
}

export function sealedClient(client: ChatClient, seal: ButtonSeal): ChatClient {
  return {
    chat: {
      postMessage: (a) => client.chat.postMessage(sealArgs(a, seal)),
      update: (a) => client.chat.update(sealArgs(a, seal)),
      postEphemeral: (a) => client.chat.postEphemeral(sealArgs(a, seal)),
    },
    views: {
      open: (a) => client.views.open(sealArgs(a, seal)),
      update: (a) => client.views.update(sealArgs(a, seal)),
      publish: (a) => client.views.publish(sealArgs(a, seal)),
    },
    filesUploadV2: (a) => client.filesUploadV2(a),
  };
}

export function sealedRespond(respond: RespondFn | undefined, seal: ButtonSeal): RespondFn | undefined {
  if (!respond) return undefined;
  return (message: string | RespondArguments) =>
    respond(typeof message === 'string' ? message : (sealArgs(message as unknown as Args, seal) as unknown as RespondArguments));
}
