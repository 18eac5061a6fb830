import type { Context } from 'hono';
import type { AppBindings } from '../env.ts';
import { messages } from '../i18n/messages.ts';
import { ErrorPage } from '../views/ErrorPage.tsx';
import { locale } from './locale.ts';
import { type Problem, toProblem } from './problem.ts';

/**
 * The single error handler: JSON under /api, a page elsewhere, always in the user's language.
 * Unexpected errors are logged by name and route pattern only: never the URL (notice links carry
 * codes) and never a request body.
 */
export function renderProblem(c: Context<AppBindings>, err: unknown) {
  const problem: Problem = toProblem(err);
  if (problem.status >= 500) {
    const source = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const cause = source instanceof Error ? `${source.name}: ${source.message}` : typeof source;
    console.error(JSON.stringify({ event: 'cannot_answer', route: c.req.routePath, cause }));
  }
  if (problem.code === 'rate_limited') c.header('Retry-After', c.env.RATE_LIMIT_PERIOD ?? '60');
  if (problem.code === 'unavailable') c.header('Retry-After', '30');
  // The agent limit counts the last hour; an hour from now is when the agent is certainly below it again.
  if (problem.code === 'agent_limit') c.header('Retry-After', '3600');
  const lang = locale(c);
  if (c.req.path.startsWith('/api/')) {
    return c.json({ error: problem.code, message: messages(lang).errors[problem.code] }, problem.status);
  }
  return c.html(<ErrorPage problem={problem} locale={lang} path="/" />, problem.status);
}
