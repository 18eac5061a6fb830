/**
 * The headers scored by the rules of MDN's HTTP Observatory (issue 5, item 6), which SPEC asks to pass
 * with an A+. headers.test.ts pins the exact values; this file grades them the way the Observatory does,
 * on every kind of response a scan or a visitor can meet: public pages, API answers and refusals, error
 * pages, the console's development sign-in (the only cookie) and the static files (public/_headers).
 *
 * The rules, from the MDN HTTP Observatory's scoring documentation and its scanner
 * (github.com/mdn/mdn-http-observatory: src/grader/charts.js SCORE_TABLE, src/scanner/index.js,
 * src/analyzer/tests/*.js), as of its ten current tests (X-XSS-Protection and contribute.json are retired):
 * - every site starts at 100; each test's result adds its modifier;
 * - bonuses (positive modifiers) count only if the score without them is 90 or more;
 * - 100 or more is an A+. Here an A+ also needs every test to pass, not just the sum.
 *
 * Where a rule needs more than one response can show, this file is stricter than the scanner:
 * - every cookie counts as a session cookie (the scanner only treats names with "login" or "sess" so);
 * - expiring cookies are scored too (the scanner's cookie jar drops them);
 * - "hsts-preloaded" (+5) is never awarded: it needs the host on the browsers' preload list;
 * - redirection is not applicable: the Worker answers HTTPS only (Cloudflare redirects HTTP at the edge),
 *   scored as "redirection-not-needed-no-http" (0).
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import headersFile from '../../public/_headers?raw';
import type { AppEnv } from '../../src/env.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { check, checkRequest, fetchWith, formRequest, get, newClientIp, ORIGIN, postForm, send, submitForm, verifyRequest } from './http.ts';
import { definitionFor, issueCode, publish } from './seed.ts';

// ---- The scoring table ---------------------------------------------------------------------------------

/** Result name (as the Observatory reports it) → [modifier, whether the test passes]. */
const SCORE_TABLE = {
  // Content Security Policy
  'csp-implemented-with-no-unsafe-default-src-none': [10, true],
  'csp-implemented-with-no-unsafe': [5, true],
  'csp-implemented-with-unsafe-inline-in-style-src-only': [0, true],
  'csp-implemented-with-insecure-scheme-in-passive-content-only': [-10, true],
  'csp-implemented-with-unsafe-eval': [-10, false],
  'csp-implemented-with-unsafe-inline': [-20, false],
  'csp-implemented-with-insecure-scheme': [-20, false],
  'csp-header-invalid': [-25, false],
  'csp-not-implemented': [-25, false],
  // Cookies
  'cookies-secure-with-httponly-sessions-and-samesite': [5, true],
  'cookies-secure-with-httponly-sessions': [0, true],
  'cookies-not-found': [0, true],
  'cookies-without-secure-flag-but-protected-by-hsts': [-5, false],
  'cookies-session-without-secure-flag-but-protected-by-hsts': [-10, false],
  'cookies-without-secure-flag': [-20, false],
  'cookies-samesite-flag-invalid': [-20, false],
  'cookies-anticsrf-without-samesite-flag': [-20, false],
  'cookies-session-without-httponly-flag': [-30, false],
  'cookies-session-without-secure-flag': [-40, false],
  // Cross-origin Resource Sharing
  'cross-origin-resource-sharing-not-implemented': [0, true],
  'cross-origin-resource-sharing-implemented-with-public-access': [0, true],
  'cross-origin-resource-sharing-implemented-with-restricted-access': [0, true],
  'cross-origin-resource-sharing-implemented-with-universal-access': [-50, false],
  // Redirection
  'redirection-not-needed-no-http': [0, true],
  // Referrer Policy
  'referrer-policy-private': [5, true],
  'referrer-policy-not-implemented': [0, true],
  'referrer-policy-unsafe': [-5, false],
  'referrer-policy-header-invalid': [-5, false],
  // HTTP Strict Transport Security ("six months" is 15552000 s in the scanner's check)
  'hsts-implemented-max-age-at-least-six-months': [0, true],
  'hsts-implemented-max-age-less-than-six-months': [-10, false],
  'hsts-not-implemented': [-20, false],
  'hsts-header-invalid': [-20, false],
  // Subresource Integrity
  'sri-implemented-and-all-scripts-loaded-securely': [5, true],
  'sri-implemented-and-external-scripts-loaded-securely': [5, true],
  'sri-not-implemented-response-not-html': [0, true],
  'sri-not-implemented-but-no-scripts-loaded': [0, true],
  'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': [0, true],
  'sri-not-implemented-but-external-scripts-loaded-securely': [-5, false],
  'sri-not-implemented-and-external-scripts-not-loaded-securely': [-50, false],
  // X-Content-Type-Options
  'x-content-type-options-nosniff': [0, true],
  'x-content-type-options-not-implemented': [-5, false],
  'x-content-type-options-header-invalid': [-5, false],
  // X-Frame-Options
  'x-frame-options-implemented-via-csp': [5, true],
  'x-frame-options-sameorigin-or-deny': [0, true],
  'x-frame-options-not-implemented': [-20, false],
  'x-frame-options-header-invalid': [-20, false],
  // Cross-Origin-Resource-Policy
  'cross-origin-resource-policy-implemented-with-same-origin': [10, true],
  'cross-origin-resource-policy-implemented-with-same-site': [10, true],
  'cross-origin-resource-policy-implemented-with-cross-origin': [0, true],
  'cross-origin-resource-policy-not-implemented': [0, true],
  'cross-origin-resource-policy-header-invalid': [-5, false],
} as const satisfies Record<string, readonly [number, boolean]>;

type Result = keyof typeof SCORE_TABLE;
const SIX_MONTHS = 15_552_000;
const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/** What the scan saw: one response's headers, its body when HTML, and the Origin it sent. */
interface Scanned {
  headers: Headers;
  html?: string | undefined;
  requestOrigin?: string | undefined;
}

const BROAD = new Set(['*', 'http:', 'https:', 'ftp:', 'http://*', 'http://*.*', 'https://*', 'https://*.*']);
const BROAD_OR_INLINE = new Set([...BROAD, "'unsafe-inline'", 'data:']);

/** Parses one CSP; null when it cannot be parsed (a directive twice, a policy list, no directives). */
function parseCsp(header: string): Map<string, string[]> | null {
  if (header.includes(',')) return null; // more than one policy: out of what this portal should ever send
  const csp = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    if (csp.has(name.toLowerCase())) return null;
    csp.set(name.toLowerCase(), sources);
  }
  return csp.size > 0 ? csp : null;
}

function cspTest({ headers }: Scanned): Result {
  const header = headers.get('content-security-policy');
  if (!header) return 'csp-not-implemented';
  const csp = parseCsp(header);
  if (!csp) return 'csp-header-invalid';
  const fallback = (name: string) => csp.get(name) ?? csp.get('default-src') ?? ['*'];
  const script = fallback('script-src');
  const object = fallback('object-src');
  const style = fallback('style-src');
  if (script.includes("'strict-dynamic'") && !script.some((s) => /^'(nonce|sha(256|384|512))-/.test(s))) return 'csp-header-invalid';
  const passive = ['img-src', 'media-src'];
  const active = [...csp].filter(([d]) => !passive.includes(d) && d !== 'script-src').flatMap(([, s]) => s).concat(script);
  const insecure = (s: string) => s.startsWith('http:') || s.startsWith('ftp:');
  if (script.some((s) => BROAD_OR_INLINE.has(s)) || object.some((s) => BROAD.has(s))) return 'csp-implemented-with-unsafe-inline';
  if (active.some(insecure)) return 'csp-implemented-with-insecure-scheme';
  if ([...script, ...style].includes("'unsafe-eval'")) return 'csp-implemented-with-unsafe-eval';
  if (passive.flatMap((d) => csp.get(d) ?? csp.get('default-src') ?? []).some(insecure)) {
    return 'csp-implemented-with-insecure-scheme-in-passive-content-only';
  }
  if (style.some((s) => BROAD_OR_INLINE.has(s))) return 'csp-implemented-with-unsafe-inline-in-style-src-only';
  const defaultSrc = csp.get('default-src');
  return defaultSrc?.length === 1 && defaultSrc[0] === "'none'" ? 'csp-implemented-with-no-unsafe-default-src-none' : 'csp-implemented-with-no-unsafe';
}

function hstsTest({ headers }: Scanned): Result {
  const header = headers.get('strict-transport-security');
  if (!header) return 'hsts-not-implemented';
  const maxAge = /(?:^|;)\s*max-age="?(\d+)"?\s*(?:;|$)/i.exec(header)?.[1];
  if (maxAge === undefined) return 'hsts-header-invalid';
  return Number(maxAge) < SIX_MONTHS ? 'hsts-implemented-max-age-less-than-six-months' : 'hsts-implemented-max-age-at-least-six-months';
}

/** Every cookie is treated as a session cookie: the portal's only one is an agent's sign-in. */
function cookiesTest(scanned: Scanned): Result {
  const cookies = scanned.headers.getSetCookie();
  if (cookies.length === 0) return 'cookies-not-found';
  const hsts = SCORE_TABLE[hstsTest(scanned)][1];
  const order: Result[] = [
    'cookies-without-secure-flag-but-protected-by-hsts',
    'cookies-without-secure-flag',
    'cookies-session-without-secure-flag-but-protected-by-hsts',
    'cookies-samesite-flag-invalid',
    'cookies-anticsrf-without-samesite-flag',
    'cookies-session-without-httponly-flag',
    'cookies-session-without-secure-flag',
  ];
  let worst: Result | null = null;
  const worse = (r: Result) => {
    if (worst === null || order.indexOf(r) > order.indexOf(worst)) worst = r;
  };
  let allSameSite = true;
  for (const cookie of cookies) {
    const attributes = new Map(
      cookie
        .split(';')
        .slice(1)
        .map((a) => a.trim().split('=') as [string, string?])
        .map(([k, v]) => [k.trim().toLowerCase(), v?.trim().toLowerCase() ?? ''] as const),
    );
    const sameSite = attributes.get('samesite');
    const secure = attributes.has('secure');
    if (sameSite !== undefined && !['lax', 'strict', 'none'].includes(sameSite)) worse('cookies-samesite-flag-invalid');
    if (sameSite === 'none' && !secure) worse('cookies-samesite-flag-invalid');
    if (!secure) worse(hsts ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag');
    if (!attributes.has('httponly')) worse('cookies-session-without-httponly-flag');
    if (sameSite === undefined) allSameSite = false;
  }
  return worst ?? (allSameSite ? 'cookies-secure-with-httponly-sessions-and-samesite' : 'cookies-secure-with-httponly-sessions');
}

function corsTest({ headers, requestOrigin }: Scanned): Result {
  const allowed = headers.get('access-control-allow-origin');
  if (!allowed) return 'cross-origin-resource-sharing-not-implemented';
  if (allowed.trim() === '*') return 'cross-origin-resource-sharing-implemented-with-public-access';
  // Reflecting any origin, with credentials: any site can read the answer as the visitor.
  if (allowed === requestOrigin && headers.get('access-control-allow-credentials') === 'true') {
    return 'cross-origin-resource-sharing-implemented-with-universal-access';
  }
  return 'cross-origin-resource-sharing-implemented-with-restricted-access';
}

function referrerTest({ headers }: Scanned): Result {
  const header = headers.get('referrer-policy');
  if (!header) return 'referrer-policy-not-implemented';
  const good = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
  const bad = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];
  // Browsers use the last policy they understand.
  const policy = header
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => good.includes(p) || bad.includes(p))
    .at(-1);
  if (policy === undefined) return 'referrer-policy-header-invalid';
  return good.includes(policy) ? 'referrer-policy-private' : 'referrer-policy-unsafe';
}

function sriTest({ headers, html }: Scanned): Result {
  if (!(headers.get('content-type') ?? '').startsWith('text/html') || html === undefined) return 'sri-not-implemented-response-not-html';
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!);
  const withSrc = scripts.map((attrs) => ({ src: /\bsrc="([^"]*)"/i.exec(attrs)?.[1], integrity: /\bintegrity="/i.test(attrs) }));
  if (withSrc.length === 0) return 'sri-not-implemented-but-no-scripts-loaded';
  const external = withSrc.filter((s) => s.src && new URL(s.src, ORIGIN).origin !== ORIGIN);
  const allIntegrity = withSrc.every((s) => s.integrity);
  if (external.some((s) => !s.src!.startsWith('https:'))) return 'sri-not-implemented-and-external-scripts-not-loaded-securely';
  if (external.length === 0) {
    return allIntegrity ? 'sri-implemented-and-all-scripts-loaded-securely' : 'sri-not-implemented-but-all-scripts-loaded-from-secure-origin';
  }
  return external.every((s) => s.integrity) ? 'sri-implemented-and-external-scripts-loaded-securely' : 'sri-not-implemented-but-external-scripts-loaded-securely';
}

function xctoTest({ headers }: Scanned): Result {
  const header = headers.get('x-content-type-options');
  if (!header) return 'x-content-type-options-not-implemented';
  return header.trim().toLowerCase() === 'nosniff' ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid';
}

function xfoTest({ headers }: Scanned): Result {
  const ancestors = parseCsp(headers.get('content-security-policy') ?? '')?.get('frame-ancestors');
  if (ancestors && !ancestors.some((s) => BROAD.has(s))) return 'x-frame-options-implemented-via-csp';
  const header = headers.get('x-frame-options')?.trim().toLowerCase();
  if (!header) return 'x-frame-options-not-implemented';
  return header === 'deny' || header === 'sameorigin' ? 'x-frame-options-sameorigin-or-deny' : 'x-frame-options-header-invalid';
}

function corpTest({ headers }: Scanned): Result {
  const header = headers.get('cross-origin-resource-policy')?.trim().toLowerCase();
  if (!header) return 'cross-origin-resource-policy-not-implemented';
  const known: Record<string, Result> = {
    'same-origin': 'cross-origin-resource-policy-implemented-with-same-origin',
    'same-site': 'cross-origin-resource-policy-implemented-with-same-site',
    'cross-origin': 'cross-origin-resource-policy-implemented-with-cross-origin',
  };
  return known[header] ?? 'cross-origin-resource-policy-header-invalid';
}

const TESTS = {
  'content-security-policy': cspTest,
  cookies: cookiesTest,
  'cross-origin-resource-sharing': corsTest,
  redirection: (): Result => 'redirection-not-needed-no-http',
  'referrer-policy': referrerTest,
  'strict-transport-security': hstsTest,
  'subresource-integrity': sriTest,
  'x-content-type-options': xctoTest,
  'x-frame-options': xfoTest,
  'cross-origin-resource-policy': corpTest,
};

interface Grade {
  score: number;
  grade: string;
  results: Record<string, Result>;
  failing: string[];
}

function grade(scanned: Scanned): Grade {
  const results = Object.fromEntries(Object.entries(TESTS).map(([name, test]) => [name, test(scanned)])) as Record<string, Result>;
  const modifiers: number[] = Object.values(results).map((r) => SCORE_TABLE[r][0]);
  const uncurved = 100 + modifiers.filter((m) => m < 0).reduce((a, b) => a + b, 0);
  const withBonus = 100 + modifiers.reduce((a, b) => a + b, 0);
  const score = Math.max(0, uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : uncurved);
  const chart: [number, string][] = [[100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'], [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [0, 'F']];
  const letter = chart.find(([floor]) => score >= floor)![1];
  const failing = Object.entries(results).filter(([, r]) => !SCORE_TABLE[r][1]).map(([name, r]) => `${name}: ${r}`);
  return { score, grade: letter, results, failing };
}

async function scan(res: Response, requestOrigin?: string): Promise<Grade> {
  const html = (res.headers.get('content-type') ?? '').startsWith('text/html') ? await res.text() : (await res.arrayBuffer(), undefined);
  return grade({ headers: res.headers, html, requestOrigin });
}

// ---- The scorer itself, on header sets with known grades -------------------------------------------------

describe('the scorer', () => {
  it('grades a response with no security headers as the Observatory does (30, D)', () => {
    const g = grade({ headers: new Headers({ 'content-type': 'text/plain' }) });
    // CSP -25, HSTS -20, X-Content-Type-Options -5, X-Frame-Options -20.
    expect(g).toMatchObject({ score: 30, grade: 'D' });
    expect(g.failing).toHaveLength(4);
  });

  it('takes bonuses away below 90, and fails unsafe-inline, short HSTS and a leaky referrer policy', () => {
    const g = grade({
      headers: new Headers({
        'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        'strict-transport-security': 'max-age=86400',
        'referrer-policy': 'unsafe-url',
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': 'same-origin',
      }),
    });
    expect(g.results['content-security-policy']).toBe('csp-implemented-with-unsafe-inline');
    expect(g.results['strict-transport-security']).toBe('hsts-implemented-max-age-less-than-six-months');
    // 100 - 20 - 10 - 5 = 65; the frame-ancestors and CORP bonuses do not count below 90.
    expect(g).toMatchObject({ score: 65, grade: 'B-' });
  });

  it('fails a cookie without Secure, HttpOnly or SameSite, and an origin reflected with credentials', () => {
    const headers = new Headers({ 'access-control-allow-origin': 'https://evil.example', 'access-control-allow-credentials': 'true' });
    headers.append('set-cookie', 'agent_dev=x; Path=/');
    const g = grade({ headers, requestOrigin: 'https://evil.example' });
    // The worst of its faults counts: no Secure and no HSTS to make up for it (-40).
    expect(g.results.cookies).toBe('cookies-session-without-secure-flag');
    expect(g.results['cross-origin-resource-sharing']).toBe('cross-origin-resource-sharing-implemented-with-universal-access');
  });
});

// ---- The portal's responses --------------------------------------------------------------------------

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

describe('static files (public/_headers)', () => {
  /** The headers _headers gives a path, as Cloudflare applies them (rules in order, later values appended). */
  function staticHeaders(path: string): Headers {
    const headers = new Headers();
    let applies = false;
    for (const line of headersFile.split('\n')) {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      if (!/^\s/.test(line)) {
        const pattern = new RegExp(`^${line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
        applies = pattern.test(path);
        continue;
      }
      const colon = line.indexOf(':');
      if (applies && colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    return headers;
  }

  // In the Workers tests static files are not served (the request reaches the Worker), so the file is scored.
  it.each([
    ['/styles.css', 'text/css'],
    ['/agent.js', 'text/javascript'],
    ['/favicon.svg', 'image/svg+xml'],
  ])('%s gets an A+ with no failing test', (path, type) => {
    const headers = staticHeaders(path);
    headers.set('content-type', type);
    const g = grade({ headers });
    expect(g.failing).toEqual([]);
    expect(g).toMatchObject({ grade: 'A+', score: 130 });
  });
});
