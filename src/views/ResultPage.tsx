import type { AnswerText } from '../answer-text/answer-box.ts';
import type { Answer } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { AnswerBox } from './AnswerBox.tsx';
import { GroupList } from './GroupList.tsx';
import { Layout } from './Layout.tsx';
import { Trust } from './Trust.tsx';

export interface ResultPageProps {
  incident: Incident;
  answer: Answer;
  text: AnswerText;
  locale: Locale;
  /** Set on a notice deep link: the answer is for the notice's recipient, with nothing typed. */
  notice?: { code: string; issuedOn: string } | undefined;
}

/** The answer box first; then how the person was affected and every step, numbered; then the trust block. */
export function ResultPage({ incident, answer, text, locale, notice }: ResultPageProps) {
  const m = messages(locale);
  const title = incident.content.text[locale].title;
  return (
    <Layout locale={locale} title={title} path={notice ? `/n/${notice.code}` : `/i/${incident.slug}`} demo={incident.content.demo === true}>
      <AnswerBox text={text} locale={locale} title={title} store={answer.kind === 'affected' ? answer.store : null} />
      {text.update && <p class="update">{text.update}</p>}
      {answer.kind === 'affected' && (
        <>
          <section aria-labelledby="next-steps">
            <h2 id="next-steps">{m.result.nextSteps}</h2>
            {text.steps.map((s) => (
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
          <section aria-labelledby="your-groups">
            <h2 id="your-groups">{m.result.yourGroups}</h2>
            <GroupList groups={answer.groups} incident={incident} locale={locale} />
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
