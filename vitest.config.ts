import { defineConfig } from 'vitest/config';

// In CI a JSON report is written as well, so `.ci/run` can print the plain "N passed, N failed" line.
const ci = process.env.CI === 'true';

export default defineConfig({
  test: {
    // bench/*.test.ts test the benchmark harness (fast); the benchmarks themselves are `npm run bench`.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['test/load/**', 'node_modules/**', 'dist/**'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ci ? ['default', 'json'] : ['default'],
    outputFile: ci ? { json: 'test-results/vitest.json' } : undefined,
  },
});
