import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { seedDemo } from './seed.ts';

// Setup files may run more than once; both steps are idempotent (migrations apply once, the demo
// import is skipped when the active dataset already holds the same set).
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await seedDemo();
