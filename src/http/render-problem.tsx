import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { config } from '../config.ts';
import type { AppBindings } from '../env.ts';
import { messages } from '../i18n/messages.ts';
import { ErrorPage } from '../views/ErrorPage.tsx';
import { locale } from './locale.ts';
import { Problem, toProblem } from './problem.ts';

/** Seconds to send in Retry-After, or null for none. */
function retryAfter(c: Context<AppBindings>, problem: Problem): number | null {
  // The limiter's period: by then the client's bucket has certainly emptied.
  if (problem.code === 'rate_limited') return config(c.env).rateLimitPeriod;
  if (problem.code === 'unavailable') return 30;
  // The agent limit counts the last hour; an hour from now is when the agent is certainly below it again.
  if (problem.code === 'agent_limit') return 3600;
  return null;
}

/**
 * The single error handler: JSON under /api, a page elsewhere, always in the user's language.
 * Unexpected errors are logged by name and route pattern only: never the URL (notice links carry
 * codes) and never a request body.
 */
export function renderProblem(c: Context<AppBindings>, err: unknown) {
  let problem: Problem = toProblem(err);
  let seconds: number | null;
  try {
    seconds = retryAfter(c, problem);
  } catch (configError) {
    // RATE_LIMIT_PERIOD is bad: no 429 with a made-up Retry-After, but the 503 that a bad var means.
    err = configError;
    problem = new Problem('unavailable');
    seconds = retryAfter(c, problem);
  }
  if (problem.status >= 500) {
    const source = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const cause = source instanceof Error ? `${source.name}: ${source.message}` : typeof source;
    console.error(JSON.stringify({ event: 'cannot_answer', route: c.req.routePath, cause }));
  }
  if (seconds !== null) c.header('Retry-After', String(seconds));
  const lang = locale(c);
  if (c.req.path.startsWith('/api/')) {
    return c.json({ error: problem.code, message: messages(lang).errors[problem.code] }, problem.status);
  }
  return c.html(<ErrorPage problem={problem} locale={lang} path="/" />, problem.status);
}

export const onError: ErrorHandler<AppBindings> = (err, c) => renderProblem(c, err);

export const notFound: NotFoundHandler<AppBindings> = (c) => renderProblem(c, new Problem('not_found'));
