import type { IncidentContent, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { Layout } from './Layout.tsx';
import { Trust } from './Trust.tsx';

/** A notice link we cannot match: say plainly that we did not issue it, and what to do instead. */
export function NoticeNotIssuedPage(props: { locale: Locale; contacts: IncidentContent['contacts']; path: string }) {
  const { locale, contacts, path } = props;
  const m = messages(locale);
  return (
    <Layout locale={locale} title={m.noticePage.notIssuedTitle} path={path}>
      <section class="answer not-genuine" aria-labelledby="answer">
        <h1 id="answer">{m.noticePage.notIssuedTitle}</h1>
        <p>{m.noticePage.notIssuedBody}</p>
      </section>
      <ol>
        {m.noticePage.whatToDo.map((step) => (
          <li>{step}</li>
        ))}
      </ol>
      <p>
        <a href={`/verify?lang=${locale}`}>{m.noticePage.toVerify}</a>
      </p>
      <p>
        <a href={`/?lang=${locale}`}>{m.noticePage.toIncidents}</a>
      </p>
      <Trust contacts={contacts} locale={locale} />
    </Layout>
  );
}
