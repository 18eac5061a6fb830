import { type Answer, headline, lookupHeadline, nextSteps } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { GroupList } from './GroupList.tsx';
import { Layout } from './Layout.tsx';
import { Trust } from './Trust.tsx';

export interface ResultPageProps {
  incident: Incident;
  answer: Answer;
  locale: Locale;
  /** Set on a notice deep link: the answer is for the notice's recipient, with nothing typed. */
  notice?: { code: string; issuedOn: string } | undefined;
}

/** The answer, first and in one sentence; then what it covers and what to do, numbered. */
export function ResultPage({ incident, answer, locale, notice }: ResultPageProps) {
  const m = messages(locale);
  const steps = nextSteps(answer, incident, locale);
  // A typed lookup on a sensitive incident cannot tell "not affected" from "wrong second factor".
  const noMatch = !notice && !answer.affected && incident.content.lookup.mode === 'second-factor';
  return (
    <Layout locale={locale} title={incident.content.text[locale].title} path={notice ? `/n/${notice.code}` : `/i/${incident.slug}`}>
      <section class={`answer ${answer.affected ? 'affected' : 'not-affected'}`} aria-labelledby="answer">
        <h1 id="answer">{notice ? headline(answer, locale) : lookupHeadline(answer, incident, locale)}</h1>
        <p class="company">{incident.content.text[locale].title}</p>
        {answer.affected ? (
          answer.store && <p class="store">{m.result.store(answer.store)}</p>
        ) : (
          <p>{noMatch ? m.secondFactor.noMatchDetail : m.result.notAffectedDetail}</p>
        )}
        {notice && (
          <p class="notice-ref">
            {m.noticePage.issued(notice.issuedOn)} {m.noticePage.reference(notice.code)}
          </p>
        )}
      </section>
      {answer.affected && (
        <>
          <section aria-labelledby="your-groups">
            <h2 id="your-groups">{m.result.yourGroups}</h2>
            <GroupList groups={answer.groups} locale={locale} />
          </section>
          <section aria-labelledby="next-steps">
            <h2 id="next-steps">{m.result.nextSteps}</h2>
            {steps.map((s) => (
              <section class="steps">
                <h3>{s.label}</h3>
                <ol>
                  {s.steps.map((step) => (
                    <li>{step}</li>
                  ))}
                </ol>
              </section>
            ))}
          </section>
        </>
      )}
      <Trust contacts={incident.content.contacts} locale={locale} />
      <p>
        <a href={`/i/${incident.slug}?lang=${locale}`}>{m.result.checkAnother}</a>
      </p>
    </Layout>
  );
}
