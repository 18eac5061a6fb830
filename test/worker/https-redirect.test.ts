/**
 * Protects readers on a network that can watch or change plain HTTP: whatever the zone's settings, the
 * Worker sends every plain-HTTP request to the same URL on https:// before it reads anything. A GET or
 * HEAD gets a 301; any other method a 308, so a browser repeats the form over HTTPS rather than the
 * Worker ever reading its body over HTTP. Loopback hosts keep plain HTTP for local development.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { fetchWith, newClientIp, send } from './http.ts';

const HTTP = 'http://portal.test';

describe('plain HTTP to a public host', () => {
  it.each(['/', '/i/demo', '/i/demo?lang=en', '/verify', '/n/K7QM-3XTR-9HWD-FP2N-6BJC', '/agent', '/api/v1/incidents', '/no-such-page'])(
    'GET %s gets a 301 to the same URL on https://',
    async (path) => {
      const res = await send(new Request(`${HTTP}${path}`, { redirect: 'manual' }));
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`https://portal.test${path}`);
    },
  );

  it('HEAD gets a 301 too', async () => {
    const res = await send(new Request(`${HTTP}/i/demo`, { method: 'HEAD', redirect: 'manual' }));
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('https://portal.test/i/demo');
  });

  it.each([
    ['the JSON lookup', '/api/v1/check', 'application/json', JSON.stringify({ incident: 'demo', email: 'taro@example.com' })],
    ['the page form', '/i/demo', 'application/x-www-form-urlencoded', 'identifier=taro%40example.com'],
    ['the code check', '/verify', 'application/x-www-form-urlencoded', 'code=K7QM3XTR9HWDFP2N6BJC'],
  ])('POST to %s gets a 308, and no answer', async (_what, path, type, body) => {
    const res = await send(
      new Request(`${HTTP}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': type, origin: HTTP, 'cf-connecting-ip': newClientIp() },
        body,
      }),
    );
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe(`https://portal.test${path}`);
    const text = await res.text();
    expect(text).not.toMatch(/affected|漏えい|taro/i);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s gets a 308', async (method) => {
    const res = await send(new Request(`${HTTP}/api/v1/check`, { method, redirect: 'manual' }));
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('https://portal.test/api/v1/check');
  });

  it('keeps a non-default port and the query string', async () => {
    const res = await send(new Request('http://portal.test:8080/i/demo?lang=en&x=1', { redirect: 'manual' }));
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('https://portal.test:8080/i/demo?lang=en&x=1');
  });

  it.each(['/styles.css', '/agent.js', '/favicon.svg'])('the static file %s is redirected too', async (path) => {
    const res = await send(new Request(`${HTTP}${path}`, { redirect: 'manual' }));
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`https://portal.test${path}`);
  });

  // Hosts that begin like a loopback address but are not one: the loopback shortcut must not take them.
  it.each(['http://localhost.portal.test', 'http://127.0.0.1.portal.test', 'http://localhostportal.test', 'http://127.0.0.10x.test'])(
    '%s is redirected too',
    async (origin) => {
      const res = await send(new Request(`${origin}/i/demo`, { redirect: 'manual' }));
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`${origin.replace('http:', 'https:')}/i/demo`);
    },
  );

  it('holds even when the bot check and everything else are configured', async () => {
    const res = await fetchWith(new Request(`${HTTP}/i/demo`, { redirect: 'manual' }), { ...env, TURNSTILE_SITE_KEY: 'site-key' });
    expect(res.status).toBe(301);
  });
});

describe('loopback and HTTPS', () => {
  it.each(['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787', 'http://portal.localhost', 'http://127.0.0.2'])(
    '%s is served over plain HTTP (local development)',
    async (origin) => {
      const res = await send(new Request(`${origin}/i/demo`, { redirect: 'manual' }));
      expect(res.status).toBe(200);
    },
  );

  it('an HTTPS request is served', async () => {
    const res = await send(new Request('https://portal.test/i/demo', { redirect: 'manual' }));
    expect(res.status).toBe(200);
  });
});
