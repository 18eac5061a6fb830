/**
 * Security and caching headers on every kind of dynamic response: pages, answers, JSON and refusals.
 * Answers are personal and notice links carry codes, so an error page must be as locked down as an answer.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../src/env.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { check, fetchWith, formRequest, get, newClientIp, ORIGIN, submitForm } from './http.ts';
import { definitionFor, publish } from './seed.ts';

// An incident with no dataset yet: every lookup on it must answer 503.
const NO_DATASET = 'headers-no-dataset';

beforeAll(async () => {
  await publish(definitionFor(NO_DATASET));
});

afterEach(() => vi.restoreAllMocks());

const DEV_LOGIN: Partial<AppEnv> = { AGENT_DEV_LOGIN: 'a development sign-in secret of 40 chars!' };
const devSignIn = () =>
  fetchWith(
    new Request('https://localhost/agent/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://localhost' },
      body: 'name=Alice',
    }),
    DEV_LOGIN,
  );
async function agentAnswer(): Promise<Response> {
  stubAccessCerts();
  const body = JSON.stringify({ incident: 'demo', email: 'affected@example.com' });
  const headers = { 'content-type': 'application/json', ...viaAccess(await accessToken()) };
  return fetchWith(new Request(`${ORIGIN}/api/v1/agent/check`, { method: 'POST', headers, body }), accessEnv);
}

const cases: [string, () => Promise<Response>, number][] = [
  ['the start page', () => get('/'), 200],
  ['the incident page', () => get('/i/demo?lang=en'), 200],
  ['a result page', () => submitForm('demo', { identifier: 'affected@example.com' }), 200],
  ['the form shown again', () => submitForm('demo', { identifier: 'Test' }), 400],
  ['a JSON answer', () => check({ incident: 'demo', email: 'affected@example.com' }), 200],
  ['a JSON refusal', () => check({ incident: 'demo', email: 'Test' }), 400],
  ['an unknown page', () => get('/no/such/page'), 404],
  ['an unknown incident page', () => get('/i/no-such-incident'), 404],
  ['an unknown incident in JSON', () => check({ incident: 'no-such-incident', email: 'a@example.com' }), 404],
  ['a CSRF refusal', () => submitForm('demo', { identifier: 'affected@example.com' }, { origin: null }), 403],
  ['a body too large', () => check({ incident: 'demo', email: 'a@example.com', pad: 'x'.repeat(5000) }), 413],
  ['"cannot answer" in JSON', () => check({ incident: NO_DATASET, email: 'affected@example.com' }), 503],
  ['"cannot answer" as a page', () => submitForm(NO_DATASET, { identifier: 'affected@example.com' }), 503],
  ['a failing database', () => fetchWith(formRequest('demo', { identifier: 'a@example.com' }), { DB: env.EMPTY_DB }), 503],
  ['a signed-in agent’s answer', agentAnswer, 200],
  ['the development sign-in', devSignIn, 303],
];

describe.each(cases)('%s', (_, request, status) => {
  let res: Response;
  beforeAll(async () => {
    res = await request();
    await res.arrayBuffer();
  });

  it(`answers ${status}`, () => {
    expect(res.status).toBe(status);
  });

  it('has a CSP that allows no inline script, no other origin and no framing', () => {
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    // A page runs its own script; a JSON answer none (no script-src: default-src 'none' applies).
    const scripts = directives.get('script-src') ?? directives.get('default-src');
    expect([["'self'"], ["'none'"]]).toContainEqual(scripts);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/https?:|\*/);
  });

  it('has HSTS for at least a year', () => {
    const hsts = res.headers.get('strict-transport-security') ?? '';
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
  });

  it('sends no referrer, cannot be framed or sniffed, and is never cached', () => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('carries the document headers unless it is JSON, which no browser makes a document of', () => {
    const json = res.headers.get('content-type')?.startsWith('application/json');
    expect(res.headers.get('cross-origin-opener-policy')).toBe(json ? null : 'same-origin');
    expect(res.headers.get('permissions-policy')).toBe(json ? null : 'camera=(), microphone=(), geolocation=(), payment=()');
    if (!json) expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('a rate-limited client', () => {
  it('gets the same headers on its 429', async () => {
    const ip = newClientIp();
    let res: Response | undefined;
    for (let i = 0; i < 11; i++) res = await check({ incident: 'demo', email: 'affected@example.com' }, { ip });
    expect(res!.status).toBe(429);
    expect(res!.headers.get('retry-after')).toBeTruthy();
    expect(res!.headers.get('cache-control')).toBe('no-store');
    expect(res!.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res!.headers.get('x-frame-options')).toBe('DENY');
  });
});
