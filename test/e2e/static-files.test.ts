/**
 * wrangler.toml sends every path to the Worker except the files in public/ (run_worker_first with one
 * "!/<name>" each), so lookups skip the asset check. A file added to public/ without its pattern would
 * be answered by the Worker's 404 page: this test serves each one from the running portal.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

const baseURL = inject('baseURL');
// _headers configures the static files; it is not one.
const files = readdirSync('public').filter((name) => name !== '_headers');

describe('static files', () => {
  it.each(files)('serves public/%s as a static file with the headers of public/_headers', async (name) => {
    const res = await fetch(`${baseURL}/${name}`);
    expect(res.status).toBe(200);
    // Only _headers gives this; every Worker response is no-store.
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers the pages from the Worker, not the asset store', async () => {
    const res = await fetch(`${baseURL}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
