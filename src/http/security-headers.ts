import type { MiddlewareHandler } from 'hono';
import type { AppBindings, AppEnv } from '../env.ts';
import { TURNSTILE_ORIGIN } from '../views/Turnstile.tsx';
import { turnstileSiteKey } from './turnstile.ts';

/** Two years, subdomains too, and eligible for the browsers' preload list. */
const HSTS = 'max-age=63072000; includeSubDomains; preload';

type HeaderList = readonly (readonly [name: string, value: string])[];

/**
 * What every response needs, document or not: HTTPS only, never sniffed into another type, never framed,
 * never read by another origin, and no referrer (notice links carry codes).
 */
const EVERY_RESPONSE: HeaderList = [
  ['Strict-Transport-Security', HSTS],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

/**
 * The headers of a response that is not a document: those of every response, and a CSP under which
 * nothing in it may run, load, frame or be framed. The JSON API's answers and the static files
 * (src/routes/static-files.ts) get these.
 */
export const RESOURCE_HEADERS: HeaderList = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"],
  ...EVERY_RESPONSE,
];

/**
 * A page's CSP: its own script, styles, images and fonts, no inline script and no third-party origin.
 * With Turnstile switched on, it allows exactly what the widget needs and nothing more: its script and
 * its frame, both from challenges.cloudflare.com.
 */
function pageCsp(turnstile: boolean): string {
  const script = turnstile ? `'self' ${TURNSTILE_ORIGIN}` : "'self'";
  return [
    "default-src 'none'",
    `script-src ${script}`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    ...(turnstile ? [`frame-src ${TURNSTILE_ORIGIN}`] : []),
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * A document's headers: those of every response with the page's CSP, and the headers that only a
 * document (an HTML page, a redirect, a text error) acts on: its own browsing-context group and agent
 * cluster, no powerful features, no DNS prefetching, no legacy download, cross-domain or XSS-filter
 * behaviour.
 */
function documentHeaders(turnstile: boolean): HeaderList {
  return [
    ['Content-Security-Policy', pageCsp(turnstile)],
    ...EVERY_RESPONSE,
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ];
}

// Every dynamic response is personal or may become so (answers, forms with what was typed, errors).
const NO_STORE: HeaderList = [['Cache-Control', 'no-store']];
const JSON_SET: HeaderList = [...RESOURCE_HEADERS, ...NO_STORE];
const PAGE_SET: HeaderList = [...documentHeaders(false), ...NO_STORE];
const PAGE_SET_TURNSTILE: HeaderList = [...documentHeaders(true), ...NO_STORE];

function turnstileOn(env: AppEnv): boolean {
  try {
    return turnstileSiteKey(env) !== null;
  } catch {
    // A bad Turnstile setting makes the lookup routes answer 503 (src/http/turnstile.ts); the strict set
    // is right for those answers.
    return false;
  }
}

/**
 * Sets the headers of every dynamic response and makes it uncacheable. A JSON body is never a
 * document (nosniff keeps a browser from making it one), so it gets the resource headers; everything
 * else, pages, redirects and text, gets the document's. Each header is left out of the JSON answers
 * only where no browser acts on it there: every header they carry costs every lookup its parsing and
 * writing, and lookups are the load the portal must carry on its worst day.
 *
 * @example
 * app.use(securityHeaders());
 */
export function securityHeaders(): MiddlewareHandler<AppBindings> {
  return async function securityHeadersMiddleware(c, next) {
    await next();
    const headers = c.res.headers;
    const set = headers.get('content-type')?.startsWith('application/json') ? JSON_SET : turnstileOn(c.env) ? PAGE_SET_TURNSTILE : PAGE_SET;
    for (const [name, value] of set) headers.set(name, value);
  };
}
