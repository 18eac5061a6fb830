/**
 * The files of public/, handed to the asset store, which serves them with the headers of public/_headers.
 * The Worker runs first for them too (wrangler.toml: run_worker_first = true) only so that plain HTTP is
 * redirected before any file is served; index.ts mounts this router right after that redirect and before
 * the page middleware, whose headers and no-store are for dynamic responses. A file added to public/
 * needs its path here (test/e2e/static-files.test.ts serves every one).
 */
import { Hono } from 'hono';
import type { AppBindings } from '../env.ts';

export const STATIC_FILES = ['/styles.css', '/agent.js', '/favicon.svg'] as const;

export const staticFiles = new Hono<AppBindings>();
for (const path of STATIC_FILES) staticFiles.get(path, (c) => c.env.ASSETS.fetch(c.req.raw));
