/**
 * Button values leave the bot and come back from Slack: besides validating their shape on click
 * (ids.ts), we seal them with an HMAC so a value the bot did not mint — another job, another
 * region, a hand-edited payload — is refused before any AWS call. The key derives from a stable
 * secret, so buttons on yesterday's digest still work after a restart.
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const SEPARATOR = '~';
const MAC_CHARS = 22; // 128 bits of base64url

export interface ButtonSeal {
  seal(value: string): string;
  /** The original value, or undefined when the seal is missing or wrong. */
  unseal(sealed: string): string | undefined;
}

export function createButtonSeal(secret: string): ButtonSeal {
  const key = createHmac('sha256', 'sagemaker-vpc/button-seal/v1').update(secret).digest();
  const mac = (value: string) => createHmac('sha256', key).update(value).digest('base64url').slice(0, MAC_CHARS);
  return {
    seal: (value) => `${value}${SEPARATOR}${mac(value)}`,
    unseal(sealed) {
      const at = sealed.lastIndexOf(SEPARATOR);
      if (at < 0) return undefined;
      const value = sealed.slice(0, at);
      const given = Buffer.from(sealed.slice(at + 1));
      const expected = Buffer.from(mac(value));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      return value;
    },
  };
}

/** Seals every button `value` in a list of blocks (views build values; the bot seals them on the way out). */
export function sealBlocks<T>(blocks: T, seal: ButtonSeal): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) out[k] = visit(v);
      if (record.type === 'button' && typeof record.value === 'string') out.value = seal.seal(record.value);
      return out;
    }
    return node;
  };
  return visit(blocks) as T;
}
