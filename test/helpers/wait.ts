/** Polls until `probe` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false, { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
