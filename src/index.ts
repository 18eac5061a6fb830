/**
 * amiaffected: assembles the Worker. Routes live in src/routes, the answer is decided in
 * src/core/decide.ts, and all SQL is in src/data/.
 */
import { Hono } from 'hono';
import { languageDetector } from 'hono/language';
import type { AppBindings } from './env.ts';
import { deadline } from './http/deadline.ts';
import { Problem } from './http/problem.ts';
import { renderProblem } from './http/render-problem.tsx';
import { securityHeaders } from './http/security-headers.ts';
import { DEFAULT_LOCALE } from './i18n/messages.ts';
import { LOCALES } from './core/incident.ts';
import { agent } from './routes/agent.tsx';
import { agentApi } from './routes/agent-api.ts';
import { api } from './routes/api.ts';
import { codePages } from './routes/code-pages.tsx';
import { pages } from './routes/pages.tsx';

const app = new Hono<AppBindings>();

app.use(securityHeaders());
app.use(async function noStore(c, next) {
  await next();
  // Answers are personal: no browser or proxy cache may keep them.
  c.header('Cache-Control', 'no-store');
});
app.use(
  languageDetector({
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    order: ['querystring', 'header'],
    lookupQueryString: 'lang',
    caches: false,
  }),
);
// A call that never returns (a hung D1 query) must still end in "cannot answer", not in silence.
app.use(deadline());

app.route('/api/v1/agent', agentApi);
app.route('/api/v1', api);
app.route('/', pages);
app.route('/', agent);
app.route('/', codePages);

app.notFound((c) => renderProblem(c, new Problem('not_found')));
app.onError((err, c) => renderProblem(c, err));

export default app;
