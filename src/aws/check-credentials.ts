/**
 * Start-up check that the standard credential chain yields credentials at all, so the bot refuses
 * to start with one clear sentence instead of failing every audit later. It resolves the chain
 * only: no AWS call is made (the bot's policy has no STS action), so a wrong or under-privileged
 * key still shows up later as `access_denied` on the call that needed it.
 * @module
 */
import type { AwsClients } from './clients.js';

export type CredentialCheck = { ok: true } | { ok: false; message: string };

/**
 * @example
 * const check = await checkCredentials(clients);
 * if (!check.ok) throw new Error(`No usable AWS credentials: ${check.message}`);
 */
export async function checkCredentials(clients: Pick<AwsClients, 'sagemaker'>): Promise<CredentialCheck> {
  try {
    const identity = await clients.sagemaker.config.credentials();
    if (!identity.accessKeyId || !identity.secretAccessKey) return { ok: false, message: 'the credential chain returned an empty key' };
    return { ok: true };
  } catch (err) {
    // Provider errors describe where they looked, never the secret; keep only the first line.
    const text = err instanceof Error ? err.message : String(err);
    return { ok: false, message: text.split('\n')[0]?.trim() || 'the credential chain failed' };
  }
}
