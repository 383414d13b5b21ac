/**
 * The sandbox Slack's file upload flow, as `@slack/web-api` 8's `filesUploadV2` drives it:
 * `files.getUploadURLExternal` → POST the bytes to the returned `upload_url` (multipart/form-data
 * with the file in a part, or a raw body) → `files.completeUploadExternal`, which shares the files
 * into `channel_id` as one bot message. Uploaded files are downloadable from the fake.
 * @module
 */
import { parseMultipart, mediaType } from './read-body.js';
import {
  SlackApiError,
  botAuthor,
  fileJson,
  jsonArg,
  postableChannel,
  requiredString,
  stringArg,
  type FakeState,
  type MethodHandler,
} from './web-api-kit.js';
import type { FileRecord } from './conversation.js';

const MIME_TYPES: Record<string, string> = {
  json: 'application/json',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  yaml: 'text/yaml',
  yml: 'text/yaml',
  sh: 'text/x-sh',
  py: 'text/x-python',
};

function mimeTypeFor(filename: string): string {
  const extension = filename.includes('.') ? filename.split('.').pop()?.toLowerCase() : undefined;
  return (extension && MIME_TYPES[extension]) ?? 'application/octet-stream';
}

/** Download URL on the fake for a file. */
export function fileUrl(origin: string, id: string, name: string): string {
  return `${origin}/files/${id}/${encodeURIComponent(name)}`;
}

export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': (args, state) => {
    const filename = requiredString(args, 'filename');
    const length = Number(requiredString(args, 'length'));
    if (!Number.isInteger(length) || length < 0) throw new SlackApiError('invalid_arguments', ['[ERROR] length must be a non-negative integer']);
    const snippetType = stringArg(args, 'snippet_type');
    const altText = stringArg(args, 'alt_text');
    const file = state.conversation.addFile(
      {
        name: filename,
        title: filename,
        mimetype: mimeTypeFor(filename),
        declaredLength: length,
        ...(snippetType ? { snippetType } : {}),
        ...(altText ? { altText } : {}),
      },
      (id, name) => fileUrl(state.origin(), id, name),
    );
    return { ok: true, upload_url: `${state.origin()}/upload/${file.id}`, file_id: file.id };
  },

  'files.completeUploadExternal': (args, state) => {
    const entries = jsonArg(args, 'files', 'invalid_arguments');
    if (!Array.isArray(entries) || entries.length === 0) throw new SlackApiError('invalid_arguments', ['[ERROR] files must be a non-empty array']);
    const files: FileRecord[] = entries.map((entry: unknown) => {
      const id = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['id'] : undefined;
      const file = typeof id === 'string' ? state.conversation.file(id) : undefined;
      // A file whose bytes never arrived can't be completed.
      if (!file || file.content === undefined) throw new SlackApiError('file_not_found');
      const title = (entry as Record<string, unknown>)['title'];
      if (typeof title === 'string' && title !== '') file.title = title;
      return file;
    });
    const channelArg = stringArg(args, 'channel_id') ?? stringArg(args, 'channels');
    if (channelArg !== undefined) {
      const channel = postableChannel(state, channelArg);
      const threadTs = stringArg(args, 'thread_ts');
      const blocks = jsonArg(args, 'blocks', 'invalid_blocks_format');
      state.conversation.shareFiles(files, {
        channel: channel.id,
        author: botAuthor(state.identity),
        source: 'files.completeUploadExternal',
        text: stringArg(args, 'initial_comment') ?? '',
        ...(Array.isArray(blocks) ? { blocks } : {}),
        ...(threadTs ? { threadTs } : {}),
      });
    }
    return { ok: true, files: files.map((f) => fileJson(f, state.identity)) };
  },
};

/** Handles a POST to an `upload_url`; answers like Slack's upload host (`OK - <bytes>`). */
export async function receiveUpload(
  state: FakeState,
  fileId: string,
  body: Buffer,
  contentType: string | undefined,
): Promise<{ status: number; body: string }> {
  const file = state.conversation.file(fileId);
  if (!file) return { status: 404, body: 'file_not_found' };
  let content = body;
  if (mediaType(contentType) === 'multipart/form-data') {
    // @slack/web-api sends one part named `body` holding the file; take the first binary part.
    const parts = await parseMultipart(body, contentType ?? '');
    const binary = parts.find((part): part is [string, Buffer] => Buffer.isBuffer(part[1]));
    const text = parts.find(([key]) => key === 'body' || key === 'file');
    content = binary?.[1] ?? Buffer.from(String(text?.[1] ?? ''));
  }
  file.content = content;
  return { status: 200, body: `OK - ${content.length}` };
}
