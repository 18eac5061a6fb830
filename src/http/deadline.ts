import type { MiddlewareHandler } from 'hono';
import { timeout } from 'hono/timeout';
import type { AppBindings } from '../env.ts';
import { Problem } from './problem.ts';

/**
 * How long a request may take before the portal gives up and says "we cannot answer right now". Longer
 * than any legitimate request (Turnstile's and the Access keys' 5 s timeouts plus a few D1 reads); it
 * exists for the call that never returns, such as a hung D1 query, which would otherwise leave the
 * customer waiting forever.
 */
export const REQUEST_DEADLINE_MS = 10_000;

/**
 * Fails closed (503 'unavailable') when the rest of the chain has not answered within `ms`. This is
 * hono's timeout middleware; its exception is a Problem, so the one error handler renders the 503 page
 * or JSON in the user's language and logs the cause, as for any other "cannot answer".
 *
 * @example
 * app.use(deadline()); // a hung D1 query ends in 503 after REQUEST_DEADLINE_MS
 */
export function deadline(ms = REQUEST_DEADLINE_MS): MiddlewareHandler<AppBindings> {
  return timeout(ms, () => new Problem('unavailable', new Error(`no answer within ${ms} ms`)));
}
