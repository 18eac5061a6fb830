import type { Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import type { ProblemCode } from '../http/problem.ts';
import { Turnstile } from './Turnstile.tsx';

export interface CheckFormProps {
  incident: Incident;
  locale: Locale;
  /** Set when the previous attempt was refused; shown next to the field. */
  error?: ProblemCode | undefined;
  /** What was typed, kept on a refusal so it can be corrected (never the second factor). */
  value?: string | undefined;
  turnstileSiteKey?: string | null;
}

function Field(props: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value?: string | undefined;
  autocomplete: string;
  inputmode?: 'email' | 'numeric' | undefined;
}) {
  const described = props.error ? `${props.id}-hint form-error` : `${props.id}-hint`;
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <p id={`${props.id}-hint`} class="hint">
        {props.hint}
      </p>
      <input
        id={props.id}
        name={props.id}
        type="text"
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        autocapitalize="none"
        spellcheck={false}
        required
        maxlength={320}
        value={props.value}
        aria-describedby={described}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </>
  );
}

/**
 * The check form. Identifiers go in the POST body; only the language rides in the query string.
 * An open incident asks for one thing, an email or an order ID; a sensitive one asks for the email
 * and the second factor that was imported with the record.
 */
export function CheckForm({ incident, locale, error, value, turnstileSiteKey = null }: CheckFormProps) {
  const m = messages(locale);
  const factor = incident.content.lookup.secondFactor;
  const message = error ? (m.errors[error as keyof typeof m.errors] ?? m.errors.invalid_request) : undefined;
  return (
    <section class="check" aria-labelledby="check-title">
      <h2 id="check-title">{m.incident.checkTitle}</h2>
      <p>{factor ? m.secondFactor.checkHelp : m.incident.checkHelp}</p>
      <form method="post" action={`/i/${incident.slug}?lang=${locale}`}>
        {message && (
          <p id="form-error" class="error" role="alert">
            {message}
          </p>
        )}
        {factor ? (
          <>
            <Field id="email" label={m.secondFactor.emailLabel} hint={m.secondFactor.emailHint} error={message} value={value} autocomplete="email" inputmode="email" />
            <Field
              id="factor"
              label={m.secondFactor.labels[factor]}
              hint={m.secondFactor.hints[factor]}
              error={message}
              autocomplete={factor === 'postcode' ? 'postal-code' : 'off'}
              inputmode={factor === 'order_id' ? undefined : 'numeric'}
            />
          </>
        ) : (
          <Field
            id="identifier"
            label={m.incident.identifierLabel}
            hint={m.incident.identifierHint}
            error={message}
            value={value}
            autocomplete="email"
          />
        )}
        <Turnstile siteKey={turnstileSiteKey} locale={locale} />
        <button type="submit">{m.incident.submit}</button>
      </form>
      <p class="hint">{m.incident.privacy}</p>
    </section>
  );
}
