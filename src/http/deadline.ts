import type { MiddlewareHandler } from 'hono';
import type { AppBindings } from '../env.ts';
import { Problem } from './problem.ts';

/**
 * How long a request may take before the portal gives up and says "we cannot answer right now". Longer
 * than any legitimate request (Turnstile's and the Access keys' 5 s timeouts plus a few D1 reads); it
 * exists for the call that never returns, such as a hung D1 query, which would otherwise leave the
 * customer waiting forever.
 */
export const REQUEST_DEADLINE_MS = 10_000;

/** Fails closed (503 'unavailable') when the rest of the chain has not answered within `ms`. */
export function deadline(ms = REQUEST_DEADLINE_MS): MiddlewareHandler<AppBindings> {
  return async function deadlineMiddleware(_c, next) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Problem('unavailable', new Error(`no answer within ${ms} ms`))), ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
