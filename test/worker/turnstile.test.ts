/**
 * Optional Turnstile: off without keys; with keys, lookups and verify checks need a token that
 * siteverify accepts, checked before the lookup, and the CSP names Turnstile's origin and nothing else.
 * siteverify is stubbed here (the test replaces fetch); nothing calls out.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ja } from '../../src/i18n/ja.ts';
import { checkRequest, fetchWith, formRequest, h1, ORIGIN, verifyRequest } from './http.ts';

const keys = { TURNSTILE_SITE_KEY: '1x00000000000000000000AA', TURNSTILE_SECRET_KEY: 'test-secret' };
const SITEVERIFY = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/** Replaces siteverify: accepts exactly the token "good", and records what it was sent. */
function stubSiteverify(answer: (token: string) => Response | Promise<Response> = (t) => Response.json({ success: t === 'good' })) {
  const sent: FormData[] = [];
  const real = globalThis.fetch;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== SITEVERIFY) return real(input, init);
    const form = init!.body as FormData;
    sent.push(form);
    return answer(String(form.get('response')));
  });
  return { sent, spy };
}

afterEach(() => vi.restoreAllMocks());

describe('Turnstile switched off (no keys)', () => {
  it('needs no token and the pages load no third-party script', async () => {
    const { spy } = stubSiteverify();
    const res = await fetchWith(checkRequest({ incident: 'demo', email: 'affected@example.com' }));
    expect(res.status).toBe(200);
    const page = await fetchWith(new Request(`${ORIGIN}/i/demo`));
    const html = await page.text();
    expect(html).not.toContain('challenges.cloudflare.com');
    expect(page.headers.get('content-security-policy')).not.toContain('challenges.cloudflare.com');
    expect(spy).not.toHaveBeenCalledWith(SITEVERIFY, expect.anything());
  });

  it('stays off with only one of the two keys', async () => {
    stubSiteverify();
    const res = await fetchWith(checkRequest({ incident: 'demo', email: 'affected@example.com' }), { TURNSTILE_SITE_KEY: keys.TURNSTILE_SITE_KEY });
    expect(res.status).toBe(200);
  });
});

describe('Turnstile switched on', () => {
  it('shows the widget, and the CSP allows exactly its origin for scripts and frames', async () => {
    const res = await fetchWith(new Request(`${ORIGIN}/i/demo`), keys);
    const html = await res.text();
    expect(html).toContain(`data-sitekey="${keys.TURNSTILE_SITE_KEY}"`);
    expect(html).toContain('src="https://challenges.cloudflare.com/turnstile/v0/api.js"');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' https://challenges.cloudflare.com");
    expect(csp).toContain('frame-src https://challenges.cloudflare.com');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/connect-src[^;]*challenges/);
  });

  it('answers when siteverify accepts the token, sending it the secret, the token and the client IP', async () => {
    const { sent } = stubSiteverify();
    const res = await fetchWith(
      checkRequest({ incident: 'demo', email: 'affected@example.com', turnstile: 'good' }, { ip: '203.0.113.9' }),
      keys,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ affected: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.get('secret')).toBe('test-secret');
    expect(sent[0]!.get('response')).toBe('good');
    expect(sent[0]!.get('remoteip')).toBe('203.0.113.9');
  });

  it('refuses (403) before any lookup when the token is missing or rejected', async () => {
    stubSiteverify();
    for (const body of [{ incident: 'demo', email: 'affected@example.com' }, { incident: 'demo', email: 'affected@example.com', turnstile: 'bad' }]) {
      const res = await fetchWith(checkRequest(body), keys);
      expect(res.status).toBe(403);
      const json = await res.json<Record<string, unknown>>();
      expect(json).toEqual({ error: 'bot_check_failed', message: ja.errors.bot_check_failed });
    }
    const verify = await fetchWith(verifyRequest({ code: 'K7QM-3XTR-9HWD-FP2N-6BJC', turnstile: 'bad' }), keys);
    expect(verify.status).toBe(403);
  });

  it('reads the widget field from the form', async () => {
    stubSiteverify();
    const ok = await fetchWith(formRequest('demo', { identifier: 'affected@example.com', 'cf-turnstile-response': 'good' }), keys);
    expect(h1(await ok.text())).toBe(ja.answer.affected.confirmed);
    const refused = await fetchWith(formRequest('demo', { identifier: 'affected@example.com' }), keys);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(ja.errors.bot_check_failed);
  });

  it('cannot answer (503), rather than skip the check, when siteverify is unreachable or fails', async () => {
    for (const failure of [() => Promise.reject(new TypeError('network down')), () => new Response('oops', { status: 500 })]) {
      vi.restoreAllMocks();
      stubSiteverify(failure);
      const res = await fetchWith(checkRequest({ incident: 'demo', email: 'affected@example.com', turnstile: 'good' }), keys);
      expect(res.status).toBe(503);
      expect(await res.json()).not.toHaveProperty('affected');
    }
  });
});
