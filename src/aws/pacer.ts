/**
 * Client-side pacing for SageMaker (DESIGN.md §5): SageMaker's control-plane limits are shared with
 * the account's production pipelines and cannot be raised, so the audit takes a token from a bucket
 * before every request *attempt* — retries included — and never bursts past `ratePerSecond`.
 *
 * The bucket hands out reservations: a caller that finds it empty is given the next free slot and
 * sleeps until then, so waiters are served in arrival order without a queue.
 * @module
 */
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';

export interface TokenBucketOptions {
  /** Sustained rate, tokens per second (> 0). */
  ratePerSecond: number;
  /** Tokens available at once after an idle period. [1] */
  burst?: number;
  /** Clock in ms. [Date.now] */
  now?: () => number;
  /** Waits `ms`. [setTimeout] */
  sleep?: (ms: number) => Promise<void>;
}

export interface TokenBucket {
  /** Resolves when the caller may send one request. */
  take(): Promise<void>;
}

/**
 * @example
 * const bucket = createTokenBucket({ ratePerSecond: 5 });
 * await bucket.take(); // at most 5 per second, sustained
 */
export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { ratePerSecond, burst = 1, now = () => Date.now(), sleep = defaultSleep } = options;
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
    throw new RangeError(`ratePerSecond must be a positive number, got ${ratePerSecond}`);
  }
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError(`burst must be at least 1, got ${burst}`);
  const msPerToken = 1000 / ratePerSecond;
  // May go negative: each negative unit is a reservation by a caller that is already sleeping.
  let tokens = burst;
  let last = now();

  return {
    async take() {
      const at = now();
      tokens = Math.min(burst, tokens + (at - last) / msPerToken);
      last = at;
      tokens -= 1;
      if (tokens >= 0) return;
      await sleep(-tokens * msPerToken);
    },
  };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const PACING_MIDDLEWARE_NAME = 'sagemakerVpcPacing';

/**
 * Installs the bucket on a client's middleware stack, after the retry middleware (so every attempt
 * waits) and before signing (so a long wait never leaves a request with a stale signature).
 */
export function addPacing(stack: SageMakerClient['middlewareStack'], bucket: TokenBucket): void {
  const pace =
    <Args, Result>(next: (args: Args) => Promise<Result>) =>
    async (args: Args): Promise<Result> => {
      await bucket.take();
      return next(args);
    };
  stack.addRelativeTo(pace, {
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
    name: PACING_MIDDLEWARE_NAME,
    override: true,
  });
}
