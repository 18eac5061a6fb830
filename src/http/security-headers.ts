import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppBindings, AppEnv } from '../env.ts';
import { TURNSTILE_ORIGIN } from '../views/Turnstile.tsx';
import { turnstileSiteKey } from './turnstile.ts';

/** Two years, subdomains too, and eligible for the browsers' preload list; static files send it too. */
export const HSTS = 'max-age=63072000; includeSubDomains; preload';

/**
 * Headers for every dynamic response: a strict CSP with no inline script and no third-party origin,
 * HSTS, no framing, no referrer (notice links carry codes), nosniff and same-origin resource policy.
 * Static files get a stricter set of their own (src/routes/static-files.ts).
 *
 * With Turnstile switched on, the CSP allows exactly what its widget needs and nothing more: its
 * script and its frame, both from challenges.cloudflare.com.
 */
function headers(turnstile: boolean) {
  const extra = turnstile ? [TURNSTILE_ORIGIN] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", ...extra],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      ...(turnstile ? { frameSrc: extra } : {}),
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: HSTS,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
    // Nothing here sets X-Powered-By (neither Hono nor the runtime), so there is nothing to delete.
    removePoweredBy: false,
  });
}

/** Whether pages may load Turnstile. A bad site key gets the strict set: its 503 page needs no widget. */
function turnstileOn(env: AppEnv): boolean {
  try {
    return turnstileSiteKey(env) !== null;
  } catch {
    return false;
  }
}

export function securityHeaders(): MiddlewareHandler<AppBindings> {
  const strict = headers(false);
  const withTurnstile = headers(true);
  return function securityHeadersMiddleware(c, next) {
    return turnstileOn(c.env) ? withTurnstile(c, next) : strict(c, next);
  };
}
