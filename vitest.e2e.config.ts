import { defineConfig } from 'vitest/config';

// End-to-end tests from Node: the portal runs as `npm start` runs it (scripts/start.ts, wrangler dev,
// local D1 with the demo incident) on a free port with throwaway state. Browser tests drive Debian's
// Chromium through playwright-core; CLI tests run the operator CLI against the same local D1.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    globalSetup: ['./test/e2e/portal-server.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
