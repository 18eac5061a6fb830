/**
 * The files of public/ reach readers byte for byte, with their own headers, from the Worker's bundle
 * (src/routes/static-files.ts; wrangler.toml bundles them as text). A file added to public/ without its
 * entry there would be answered by the Worker's 404 page: this test asks the running portal (built as
 * `npm start` builds it) for every file there and compares the answer with the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';

const baseURL = inject('baseURL');
const files = readdirSync('public');
const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml' };

describe('static files', () => {
  it.each(files)('serves public/%s byte for byte, cacheable, with its type and the strict headers', async (name) => {
    const res = await fetch(`${baseURL}/${name}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(`public/${name}`))).toBe(true);
    expect(res.headers.get('content-type')).toBe(TYPES[name.split('.').pop()!]);
    // Every dynamic response is no-store; a static file may be cached.
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=63072000');
  });

  it.each(files)('answers a revalidation of public/%s with 304, and a changed file with the file', async (name) => {
    const etag = (await fetch(`${baseURL}/${name}`)).headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const same = await fetch(`${baseURL}/${name}`, { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    const changed = await fetch(`${baseURL}/${name}`, { headers: { 'if-none-match': '"0000"' } });
    expect(changed.status).toBe(200);
    expect((await changed.arrayBuffer()).byteLength).toBe(readFileSync(`public/${name}`).length);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await fetch(`${baseURL}/styles.css`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  it('keeps the pages no-store', async () => {
    const res = await fetch(`${baseURL}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
