/**
 * HTTPS, enforced by the Worker itself rather than left to the zone's "Always Use HTTPS" setting: a
 * request that arrived over plain HTTP gets the same URL on https://, before anything else runs. GET and
 * HEAD get a 301; every other method a 308, which tells the browser to repeat the same method and body
 * over HTTPS, so no form is ever read over HTTP. Loopback hosts are exempt: `npm start` and the tests
 * serve plain HTTP on 127.0.0.1.
 */
import type { MiddlewareHandler } from 'hono';
import { isLoopbackHost } from './loopback.ts';

// Loopback over plain HTTP in the forms the runtime writes it (npm start, the tests, the benchmarks):
// let through without a URL parse. Any other form, such as a loopback name followed by anything but a
// port or a path, goes through the parser below.
const PLAIN_LOOPBACK = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?\//;

export function httpsOnly(): MiddlewareHandler {
  return async function httpsOnly(c, next) {
    // Nearly every request in production is already HTTPS: it costs a string test, not a URL parse.
    const href = c.req.url;
    if (href.startsWith('https:') || PLAIN_LOOPBACK.test(href)) return next();
    const url = new URL(href);
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      url.protocol = 'https:';
      const method = c.req.method;
      return c.redirect(url.href, method === 'GET' || method === 'HEAD' ? 301 : 308);
    }
    await next();
  };
}
