import type { MiddlewareHandler } from 'hono';
import type { AppBindings, AppEnv } from '../env.ts';
import { clientNetwork } from './client-network.ts';
import { Problem } from './problem.ts';

export interface RateLimitOptions {
  /** Picks the Workers Rate Limiting binding; a missing binding fails closed. */
  limiter: (env: AppEnv) => RateLimit | undefined;
}

/**
 * Limits lookups per client network with the Workers Rate Limiting binding (limit and period in
 * wrangler.toml): per IPv4 address, per IPv6 /64 (src/http/client-network.ts). Runs before input
 * validation, so malformed probes count too.
 *
 * @example
 * app.post('/api/v1/check', rateLimit({ limiter: (env) => env.LOOKUP_LIMITER }), handler)
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppBindings> {
  return async function rateLimitMiddleware(c, next) {
    const limiter = options.limiter(c.env);
    if (!limiter) throw new Problem('unavailable');
    // Cloudflare sets CF-Connecting-IP at the edge; local development has none, and shares one bucket.
    // So does anything that is not an address: rotating junk must not buy fresh attempts.
    const ip = c.req.header('cf-connecting-ip');
    const key = ip === undefined ? 'local' : (clientNetwork(ip) ?? 'unreadable');
    const { success } = await limiter.limit({ key });
    if (!success) throw new Problem('rate_limited');
    await next();
  };
}
