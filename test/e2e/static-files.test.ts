/**
 * The files of public/ reach readers with the headers of public/_headers: the Worker runs first for
 * every path (so plain HTTP is redirected, static files included) and hands these files to the asset
 * store (src/routes/static-files.ts). A file added to public/ without its entry there would be answered
 * by the Worker's 404 page: this test serves each one from the running portal.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { STATIC_FILES } from '../../src/routes/static-files.ts';

const baseURL = inject('baseURL');
// _headers configures the static files; it is not one.
const files = readdirSync('public').filter((name) => name !== '_headers');

describe('static files', () => {
  it('the Worker hands every file of public/ to the asset store', () => {
    expect([...STATIC_FILES].sort()).toEqual(files.map((name) => `/${name}`).sort());
  });

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
