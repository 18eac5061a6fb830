import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// The Workers tests: they run inside workerd (the production runtime) against a real local D1 with the
// project's migrations applied, and reach the app through HTTP (exports.default.fetch).
export default defineConfig(async () => {
  const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname);
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            // A fixed test pepper (tests only): production and `npm start` use random ones.
            PEPPER: `test1:${btoa('test pepper for the workers tests!')}`,
          },
          // A second database that never gets migrations, for the "missing table" fail-closed tests.
          d1Databases: { DB: 'amiaffected-test', EMPTY_DB: 'amiaffected-empty' },
        },
      }),
    ],
    test: {
      include: ['test/worker/**/*.test.ts'],
      setupFiles: ['./test/worker/setup.ts'],
    },
  };
});
