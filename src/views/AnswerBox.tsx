import type { AnswerText } from '../answer-text/answer-box.ts';
import type { Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';

/**
 * The answer box, sized to fit a 360×640 screen above the fold: the answer sentence, the one thing to
 * do first (or that there is nothing to do), the person's data line by line, and what was checked.
 * Everything it says comes from answerText(); it only lays it out.
 */
export function AnswerBox({ text, locale, title, store }: { text: AnswerText; locale: Locale; title: string; store: string | null }) {
  const m = messages(locale);
  return (
    <section class={`answer ${text.kind.replaceAll('_', '-')}`} aria-labelledby="answer">
      <h1 id="answer">{text.headline}</h1>
      {text.qualifiers.length > 0 && <p class="qualifiers">{text.qualifiers.join(locale === 'ja' ? '' : ' ')}</p>}
      {text.firstStep ? (
        <div class="first-step">
          <h2>{m.answer.firstStep}</h2>
          <p>{text.firstStep}</p>
          <a href="#next-steps">{m.answer.allSteps}</a>
        </div>
      ) : (
        <p class="action">{text.action}</p>
      )}
      {(text.yourData.length > 0 || text.cardLine) && (
        <div class="your-data">
          <h2>{m.answer.yourData}</h2>
          <ul>
            {text.yourData.map((d) => (
              <li class={d.certainty}>{d.text}</li>
            ))}
            {text.cardLine && <li class="not-involved">{text.cardLine}</li>}
          </ul>
        </div>
      )}
      <p class="checked">
        {text.checked}
        <br />
        <span class="company">{title}</span>
        {store && <span class="store"> · {m.result.store(store)}</span>}
      </p>
    </section>
  );
}
