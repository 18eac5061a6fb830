/**
 * amiaffected: assembles the Worker and does nothing else. Routes live in src/routes, the answer is
 * decided in src/core/decide.ts, all SQL is in src/data/, and the vars are read in src/config.ts.
 */
import { Hono } from 'hono';
import type { AppBindings } from './env.ts';
import { deadline } from './http/deadline.ts';
import { httpsOnly } from './http/https-only.ts';
import { detectLocale } from './http/locale.ts';
import { notFound, onError } from './http/render-problem.tsx';
import { securityHeaders } from './http/security-headers.ts';
import { agent } from './routes/agent.tsx';
import { agentApi } from './routes/agent-api.ts';
import { api } from './routes/api.ts';
import { codePages } from './routes/code-pages.tsx';
import { pages } from './routes/pages.tsx';
import { staticFiles } from './routes/static-files.ts';

const app = new Hono<AppBindings>();

// Plain HTTP is redirected before anything else runs, static files included.
app.use(httpsOnly());
app.route('/', staticFiles);
app.use(securityHeaders());
app.use(detectLocale());
// A call that never returns (a hung D1 query) must still end in "cannot answer", not in silence.
app.use(deadline());

app.route('/api/v1/agent', agentApi);
app.route('/api/v1', api);
app.route('/', pages);
app.route('/', agent);
app.route('/', codePages);

app.notFound(notFound);
app.onError(onError);

export default app;
