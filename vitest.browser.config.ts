import { defineConfig } from 'vitest/config';

// Browser tests: Node drives Debian's Chromium (playwright-core) against the portal served by
// `scripts/start.ts`, the same path as `npm start`.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['./test/browser/portal-server.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
