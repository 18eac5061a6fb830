import type { MiddlewareHandler } from 'hono';

/** Answers are personal: no browser or proxy cache may keep any response of the Worker. */
export function noStore(): MiddlewareHandler {
  return async function noStoreMiddleware(c, next) {
    await next();
    c.header('Cache-Control', 'no-store');
  };
}
