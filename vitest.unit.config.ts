import { defineConfig } from 'vitest/config';

// Unit tests in plain Node: the CLI's and the core's pure parts, with neither workerd nor a running portal,
// so they run in seconds. The same code's Worker side is tested in workerd (vitest.config.ts), and what
// needs the portal runs in the end-to-end suite (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // One test imports a 20,000-row list on two hashing threads.
    testTimeout: 60_000,
  },
});
