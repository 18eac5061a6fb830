import type { MiddlewareHandler } from 'hono';

/** Answers are personal: no browser or proxy cache may keep any response of the Worker. */
export function noStore(): MiddlewareHandler {
  return async function noStoreMiddleware(c, next) {
    await next();
    // On the response's own headers, as the security headers are set: Hono's c.header() after the
    // handler has answered copies the whole response first, a cost every lookup would pay.
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
