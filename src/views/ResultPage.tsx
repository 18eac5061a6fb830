import { type Answer, headline, nextSteps } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { GroupList } from './GroupList.tsx';
import { Layout } from './Layout.tsx';
import { Trust } from './Trust.tsx';

/** The answer, first and in one sentence; then what it covers and what to do, numbered. */
export function ResultPage({ incident, answer, locale }: { incident: Incident; answer: Answer; locale: Locale }) {
  const m = messages(locale);
  const steps = nextSteps(answer, incident, locale);
  return (
    <Layout locale={locale} title={incident.content.text[locale].title} path={`/i/${incident.slug}`}>
      <section class={`answer ${answer.affected ? 'affected' : 'not-affected'}`} aria-labelledby="answer">
        <h1 id="answer">{headline(answer, locale)}</h1>
        <p class="company">{incident.content.text[locale].title}</p>
        {answer.affected ? (
          answer.store && <p class="store">{m.result.store(answer.store)}</p>
        ) : (
          <p>{m.result.notAffectedDetail}</p>
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
      <Trust incident={incident} locale={locale} />
      <p>
        <a href={`/i/${incident.slug}?lang=${locale}`}>{m.result.checkAnother}</a>
      </p>
    </Layout>
  );
}
