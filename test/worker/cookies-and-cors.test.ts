/**
 * What a browser keeps from the portal and what another site may read from it, for the responses MDN's
 * HTTP Observatory cannot judge this way (test/e2e/observatory.test.ts runs the scanner itself):
 * - the one cookie, the console's development sign-in, is Secure, HttpOnly and SameSite=Strict, and so is
 *   the expiring cookie that signs out. The scanner never meets it (it only GETs, and the sign-in exists
 *   only on loopback), would demand HttpOnly and Secure only of names with "login" or "sess" in them, and
 *   drops expiring cookies before it looks;
 * - no other response sets a cookie, including those only these tests can produce (a signed-in agent's
 *   answer, a failing database);
 * - no answer grants a cross-site page a reading: the scanner checks only its own preflight, these check
 *   the answers themselves, sent with a foreign Origin.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../src/env.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { check, fetchWith, formRequest, get, ORIGIN, send, submitForm, verifyRequest } from './http.ts';
import { issueCode } from './seed.ts';

afterEach(() => vi.restoreAllMocks());

const EVIL = 'https://evil.example';
const LOCAL = 'https://localhost';
const DEV_LOGIN: Partial<AppEnv> = { AGENT_DEV_LOGIN: 'a development sign-in secret of 40 chars!' };
const devForm = (path: string, body: string) =>
  new Request(`${LOCAL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: LOCAL },
    body,
  });

/** A Set-Cookie line as attribute name (lowercase) → value ('' for a flag). */
function attributes(setCookie: string): Map<string, string> {
  return new Map(
    setCookie
      .split(';')
      .slice(1)
      .map((part) => {
        const [name, ...value] = part.split('=');
        return [name!.trim().toLowerCase(), value.join('=').trim()] as const;
      }),
  );
}

/** Secure, HttpOnly and SameSite=Strict, whatever the cookie's name. */
function expectLockedDown(setCookie: string) {
  const a = attributes(setCookie);
  expect(a.has('secure')).toBe(true);
  expect(a.has('httponly')).toBe(true);
  expect(a.get('samesite')?.toLowerCase()).toBe('strict');
  expect(a.get('path')).toBe('/');
}

describe('the development sign-in’s cookie', () => {
  it('is set Secure, HttpOnly and SameSite=Strict, for a working day', async () => {
    const res = await fetchWith(devForm('/agent/sign-in', 'name=Alice'), DEV_LOGIN);
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^agent_dev=/);
    expectLockedDown(cookies[0]!);
    expect(Number(attributes(cookies[0]!).get('max-age'))).toBe(8 * 3600);
  });

  it('is expired on sign-out with the same flags', async () => {
    const res = await fetchWith(devForm('/agent/sign-out', ''), DEV_LOGIN);
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^agent_dev=;/);
    expectLockedDown(cookies[0]!);
    const a = attributes(cookies[0]!);
    // Gone at once: no lifetime left, or an expiry already past.
    expect(a.get('max-age') === '0' || Date.parse(a.get('expires') ?? '') <= Date.now()).toBe(true);
  });
});

let notice = '';
beforeAll(async () => {
  notice = await issueCode('demo', 'affected@example.com');
});

async function signedInAgentAnswer(): Promise<Response> {
  stubAccessCerts();
  const request = new Request(`${ORIGIN}/api/v1/agent/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: EVIL, ...viaAccess(await accessToken()) },
    body: JSON.stringify({ incident: 'demo', email: 'affected@example.com' }),
  });
  return fetchWith(request, accessEnv);
}

/**
 * [what, request, status]. GETs and API calls carry a foreign Origin, as a cross-site script's would; the
 * forms carry the portal's own (a foreign one is refused before anything is answered).
 */
const responses: [string, () => Promise<Response>, number][] = [
  ['the start page', () => get('/', { origin: EVIL }), 200],
  ['an incident page', () => get('/i/demo?lang=en', { origin: EVIL }), 200],
  ['a notice link', () => get(`/n/${notice}`, { origin: EVIL }), 200],
  ['a result page', () => submitForm('demo', { identifier: 'affected@example.com' }), 200],
  ['a JSON answer', () => check({ incident: 'demo', email: 'affected@example.com' }, { headers: { origin: EVIL } }), 200],
  ['a verify API answer', () => send(verifyRequest({ code: notice }, { headers: { origin: EVIL } })), 200],
  ['a signed-in agent’s answer', signedInAgentAnswer, 200],
  ['the console refusing the unsigned', () => get('/agent', { origin: EVIL }), 401],
  ['an unknown page', () => get('/no/such/page', { origin: EVIL }), 404],
  ['a failing database', () => fetchWith(formRequest('demo', { identifier: 'a@example.com' }), { DB: env.EMPTY_DB }), 503],
];

describe.each(responses)('%s', (_, request, status) => {
  it(`answers ${status}, sets no cookie and grants no other origin a reading`, async () => {
    const res = await request();
    await res.arrayBuffer();
    expect(res.status).toBe(status);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
