/**
 * Web API arguments for the sandbox Slack, decoded the way Slack accepts them —
 * `application/x-www-form-urlencoded` (what `@slack/web-api` sends, with `blocks`/`view`/`files` as
 * JSON strings), `application/json`, `multipart/form-data`, plus query string arguments. Bodies are
 * read with `node:stream/consumers`.
 * @module
 */
export type ApiArgs = Record<string, unknown>;

/** Thrown when a body can't be decoded; the server answers `{ ok: false, error: code }`. */
export class BodyError extends Error {
  constructor(readonly code: 'invalid_json' | 'invalid_form_data') {
    super(code);
    this.name = 'BodyError';
  }
}

/** Media type without parameters, lower-cased: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Decodes multipart bodies with the platform's own parser (undici) rather than a hand-written one. */
export async function parseMultipart(body: Buffer, contentType: string): Promise<Array<[string, string | Buffer]>> {
  try {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    const entries: Array<[string, string | Buffer]> = [];
    for (const [key, value] of form.entries()) {
      entries.push([key, typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer())]);
    }
    return entries;
  } catch {
    throw new BodyError('invalid_form_data');
  }
}

export async function parseApiArgs(body: Buffer, contentType: string | undefined, query: URLSearchParams): Promise<ApiArgs> {
  const args: ApiArgs = Object.fromEntries(query.entries());
  const type = mediaType(contentType);
  if (body.length === 0) return args;
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BodyError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BodyError('invalid_json');
    return { ...args, ...(parsed as ApiArgs) };
  }
  if (type === 'multipart/form-data') {
    for (const [key, value] of await parseMultipart(body, contentType ?? '')) args[key] = value;
    return args;
  }
  // Slack treats any other body as a form, which is also what curl sends by default.
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) args[key] = value;
  return args;
}
