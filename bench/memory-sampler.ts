/**
 * Peak memory of the running process, sampled from `process.memoryUsage()` every 100 ms (and once
 * more on `stop()`, so a run shorter than one interval still has a reading). A sample is cheap
 * (~µs); the timer is unref'd so it never keeps a child alive.
 * @module
 */

export interface MemoryPeaks {
  /** Resident set size, bytes. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** Buffers and other memory outside the V8 heap. */
  external: number;
  samples: number;
}

export interface MemorySampler {
  /** Takes a last sample and stops. */
  stop(): MemoryPeaks;
}

export type MemoryReader = () => Pick<NodeJS.MemoryUsage, 'rss' | 'heapUsed' | 'heapTotal' | 'external'>;

/**
 * @example
 * const sampler = startMemorySampler();
 * await run();
 * const { rss } = sampler.stop();
 */
export function startMemorySampler(intervalMs = 100, read: MemoryReader = () => process.memoryUsage()): MemorySampler {
  const peaks: MemoryPeaks = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, samples: 0 };
  const sample = () => {
    const usage = read();
    peaks.rss = Math.max(peaks.rss, usage.rss);
    peaks.heapUsed = Math.max(peaks.heapUsed, usage.heapUsed);
    peaks.heapTotal = Math.max(peaks.heapTotal, usage.heapTotal);
    peaks.external = Math.max(peaks.external, usage.external);
    peaks.samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peaks };
    },
  };
}
