import type { Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import type { ProblemCode } from '../http/problem.ts';
import { CheckForm } from './CheckForm.tsx';
import { GroupList } from './GroupList.tsx';
import { Layout } from './Layout.tsx';
import { LegalItems } from './LegalItems.tsx';
import { Trust } from './Trust.tsx';

export interface IncidentPageProps {
  incident: Incident;
  locale: Locale;
  error?: ProblemCode | undefined;
  value?: string | undefined;
  turnstileSiteKey?: string | null;
}

/**
 * The incident page: summary and the form first (that is why people come), then the details, including
 * the legal items a notice would carry, so the page can stand in for a notice that cannot be delivered.
 */
export function IncidentPage({ incident, locale, error, value, turnstileSiteKey = null }: IncidentPageProps) {
  const m = messages(locale);
  const text = incident.content.text[locale];
  return (
    <Layout locale={locale} title={text.title} path={`/i/${incident.slug}`} demo={incident.content.demo === true}>
      <h1>{text.title}</h1>
      <p class="company">{incident.content.company[locale]}</p>
      <p class="summary">{text.summary}</p>
      <CheckForm incident={incident} locale={locale} error={error} value={value} turnstileSiteKey={turnstileSiteKey} />
      <Trust contacts={incident.content.contacts} locale={locale} />
      <section aria-labelledby="what-happened">
        <h2 id="what-happened">{m.incident.whatHappened}</h2>
        <p>{text.whatHappened}</p>
        <p>
          {m.incident.status}: <strong class={`status ${incident.status}`}>{m.statuses[incident.status]}</strong>
        </p>
      </section>
      {/* While an incident is investigated, nobody may yet know who is affected: no groups, no heading. */}
      {incident.groups.length > 0 && (
        <section aria-labelledby="groups">
          <h2 id="groups">{m.incident.groups}</h2>
          <GroupList groups={incident.groups} incident={incident} locale={locale} />
        </section>
      )}
      <LegalItems incident={incident} locale={locale} />
      {incident.updates.length > 0 && (
        <section aria-labelledby="updates">
          <h2 id="updates">{m.incident.updates}</h2>
          <ol class="updates" reversed>
            {[...incident.updates].reverse().map((u) => (
              <li>
                <time datetime={u.date}>{u.date}</time> {u.text[locale]}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Layout>
  );
}
