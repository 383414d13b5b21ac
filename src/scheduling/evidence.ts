/**
 * Files a digest run writes while jobs stream in, so memory does not grow with the fleet:
 * the run's `AuditDocument` (schemaVersion 1, DESIGN.md §5) into `REPORT_DIR` as evidence —
 * written under a temporary name and renamed when complete, so a reader never sees half a
 * document — and the full report as CSV in a temporary directory, for upload when the digest
 * does not fit in a message.
 * @module
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditSummary, CollectorError, JobReport } from '../audit/model.js';
import { CSV_EOL, CSV_HEADER, csvRow } from '../slack/views/fleet-csv.js';

/**
 * A file stream whose errors are kept (and thrown by the next write or the end) instead of
 * being emitted with no listener — which would crash the process when a run is abandoned and
 * its file removed while a write is still in flight.
 */
function openStream(path: string) {
  const out = createWriteStream(path);
  let failure: Error | undefined;
  out.on('error', (err) => {
    failure ??= err;
  });
  return {
    out,
    write(chunk: string): Promise<void> {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve) => {
        if (out.write(chunk)) return resolve();
        const done = () => {
          out.off('drain', done);
          out.off('error', done);
          resolve();
        };
        out.on('drain', done);
        out.on('error', done);
      });
    },
    close(): Promise<void> {
      if (failure) return Promise.reject(failure);
      if (out.writableEnded) return Promise.resolve();
      return new Promise((resolve, reject) => out.end(() => (failure ? reject(failure) : resolve())));
    },
  };
}

/** `2026-11-29T09-00-00Z`: an ISO time that is a safe file name everywhere. */
export function fileStamp(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

export interface EvidenceWriter {
  job(report: JobReport): Promise<void>;
  end(tail: { summary: AuditSummary; errors: CollectorError[]; notes: string[]; complete: boolean }): Promise<string>;
  abort(): Promise<void>;
}

export async function createEvidenceWriter(dir: string, name: string, generatedAt: string): Promise<EvidenceWriter> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  const partial = `${path}.partial`;
  const stream = openStream(partial);
  await stream.write(`{"schemaVersion":1,"generatedAt":${JSON.stringify(generatedAt)},"jobs":[`);
  let count = 0;
  return {
    async job(report) {
      await stream.write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(report)}`);
      count += 1;
    },
    async end({ summary, errors, notes, complete }) {
      const tail: Record<string, unknown> = { summary, errors };
      if (notes.length > 0) tail.notes = notes;
      if (!complete) tail.complete = false;
      await stream.write(`${count > 0 ? '\n' : ''}],${JSON.stringify(tail).slice(1)}\n`);
      await stream.close();
      await rename(partial, path);
      return path;
    },
    async abort() {
      stream.out.destroy();
      await rm(partial, { force: true });
    },
  };
}

export interface CsvFile {
  path: string;
  fileName: string;
  job(report: JobReport): Promise<void>;
  end(): Promise<void>;
  remove(): Promise<void>;
}

export async function createCsvFile(fileName: string): Promise<CsvFile> {
  const dir = await mkdtemp(join(tmpdir(), 'sagemaker-vpc-digest-'));
  const path = join(dir, fileName);
  const stream = openStream(path);
  await stream.write(`${CSV_HEADER}${CSV_EOL}`);
  return {
    path,
    fileName,
    async job(report) {
      await stream.write(`${csvRow(report)}${CSV_EOL}`);
    },
    async end() {
      await stream.close();
    },
    async remove() {
      stream.out.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
