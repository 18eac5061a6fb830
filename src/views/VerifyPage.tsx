import type { CodeOutcome } from '../lookup/codes.ts';
import type { IncidentContent, Locale } from '../core/incident.ts';
import type { ProblemCode } from '../http/problem.ts';
import { messages } from '../i18n/messages.ts';
import { Layout } from './Layout.tsx';
import { Trust } from './Trust.tsx';
import { Turnstile } from './Turnstile.tsx';

export interface VerifyPageProps {
  locale: Locale;
  /** The answer to a submitted code, with its dates already formatted for this locale. */
  result?: { outcome: CodeOutcome; when: string } | undefined;
  error?: ProblemCode | undefined;
  /** The official channels to show: the code's incident's, or every published incident's. */
  contacts: IncidentContent['contacts'];
  turnstileSiteKey?: string | null;
}

/**
 * "Did this really come from you?": a code is genuine (with its kind and date) or it was not issued by
 * us. Unknown, malformed and expired codes all get the same calm answer. Beside it, what we never ask
 * for and the only channels we use.
 */
export function VerifyPage({ locale, result, error, contacts, turnstileSiteKey = null }: VerifyPageProps) {
  const m = messages(locale);
  const outcome = result?.outcome;
  const genuine = outcome && outcome.kind !== 'not_issued' ? outcome : null;
  return (
    <Layout locale={locale} title={m.verify.title} path="/verify">
      {outcome ? (
        <section class={`answer ${genuine ? 'genuine' : 'not-genuine'}`} aria-labelledby="answer">
          <h1 id="answer">{genuine ? m.verify.genuineTitle : m.verify.notGenuineTitle}</h1>
          {genuine ? (
            <p>
              {genuine.kind === 'notice'
                ? m.verify.genuineNotice(result.when, genuine.incident.content.text[locale].title)
                : m.verify.genuineContact(result.when, genuine.incident.content.text[locale].title)}
            </p>
          ) : (
            <p>{m.verify.notGenuineBody}</p>
          )}
        </section>
      ) : (
        <h1 id="verify-title">{m.verify.title}</h1>
      )}
      {/* Before any answer the page's heading names the form; a second heading would only repeat it. */}
      <section class="check" aria-labelledby={outcome ? 'verify-form' : 'verify-title'}>
        {outcome && <h2 id="verify-form">{m.verify.checkAnother}</h2>}
        <p>{m.verify.help}</p>
        <form method="post" action={`/verify?lang=${locale}`}>
          <label for="code">{m.verify.codeLabel}</label>
          <p id="code-hint" class="hint">
            {m.verify.codeHint}
          </p>
          {error && (
            <p id="form-error" class="error" role="alert">
              {m.errors[error as keyof typeof m.errors] ?? m.errors.invalid_request}
            </p>
          )}
          <input
            id="code"
            name="code"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            required
            maxlength={64}
            aria-describedby={error ? 'code-hint form-error' : 'code-hint'}
            aria-invalid={error ? 'true' : undefined}
          />
          <Turnstile siteKey={turnstileSiteKey} locale={locale} />
          <button type="submit">{m.verify.submit}</button>
        </form>
      </section>
      <Trust contacts={contacts} locale={locale} />
    </Layout>
  );
}
