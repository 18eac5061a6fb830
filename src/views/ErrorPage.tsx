import type { Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import type { Problem } from '../http/problem.ts';
import { Layout } from './Layout.tsx';

/** The title group of an error page for a status. */
function problemTitle(status: number): 'bad_request' | 'unauthorized' | 'not_found' | 'rate_limited' | 'unavailable' | 'forbidden' {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 403) return 'forbidden';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

/** Any refusal as a page: what happened, in the user's language, and the way back. */
export function ErrorPage({ problem, locale, path }: { problem: Problem; locale: Locale; path: string }) {
  const m = messages(locale);
  const title = m.errorTitles[problemTitle(problem.status)];
  return (
    <Layout locale={locale} title={title} path={path}>
      <section class={`answer problem status-${problem.status}`} aria-labelledby="problem">
        <h1 id="problem">{title}</h1>
        <p>{m.errors[problem.code as keyof typeof m.errors] ?? m.errors.unavailable}</p>
      </section>
      <p>
        <a href={`/?lang=${locale}`}>{m.backToStart}</a>
      </p>
    </Layout>
  );
}
