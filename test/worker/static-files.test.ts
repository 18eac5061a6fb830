/**
 * The files of public/ come out of the Worker's own bundle as the text they hold, with their type and
 * strict headers, over HTTPS (test/e2e/static-files.test.ts compares them byte for byte with the files
 * under wrangler dev). Here: the bundle the Workers tests build treats them as text too, not as modules.
 */
import { describe, expect, it } from 'vitest';
import { get } from './http.ts';

describe('static files from the bundle', () => {
  it.each([
    ['/styles.css', 'text/css; charset=utf-8', '/* amiaffected'],
    ['/agent.js', 'text/javascript; charset=utf-8', '// The support console'],
    ['/favicon.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"'],
  ])('%s is served as its text', async (path, type, start) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect((await res.text()).startsWith(start)).toBe(true);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('answers If-None-Match: * with 304 and no body', async () => {
    const res = await get('/favicon.svg', { 'if-none-match': '*' });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('a page next to them is still no-store with the page policy', async () => {
    const res = await get('/');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("style-src 'self'");
  });
});
