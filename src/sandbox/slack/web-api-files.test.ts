import { WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEvent } from './conversation.js';
import { createQuietLogger } from './quiet-logger.js';
import { startSlackFake, type SlackFake } from './server.js';

const TOKEN = 'xoxb-sandbox-test';
const REPORT = JSON.stringify({ schemaVersion: 1, jobs: [{ name: 'train-42', verdict: 'fail' }] }, null, 2);

let fake: SlackFake;
let client: WebClient;

beforeAll(async () => {
  fake = await startSlackFake({ botToken: TOKEN });
  client = new WebClient(TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: createQuietLogger() });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe('filesUploadV2 against the fake', () => {
  it('uploads the bytes and shares the file into the channel as one bot message', async () => {
    const events: ConversationEvent['type'][] = [];
    const unsubscribe = fake.conversation.subscribe((e) => events.push(e.type));

    const result = await client.filesUploadV2({
      channel_id: 'C0GENERAL',
      content: REPORT,
      filename: 'sagemaker-vpc-report.json',
      title: 'Fleet report',
      initial_comment: 'Full report attached',
    });
    unsubscribe();

    const [file] = fake.conversation.files();
    expect(file).toMatchObject({ name: 'sagemaker-vpc-report.json', title: 'Fleet report', mimetype: 'application/json', channels: ['C0GENERAL'] });
    expect(file?.content?.toString('utf8')).toBe(REPORT);
    expect(fake.conversation.messages({ channel: 'C0GENERAL' })).toMatchObject([
      { text: 'Full report attached', files: [file?.id], source: 'files.completeUploadExternal', author: { kind: 'bot' } },
    ]);
    expect(events).toEqual(['message.posted', 'file.shared']);
    const completed = (result as unknown as { files: Array<{ files: Array<{ id: string }> }> }).files[0]?.files[0];
    expect(completed?.id).toBe(file?.id);
  });

  it('serves the uploaded content at the file URL', async () => {
    await client.filesUploadV2({ channel_id: 'C0GENERAL', content: 'a,b\n1,2\n', filename: 'jobs.csv' });
    const [file] = fake.conversation.files();

    const response = await fetch(file?.url as string);

    expect(response.headers.get('content-type')).toBe('text/csv');
    expect(await response.text()).toBe('a,b\n1,2\n');
  });

  it('uploads into a thread', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'fleet audit' });

    await client.filesUploadV2({ channel_id: 'C0GENERAL', thread_ts: parent.ts as string, content: 'x', filename: 'x.txt' });

    expect(fake.conversation.messages({ threadTs: parent.ts as string })).toHaveLength(1);
  });

  it('checks channel access when completing', async () => {
    const call = client.filesUploadV2({ channel_id: 'C0PRIVATE', content: 'x', filename: 'x.txt' });

    await expect(call).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
  });

  it('accepts a raw body at the upload URL as well as multipart', async () => {
    const { upload_url: uploadUrl, file_id: fileId } = await client.files.getUploadURLExternal({ filename: 'raw.txt', length: 3 });

    const raw = await fetch(uploadUrl as string, { method: 'POST', body: 'abc' });

    expect([raw.status, await raw.text()]).toEqual([200, 'OK - 3']);
    expect(fake.conversation.file(fileId as string)?.content?.toString()).toBe('abc');
  });

  it('refuses to complete a file whose bytes never arrived', async () => {
    const { file_id: fileId } = await client.files.getUploadURLExternal({ filename: 'never.txt', length: 5 });

    const error = (await client.files
      .completeUploadExternal({ files: [{ id: fileId as string }], channel_id: 'C0GENERAL' })
      .catch((e: unknown) => e)) as WebAPIPlatformError;

    expect(error.data.error).toBe('file_not_found');
  });
});
