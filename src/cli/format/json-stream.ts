/**
 * Writes the `--json` document (DESIGN.md §5) incrementally: jobs are streamed as they are
 * judged, so a 100,000-job audit never holds the document in memory. Honors backpressure.
 * @module
 */
import type { Writable } from 'node:stream';
import type { AuditSummary, CollectorError, JobReport } from '../../audit/model.js';

export interface JsonDocumentWriter {
  job(report: JobReport): Promise<void>;
  end(tail: { summary: AuditSummary; errors: CollectorError[]; notes?: string[]; complete?: boolean }): Promise<void>;
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = out.write(chunk, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else out.once('drain', resolve);
  });
}

export function createJsonDocumentWriter(out: Writable, generatedAt: string): JsonDocumentWriter {
  let started = false;
  let count = 0;
  const start = async () => {
    if (started) return;
    started = true;
    await write(out, `{"schemaVersion":1,"generatedAt":${JSON.stringify(generatedAt)},"jobs":[`);
  };
  return {
    async job(report) {
      await start();
      await write(out, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(report)}`);
      count += 1;
    },
    async end({ summary, errors, notes, complete }) {
      await start();
      const tail: Record<string, unknown> = { summary, errors };
      if (notes && notes.length > 0) tail.notes = notes;
      if (complete === false) tail.complete = false;
      const rest = JSON.stringify(tail).slice(1); // drop the opening brace: we are inside the document
      await write(out, `${count > 0 ? '\n' : ''}],${rest}\n`);
    },
  };
}
