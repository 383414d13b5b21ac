/**
 * Reading untrusted Block Kit JSON without trusting its shape: the few accessors the block and
 * rich-text renderers share.
 * @module
 */

export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The objects in an array; anything else is an empty list. */
export function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(asObject).filter((v): v is Json => v !== undefined) : [];
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
