/**
 * The grade MDN's HTTP Observatory gives a response's headers, computed the way its scanner computes it, for
 * the observatory-*.test.ts files (SPEC asks for an A+).
 *
 * The rules, from the MDN HTTP Observatory's scoring documentation and its scanner
 * (github.com/mdn/mdn-http-observatory: src/grader/charts.js SCORE_TABLE, src/scanner/index.js,
 * src/analyzer/tests/*.js), as of its ten current tests (X-XSS-Protection and contribute.json are retired):
 * - every site starts at 100; each test's result adds its modifier;
 * - bonuses (positive modifiers) count only if the score without them is 90 or more;
 * - 100 or more is an A+. Here an A+ also needs every test to pass, not just the sum.
 *
 * Where a rule needs more than one response can show, this grader is stricter than the scanner:
 * - every cookie counts as a session cookie (the scanner only treats names with "login" or "sess" so);
 * - expiring cookies are scored too (the scanner's cookie jar drops them);
 * - "hsts-preloaded" (+5) is never awarded: it needs the host on the browsers' preload list;
 * - redirection is not applicable: the Worker answers HTTPS only (Cloudflare redirects HTTP at the edge),
 *   scored as "redirection-not-needed-no-http" (0).
 */
import { ORIGIN } from './http.ts';
import { type Result, SCORE_TABLE } from './observatory-score-table.ts';

const SIX_MONTHS = 15_552_000;
const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/** What the scan saw: one response's headers, its body when HTML, and the Origin it sent. */
export interface Scanned {
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

export interface Grade {
  score: number;
  grade: string;
  results: Record<string, Result>;
  failing: string[];
}

export function grade(scanned: Scanned): Grade {
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

export async function scan(res: Response, requestOrigin?: string): Promise<Grade> {
  const html = (res.headers.get('content-type') ?? '').startsWith('text/html') ? await res.text() : (await res.arrayBuffer(), undefined);
  return grade({ headers: res.headers, html, requestOrigin });
}
