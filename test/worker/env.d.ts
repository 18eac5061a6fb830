import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      EMPTY_DB: D1Database;
      PEPPER: string;
    }
  }
}
