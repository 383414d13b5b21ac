import { defineConfig } from 'vitest/config';

// `npm run test:load`: load tests, not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/load/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
