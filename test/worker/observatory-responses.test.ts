/**
 * Every kind of response a scan or a visitor can meet gets an A+ by the rules of MDN's HTTP Observatory,
 * with no failing test: public pages, API answers and refusals, error pages, the console's development
 * sign-in and sign-out (the only cookie), and pages with Turnstile switched on (whose one failing test,
 * Subresource Integrity, is by design). headers.test.ts pins the exact header values; this file grades
 * them the way the Observatory does (observatory-grader.ts).
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../src/env.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { check, checkRequest, fetchWith, formRequest, get, newClientIp, ORIGIN, postForm, send, submitForm, verifyRequest } from './http.ts';
import { scan } from './observatory-grader.ts';
import { definitionFor, issueCode, publish } from './seed.ts';

const NO_DATASET = 'observatory-no-dataset';
let notice = '';

beforeAll(async () => {
  await publish(definitionFor(NO_DATASET));
  notice = await issueCode('demo', 'affected@example.com');
});

afterEach(() => vi.restoreAllMocks());

const EVIL = 'https://evil.example';
const ip = () => ({ 'cf-connecting-ip': newClientIp() });
const DEV_LOGIN: Partial<AppEnv> = { AGENT_DEV_LOGIN: 'a development sign-in secret of 40 chars!' };
const devForm = (path: string, body: string) =>
  new Request(`https://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://localhost' },
    body,
  });

/** [name, request, expected status, score with every bonus this portal can earn]. */
const responses: [string, () => Promise<Response>, number, number][] = [
  // Pages. 130 = 100 + CSP default-src 'none' (10) + no-referrer (5) + frame-ancestors (5) + CORP same-origin (10).
  ['the start page', () => get('/', { origin: EVIL }), 200, 130],
  ['an incident page (en)', () => get('/i/demo?lang=en', { origin: EVIL }), 200, 130],
  ['a result page', () => submitForm('demo', { identifier: 'affected@example.com' }), 200, 130],
  ['the form shown again with an error', () => submitForm('demo', { identifier: '<b>"x"</b>' }), 400, 130],
  ['a notice link', () => get(`/n/${notice}`, ip()), 200, 130],
  ['a notice link we never issued', () => get('/n/K7QM-3XTR-9HWD-FP2N-6BJC', ip()), 404, 130],
  ['the verify page', () => get('/verify'), 200, 130],
  ['a verify answer page', () => send(postForm('/verify', { code: notice })), 200, 130],
  ['the console sign-in page (not signed in)', () => get('/agent'), 401, 130],
  // API answers and refusals.
  ['a JSON answer', () => check({ incident: 'demo', email: 'affected@example.com' }, { headers: { origin: EVIL } }), 200, 130],
  ['a JSON refusal (400)', () => check({ incident: 'demo', email: 5 }), 400, 130],
  ['a JSON unknown incident (404)', () => check({ incident: 'no-such-incident', email: 'a@example.com' }), 404, 130],
  ['a JSON body too large (413)', () => check({ incident: 'demo', email: 'a@example.com', pad: 'x'.repeat(5000) }), 413, 130],
  ['a JSON "cannot answer" (503)', () => check({ incident: NO_DATASET, email: 'a@example.com' }), 503, 130],
  ['a verify API answer', () => send(verifyRequest({ code: notice }, { headers: { origin: EVIL } })), 200, 130],
  ['an unsigned agent API call (401)', () => send(new Request(`${ORIGIN}/api/v1/agent/check`, { method: 'POST', headers: { 'content-type': 'application/json', origin: EVIL }, body: '{}' })), 401, 130],
  [
    'a signed-in agent API answer',
    async () => {
      stubAccessCerts();
      const req = new Request(`${ORIGIN}/api/v1/agent/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...viaAccess(await accessToken()) },
        body: JSON.stringify({ incident: 'demo', email: 'affected@example.com' }),
      });
      return fetchWith(req, accessEnv);
    },
    200,
    130,
  ],
  // Error pages.
  ['an unknown page (404)', () => get('/no/such/page'), 404, 130],
  ['a CSRF refusal (403)', () => submitForm('demo', { identifier: 'a@example.com' }, { origin: EVIL }), 403, 130],
  ['"cannot answer" as a page (503)', () => send(formRequest(NO_DATASET, { identifier: 'a@example.com' })), 503, 130],
  [
    'a rate-limited client (429)',
    async () => {
      const client = newClientIp();
      let res: Response | undefined;
      for (let i = 0; i < 11; i++) res = await send(checkRequest({ incident: 'demo', email: 'a@example.com' }, { ip: client }));
      return res!;
    },
    429,
    130,
  ],
  ['a failing database (503)', () => fetchWith(formRequest('demo', { identifier: 'a@example.com' }), { DB: env.EMPTY_DB }), 503, 130],
  // The only cookie: the console's development sign-in (local development only), and its sign-out.
  ['the development sign-in (sets the cookie)', () => fetchWith(devForm('/agent/sign-in', 'name=Alice'), DEV_LOGIN), 303, 135],
  ['the development sign-out (expires the cookie)', () => fetchWith(devForm('/agent/sign-out', ''), DEV_LOGIN), 303, 135],
];

describe.each(responses)('%s', (_, request, status, best) => {
  it(`answers ${status} with an A+ by the Observatory's rules and no failing test`, async () => {
    const res = await request();
    expect(res.status).toBe(status);
    const g = await scan(res, EVIL);
    expect(g.failing).toEqual([]);
    expect(g.grade).toBe('A+');
    expect(g.score).toBe(best);
  });
});

describe('with Turnstile switched on', () => {
  it('keeps the A+, but fails Subresource Integrity: Turnstile forbids pinning its script', async () => {
    const res = await fetchWith(new Request(`${ORIGIN}/i/demo`), { TURNSTILE_SITE_KEY: '1x00000000000000000000AA', TURNSTILE_SECRET_KEY: 'test-secret' });
    const g = await scan(res);
    // Cloudflare serves api.js unversioned and changes it without notice, so an integrity hash would break
    // the widget: the one failing test, by design. 130 - 5 = 125 is still an A+.
    expect(g.failing).toEqual(['subresource-integrity: sri-not-implemented-but-external-scripts-loaded-securely']);
    expect(g.results['content-security-policy']).toBe('csp-implemented-with-no-unsafe-default-src-none');
    expect(g).toMatchObject({ score: 125, grade: 'A+' });
  });
});
