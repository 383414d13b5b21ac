/**
 * Fault injection for the sandbox Slack: make a Web API method (or `upload`, `response_url`) fail
 * the next `count` times with a platform error, a 429 with `Retry-After`, or any other HTTP status,
 * so retry and fallback paths can be tested against the real client libraries.
 * @module
 */

export type Fault =
  /** HTTP 200 `{ ok: false, error }`, as Slack reports platform errors. */
  | { error: string; count?: number }
  /** An HTTP status; 429 carries `Retry-After: retryAfter` (seconds, default 1). */
  | { status: number; retryAfter?: number; count?: number };

/** Keys are Web API method names, or `upload` / `response_url`; `null` clears a key. */
export type FaultMap = Record<string, Fault | null>;

export interface FaultRegistry {
  set(faults: FaultMap): void;
  /** The fault to apply to this call, if any; each call spends one of its `count` (default 1). */
  take(key: string): Fault | undefined;
  reset(): void;
}

export function createFaultRegistry(): FaultRegistry {
  const faults = new Map<string, { fault: Fault; remaining: number }>();

  return {
    set(map) {
      for (const [key, fault] of Object.entries(map)) {
        if (fault === null) faults.delete(key);
        else faults.set(key, { fault, remaining: fault.count ?? 1 });
      }
    },
    take(key) {
      const entry = faults.get(key);
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) faults.delete(key);
      return entry.fault;
    },
    reset() {
      faults.clear();
    },
  };
}
