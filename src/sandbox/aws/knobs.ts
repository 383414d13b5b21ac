/**
 * The sandbox's failure and load knobs: token-bucket throttling per service and region (as AWS
 * meters per account and region), seeded fault injection per operation, and per-operation counters.
 * @module
 */
import type { Rng } from './rng.js';
import { AwsError, type ServiceName } from './protocol.js';

export interface BucketConfig {
  /** Tokens added per second. */
  rps: number;
  /** Bucket size: how many requests may arrive at once. */
  burst: number;
}

export type ThrottleConfig = Partial<Record<ServiceName, BucketConfig>>;

export interface FaultSpec {
  /** Error code to answer, e.g. `UnauthorizedOperation`, `AccessDeniedException`, `InternalError`. */
  code?: string;
  message?: string;
  /** HTTP status; defaults per code (500/503 alone answer the service's own server error). */
  status?: number;
  /** Never answer: the connection stays open until the client gives up or the server closes. */
  hang?: boolean;
  /** Probability 0..1 that a call is hit (default 1), drawn from the seeded RNG. */
  rate?: number;
  /** Hit at most this many calls, then behave normally. */
  count?: number;
}

/** Keyed by operation name (`DescribeRouteTables`, `Search`, …). */
export type FaultConfig = Record<string, FaultSpec>;

export interface OperationCounters {
  calls: number;
  throttled: number;
  faulted: number;
}

interface TokenBucket {
  take(now: number): boolean;
}

function createTokenBucket(config: BucketConfig, now: number): TokenBucket {
  let tokens = config.burst;
  let last = now;
  return {
    take(at) {
      tokens = Math.min(config.burst, tokens + ((at - last) / 1000) * config.rps);
      last = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

export function createThrottle(initial: ThrottleConfig | undefined, clock: () => number) {
  let config = initial ?? {};
  const buckets = new Map<string, TokenBucket>();
  return {
    /** False when the caller's bucket is empty. */
    admit(service: ServiceName, region: string): boolean {
      const bucketConfig = config[service];
      if (!bucketConfig) return true;
      const key = `${service}:${region}`;
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = createTokenBucket(bucketConfig, clock());
        buckets.set(key, bucket);
      }
      return bucket.take(clock());
    },
    set(next: ThrottleConfig | undefined): void {
      config = next ?? {};
      buckets.clear();
    },
  };
}

/** The error each service answers when its bucket is empty. */
export function throttlingError(service: ServiceName): AwsError {
  return service === 'sagemaker'
    ? new AwsError('ThrottlingException', 'Rate exceeded', 400)
    : new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
}

const DEFAULT_STATUS: Record<string, number> = {
  UnauthorizedOperation: 403,
  AccessDeniedException: 400,
  AccessDenied: 403,
  ThrottlingException: 400,
  RequestLimitExceeded: 503,
  InternalError: 500,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  Unavailable: 503,
};

/** The concrete error a fault answers with, filled with AWS's wording for the usual codes. */
export function faultError(spec: FaultSpec, service: ServiceName, operation: string, accountId: string): AwsError {
  const action = `${service}:${operation}`;
  const user = `arn:aws:sts::${accountId}:assumed-role/sagemaker-vpc-audit/sandbox`;
  const status = spec.status ?? (spec.code ? DEFAULT_STATUS[spec.code] ?? 400 : 500);
  const code = spec.code ?? (status >= 503 ? (service === 'ec2' ? 'Unavailable' : 'ServiceUnavailable') : service === 'ec2' ? 'InternalError' : 'InternalFailure');
  const defaults: Record<string, string> = {
    UnauthorizedOperation: `You are not authorized to perform this operation. User: ${user} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
    AccessDeniedException: `User: ${user} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
    ThrottlingException: 'Rate exceeded',
    RequestLimitExceeded: 'Request limit exceeded.',
    InternalError: 'An internal error has occurred',
    InternalFailure: 'We encountered an internal error. Please try again.',
    ServiceUnavailable: 'Service is unavailable. Please try again later.',
    Unavailable: 'The server is overloaded and cannot handle the request.',
  };
  return new AwsError(code, spec.message ?? defaults[code] ?? `Injected fault ${code}`, status);
}

export function createFaultInjector(initial: FaultConfig | undefined, rng: Rng) {
  let config: FaultConfig = structuredClone(initial ?? {});
  return {
    /** The fault that hits this call, if any (consumes `count`). */
    draw(operation: string): FaultSpec | undefined {
      const spec = config[operation];
      if (!spec) return undefined;
      if (spec.count !== undefined && spec.count <= 0) return undefined;
      if (spec.rate !== undefined && !(rng.next() < spec.rate)) return undefined;
      if (spec.count !== undefined) spec.count -= 1;
      return spec;
    },
    set(next: FaultConfig | undefined): void {
      config = structuredClone(next ?? {});
    },
  };
}

export function createCounters() {
  let counters = new Map<string, OperationCounters>();
  function entry(operation: string): OperationCounters {
    let c = counters.get(operation);
    if (!c) {
      c = { calls: 0, throttled: 0, faulted: 0 };
      counters.set(operation, c);
    }
    return c;
  }
  return {
    call: (operation: string) => void entry(operation).calls++,
    throttled: (operation: string) => void entry(operation).throttled++,
    faulted: (operation: string) => void entry(operation).faulted++,
    snapshot: (): Record<string, OperationCounters> => Object.fromEntries([...counters].map(([op, c]) => [op, { ...c }])),
    reset: () => void (counters = new Map()),
  };
}
