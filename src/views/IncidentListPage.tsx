import type { Locale } from '../core/incident.ts';
import type { IncidentSummary } from '../data/incidents.ts';
import { messages } from '../i18n/messages.ts';
import { Layout } from './Layout.tsx';

export function IncidentListPage({ incidents, locale }: { incidents: IncidentSummary[]; locale: Locale }) {
  const m = messages(locale);
  return (
    <Layout locale={locale} title={m.list.title} path="/">
      <h1>{m.list.title}</h1>
      {incidents.length === 0 ? (
        <p>{m.list.none}</p>
      ) : (
        <ul class="incidents">
          {incidents.map((i) => (
            <li>
              <a href={`/i/${i.slug}?lang=${locale}`}>{i.content.text[locale].title}</a>
              <p>{i.content.text[locale].summary}</p>
              <p class={`status ${i.status}`}>{m.statuses[i.status]}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
