import { defineConfig } from 'vitest/config';

// Two cores on CI machines: two workers. Tests use real SQLite files, a real
// worker thread, a real HTTP host and real Chromium; nothing is mocked.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
