/**
 * Optional Cloudflare Turnstile. It is on only when both TURNSTILE_SITE_KEY (a var) and
 * TURNSTILE_SECRET_KEY (a secret) are set; then every lookup and verify POST must carry a token that
 * siteverify accepts, checked here before any lookup runs. Forms send it as `cf-turnstile-response`
 * (the widget's own field), JSON clients as `turnstile`.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { config } from '../config.ts';
import type { AppBindings, AppEnv } from '../env.ts';
import { TURNSTILE_ORIGIN } from '../views/Turnstile.tsx';
import { Problem } from './problem.ts';

const SITEVERIFY = `${TURNSTILE_ORIGIN}/turnstile/v0/siteverify`;
const TIMEOUT_MS = 5000;

/**
 * The site key when the bot check is on, else null. Throws ConfigError when TURNSTILE_SITE_KEY is bad:
 * a check that was meant to run must not be skipped, so lookups and the pages with the widget answer 503.
 */
export function turnstileSiteKey(env: AppEnv): string | null {
  const siteKey = config(env).turnstileSiteKey;
  return siteKey && env.TURNSTILE_SECRET_KEY ? siteKey : null;
}

async function tokenOf(c: Context<AppBindings>): Promise<string | null> {
  const type = c.req.header('content-type') ?? '';
  try {
    // Hono caches parsed bodies, so the validators after this read the same body again for free.
    if (type.startsWith('application/json')) {
      const body: unknown = await c.req.json();
      const token = body && typeof body === 'object' ? (body as Record<string, unknown>).turnstile : undefined;
      return typeof token === 'string' ? token : null;
    }
    const form = await c.req.parseBody();
    const token = form['cf-turnstile-response'];
    return typeof token === 'string' ? token : null;
  } catch {
    return null; // an unreadable body fails the check; the validator would refuse it anyway
  }
}

/**
 * Refuses the request (403 bot_check_failed) unless siteverify accepts its token. When siteverify cannot
 * be reached the portal cannot tell people from bots, so it answers 503 rather than let lookups through.
 */
export function botCheck(): MiddlewareHandler<AppBindings> {
  return async function turnstileMiddleware(c, next) {
    if (!turnstileSiteKey(c.env)) return next();
    const token = await tokenOf(c);
    if (!token || token.length > 2048) throw new Problem('bot_check_failed');
    const form = new FormData();
    form.set('secret', c.env.TURNSTILE_SECRET_KEY!);
    form.set('response', token);
    const ip = c.req.header('cf-connecting-ip');
    if (ip) form.set('remoteip', ip);
    let outcome: { success?: unknown };
    try {
      const res = await fetch(SITEVERIFY, { method: 'POST', body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!res.ok) throw new Error(`siteverify answered ${res.status}`);
      outcome = await res.json();
    } catch (err) {
      throw new Problem('unavailable', err);
    }
    if (outcome.success !== true) throw new Problem('bot_check_failed');
    await next();
  };
}
