import type { Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { Layout } from './Layout.tsx';

export interface AgentSignInPageProps {
  locale: Locale;
  /** Offer the local development sign-in (only in development, only from loopback). */
  devSignIn: boolean;
  /** Set when a typed name was refused. */
  nameInvalid?: boolean;
}

/** The console to someone not signed in: a refusal, and in local development a sign-in by name. No customer data. */
export function AgentSignInPage({ locale, devSignIn, nameInvalid = false }: AgentSignInPageProps) {
  const m = messages(locale).agent;
  return (
    <Layout locale={locale} title={m.title} path="/agent">
      <section class="answer problem status-401" aria-labelledby="refused">
        <h1 id="refused">{m.refusedTitle}</h1>
        <p>{m.refusedBody}</p>
      </section>
      {devSignIn && (
        <section class="check" aria-labelledby="dev-sign-in">
          <h2 id="dev-sign-in">{m.devSignInTitle}</h2>
          <p>{m.devSignInHelp}</p>
          <form method="post" action={`/agent/sign-in?lang=${locale}`}>
            {nameInvalid && (
              <p id="form-error" class="error" role="alert">
                {m.devNameInvalid}
              </p>
            )}
            <label for="name">{m.devNameLabel}</label>
            <input id="name" name="name" type="text" required maxlength={64} autocomplete="username" aria-invalid={nameInvalid ? 'true' : undefined} />
            <button type="submit">{m.devSignInSubmit}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}
