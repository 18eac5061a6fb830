/**
 * The console's sign-in: Cloudflare Access tokens verified against the team's JWKS (the tests' own keys,
 * served through a stubbed fetch), and the development sign-in, which exists only in development and
 * only on loopback. Without a valid sign-in the API answers 401 and the page shows a refusal, with no
 * customer data; with no sign-in configured at all, everyone is refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { AUD, KID, TEAM, accessEnv, accessToken, jwks, otherKey, stubAccessCerts, stubTeamCerts, viaAccess } from './access.ts';
import { ORIGIN, fetchWith, h1 } from './http.ts';

afterEach(() => vi.restoreAllMocks());

function agentCheck(headers: Record<string, string>, origin = ORIGIN) {
  return new Request(`${origin}/api/v1/agent/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ incident: 'demo', email: 'affected@example.com' }),
  });
}

const b64url = (value: unknown) => btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

describe('Cloudflare Access token', () => {
  it('a valid token signs the agent in: the API answers', async () => {
    stubAccessCerts();
    const res = await fetchWith(agentCheck(viaAccess(await accessToken({ email: 'valid@example.com' }))), accessEnv);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ affected: true });
  });

  const refused: [string, () => Promise<string>][] = [
    ['expired', () => accessToken({}, { expiresIn: -120 })],
    ['not yet valid', () => accessToken({}, { notBefore: 120 })],
    ['for another application (aud)', () => accessToken({ aud: 'another-application' })],
    ['from another team (iss)', () => accessToken({ iss: 'https://another-team.cloudflareaccess.com' })],
    ['signed with a key the team never published (bad signature)', () => accessToken({}, { key: otherKey.privateKey })],
    ['signed by an unknown kid', () => accessToken({}, { kid: 'unknown-kid', key: otherKey.privateKey })],
    ['unsigned (alg none)', async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ email: 'agent@example.com', aud: [AUD], iss: `https://${TEAM}`, exp: Math.floor(Date.now() / 1000) + 600 })}.`],
    ['without an email (a service token)', () => accessToken({ email: undefined })],
    ['tampered with (payload changed after signing)', async () => {
      const [header, , signature] = (await accessToken()).split('.');
      return `${header}.${b64url({ email: 'boss@example.com', aud: [AUD], iss: `https://${TEAM}`, exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
    }],
  ];

  for (const [name, token] of refused) {
    it(`refuses a token ${name}: 401, no customer data`, async () => {
      stubAccessCerts();
      const res = await fetchWith(agentCheck(viaAccess(await token())), accessEnv);
      expect(res.status).toBe(401);
      const body = await res.json<{ error: string; affected?: unknown }>();
      expect(body.error).toBe('unauthorized');
      expect(body.affected).toBeUndefined();
    });
  }

  it('refuses an HS256 token, even one keyed with the public JWKS text (algorithm allowlist)', async () => {
    const spy = stubAccessCerts();
    const jwks = await (await spy.getMockImplementation()!(`https://${TEAM}/cdn-cgi/access/certs`))!.text();
    const header = b64url({ alg: 'HS256', kid: 'test-key-1', typ: 'JWT' });
    const payload = b64url({ email: 'agent@example.com', aud: [AUD], iss: `https://${TEAM}`, exp: Math.floor(Date.now() / 1000) + 600 });
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(jwks), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${header}.${payload}`)));
    const signature = btoa(String.fromCharCode(...mac)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    const res = await fetchWith(agentCheck(viaAccess(`${header}.${payload}.${signature}`)), accessEnv);
    expect(res.status).toBe(401);
  });

  it('refuses every request when Access is not configured, even with a token that would be valid', async () => {
    stubAccessCerts();
    const token = await accessToken();
    for (const missing of [{ ACCESS_TEAM_DOMAIN: '' }, { ACCESS_AUD: '' }]) {
      const res = await fetchWith(agentCheck(viaAccess(token)), { ...accessEnv, ...missing });
      expect(res.status).toBe(401);
    }
  });

  it('answers 401 without any credentials, and the page shows a refusal with no form for customers', async () => {
    stubAccessCerts();
    const api = await fetchWith(agentCheck({}), accessEnv);
    expect(api.status).toBe(401);
    expect((await api.json<{ message: string }>()).message).toBe(ja.errors.unauthorized);
    const page = await fetchWith(new Request(`${ORIGIN}/agent?lang=en`), accessEnv);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(h1(html)).toBe(en.agent.refusedTitle);
    expect(html).not.toContain('name="email"');
    expect(html).not.toContain(en.agent.devSignInTitle);
    const post = await fetchWith(
      new Request(`${ORIGIN}/agent`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams({ incident: 'demo', email: 'affected@example.com' }).toString(),
      }),
      accessEnv,
    );
    expect(post.status).toBe(401);
    expect(await post.text()).not.toContain(ja.answer.affected.confirmed);
  });
});

describe('the team’s certs endpoint (JWKS) failing', () => {
  const keyWithoutModulus = { keys: [{ kty: 'RSA', kid: KID, alg: 'RS256', use: 'sig', e: 'AQAB' }] };
  const failures: [string, () => Response][] = [
    ['answers 500', () => new Response('internal error', { status: 500 })],
    ['answers 502 with a valid key set in the body', () => Response.json(jwks, { status: 502 })],
    ['answers 503', () => new Response(null, { status: 503 })],
    ['redirects elsewhere', () => new Response(null, { status: 302, headers: { location: 'https://example.com/certs' } })],
    ['answers 200 with an HTML error page', () => new Response('<!doctype html><title>Error</title>', { headers: { 'content-type': 'text/html' } })],
    ['answers 200 with an empty body', () => new Response('', { headers: { 'content-type': 'application/json' } })],
    ['answers 200 with truncated JSON', () => new Response(JSON.stringify(jwks).slice(0, 40), { headers: { 'content-type': 'application/json' } })],
    ['answers 200 with JSON null', () => Response.json(null)],
    ['answers 200 with an empty object', () => Response.json({})],
    ['answers 200 with an array', () => Response.json([jwks])],
    ['answers 200 with keys that are not a list', () => Response.json({ keys: 'none' })],
    ['answers 200 with keys that are not objects', () => Response.json({ keys: [1, 'two'] })],
    ['answers 200 with a key that cannot be imported', () => Response.json(keyWithoutModulus)],
    ['cannot be reached', () => {
      throw new TypeError('fetch failed');
    }],
  ];

  for (const [name, respond] of failures) {
    it(`cannot answer (503), rather than refuse or pass, when it ${name}`, async () => {
      const team = stubTeamCerts(respond);
      const res = await fetchWith(agentCheck(viaAccess(await accessToken({ iss: team.iss }))), team.env);
      expect(res.status).toBe(503);
      const body = await res.json<{ error: string; affected?: unknown }>();
      expect(body.error).toBe('unavailable');
      expect(body.affected).toBeUndefined();
      expect(team.spy).toHaveBeenCalled();
    });
  }

  it('shows the console page as "cannot answer right now", not as a sign-in refusal', async () => {
    const team = stubTeamCerts(() => new Response('bad gateway', { status: 502 }));
    const page = await fetchWith(new Request(`${ORIGIN}/agent?lang=en`, { headers: viaAccess(await accessToken({ iss: team.iss })) }), team.env);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(h1(html)).not.toBe(en.agent.refusedTitle);
    expect(html).not.toContain('name="email"');
  });

  it('lets the agent in once the endpoint answers with the key set again: a failure is not cached', async () => {
    let healthy = false;
    const team = stubTeamCerts(() => (healthy ? Response.json(jwks) : new Response('', { status: 500 })));
    const token = await accessToken({ iss: team.iss });
    expect((await fetchWith(agentCheck(viaAccess(token)), team.env)).status).toBe(503);
    healthy = true;
    expect((await fetchWith(agentCheck(viaAccess(token)), team.env)).status).toBe(200);
  });
});

describe('development sign-in', () => {
  const DEV = { ...accessEnv, AGENT_DEV_LOGIN: 'a-development-secret-of-more-than-32-characters' };
  const LOCAL = 'http://127.0.0.1:8787';

  function signIn(origin: string, headers: Record<string, string> = {}) {
    return new Request(`${origin}/agent/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...headers },
      body: 'name=Hanako',
    });
  }

  it('signs in by name on loopback in development, and the cookie opens the console', async () => {
    const res = await fetchWith(signIn(LOCAL), DEV);
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const page = await fetchWith(new Request(`${LOCAL}/agent?lang=en`, { headers: { cookie: cookie.split(';')[0]! } }), DEV);
    expect(page.status).toBe(200);
    // Recorded in lowercase, as every agent identity is: Hanako and hanako are one agent.
    expect(await page.text()).toContain(en.agent.signedInAs('dev:hanako'));
  });

  it('is refused from a non-loopback address, and its form is not offered there', async () => {
    const res = await fetchWith(signIn(ORIGIN), DEV);
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    const spoofed = await fetchWith(signIn(LOCAL, { 'cf-connecting-ip': '203.0.113.9' }), DEV);
    expect(spoofed.status).toBe(401);
    const page = await fetchWith(new Request(`${ORIGIN}/agent?lang=en`), DEV);
    expect(await page.text()).not.toContain(en.agent.devSignInTitle);
  });

  it('is refused when not in development (no AGENT_DEV_LOGIN), even on loopback', async () => {
    const res = await fetchWith(signIn(LOCAL), accessEnv);
    expect(res.status).toBe(401);
    const page = await fetchWith(new Request(`${LOCAL}/agent?lang=en`), accessEnv);
    expect(page.status).toBe(401);
    expect(await page.text()).not.toContain(en.agent.devSignInTitle);
  });

  it('does not accept a development cookie outside development or off loopback', async () => {
    const cookie = (await fetchWith(signIn(LOCAL), DEV)).headers.get('set-cookie')!.split(';')[0]!;
    const notDev = await fetchWith(new Request(`${LOCAL}/agent`, { headers: { cookie } }), accessEnv);
    expect(notDev.status).toBe(401);
    const remote = await fetchWith(new Request(`${ORIGIN}/agent`, { headers: { cookie } }), DEV);
    expect(remote.status).toBe(401);
    const otherSecret = await fetchWith(new Request(`${LOCAL}/agent`, { headers: { cookie } }), {
      ...DEV,
      AGENT_DEV_LOGIN: 'another-development-secret-of-32-characters-or-more',
    });
    expect(otherSecret.status).toBe(401);
  });
});
