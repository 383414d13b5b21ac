/**
 * Run-level errors, de-duplicated by (code, operation, resource) and capped, so a fleet of
 * 100,000 jobs behind one deleted subnet reports one error, not 100,000.
 * @module
 */
import type { CollectorError } from '../audit/model.js';

export class ErrorLog {
  private readonly seen = new Map<string, CollectorError>();
  private dropped = 0;

  constructor(private readonly limit = 200) {}

  add(error: CollectorError): void {
    const key = `${error.code}|${error.operation}|${error.resource ?? ''}`;
    if (this.seen.has(key)) return;
    if (this.seen.size >= this.limit) {
      this.dropped += 1;
      return;
    }
    this.seen.set(key, error);
  }

  addAll(errors: Iterable<CollectorError>): void {
    for (const e of errors) this.add(e);
  }

  list(): CollectorError[] {
    const errors = [...this.seen.values()];
    if (this.dropped > 0) {
      errors.push({ code: 'unknown', operation: 'sagemaker-vpc', message: `${this.dropped} more distinct errors were not listed` });
    }
    return errors;
  }
}
