import type { Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import type { ProblemCode } from '../http/problem.ts';

export interface CheckFormProps {
  incident: Incident;
  locale: Locale;
  /** Set when the previous attempt was refused; shown next to the field. */
  error?: ProblemCode | undefined;
  value?: string | undefined;
}

/** The one-field form. Identifiers go in the POST body; only the language rides in the query string. */
export function CheckForm({ incident, locale, error, value }: CheckFormProps) {
  const m = messages(locale);
  const described = error ? 'identifier-hint identifier-error' : 'identifier-hint';
  return (
    <section class="check" aria-labelledby="check-title">
      <h2 id="check-title">{m.incident.checkTitle}</h2>
      <p>{m.incident.checkHelp}</p>
      <form method="post" action={`/i/${incident.slug}?lang=${locale}`}>
        <label for="identifier">{m.incident.identifierLabel}</label>
        <p id="identifier-hint" class="hint">
          {m.incident.identifierHint}
        </p>
        {error && (
          <p id="identifier-error" class="error" role="alert">
            {m.errors[error as keyof typeof m.errors] ?? m.errors.invalid_request}
          </p>
        )}
        <input
          id="identifier"
          name="identifier"
          type="text"
          autocomplete="email"
          autocapitalize="none"
          spellcheck={false}
          required
          maxlength={320}
          value={value}
          aria-describedby={described}
          aria-invalid={error ? 'true' : undefined}
        />
        <button type="submit">{m.incident.submit}</button>
      </form>
      <p class="hint">{m.incident.privacy}</p>
    </section>
  );
}
