import type { AnswerText } from '../answer-text/answer-box.ts';
import type { Answer } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';
import { LOCALES } from '../core/incident.ts';
import type { IncidentSummary } from '../data/incidents.ts';
import type { Agent } from '../http/agent-auth.ts';
import { messages } from '../i18n/messages.ts';
import { GroupList } from './GroupList.tsx';
import { Layout } from './Layout.tsx';

export interface LookupFields {
  incident?: string | undefined;
  email?: string | undefined;
  orderId?: string | undefined;
  factor?: string | undefined;
}

export interface AgentResult {
  incident: Incident;
  answer: Answer;
  /** The answer's words, as the customer's own page shows them. */
  text: AnswerText;
  identifierKind: 'email' | 'order_id' | 'email_factor';
  /** Already formatted for the page's locale; null when no notice went to this identifier. */
  noticeIssued: string | null;
  replies: Record<Locale, string>;
  portalLink: string;
}

export interface AgentConsolePageProps {
  locale: Locale;
  agent: Agent;
  incidents: readonly IncidentSummary[];
  limitPerHour: number;
  fields?: LookupFields;
  /** A refusal to show above the form, already in words. */
  error?: string | undefined;
  result?: AgentResult | undefined;
  contact?: { code: string; validUntil: string; verifyUrl: string; incident: string } | undefined;
}

/** The incident picker of the console's forms (the lookup, and the reach page's filter). */
export function IncidentSelect({ id, incidents, selected, locale }: { id: string; incidents: readonly IncidentSummary[]; selected: string | undefined; locale: Locale }) {
  return (
    <select id={id} name="incident" required>
      {incidents.map((i) => (
        <option value={i.slug} selected={i.slug === selected}>
          {`${i.content.text[locale].title} (${i.slug})`}
        </option>
      ))}
    </select>
  );
}

function Result({ result, locale }: { result: AgentResult; locale: Locale }) {
  const m = messages(locale);
  const { incident, answer, text } = result;
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{m.agent.answerTitle}</h2>
      <div class={`answer ${text.kind.replaceAll('_', '-')}`}>
        <p class="headline" id="agent-answer">
          <strong>{text.headline}</strong>
        </p>
        {text.qualifiers.length > 0 && <p class="qualifiers">{text.qualifiers.join(locale === 'ja' ? '' : ' ')}</p>}
        {(text.yourData.length > 0 || text.cardLine) && (
          <ul class="your-data">
            {text.yourData.map((d) => (
              <li class={d.certainty}>{d.text}</li>
            ))}
            {text.cardLine && <li class="not-involved">{text.cardLine}</li>}
          </ul>
        )}
        <p class="action">{text.firstStep ?? text.action}</p>
        <p class="checked">{text.checked}</p>
        <p class="company">{m.agent.lookedUp(m.agent.kinds[result.identifierKind], incident.content.text[locale].title)}</p>
        {answer.kind === 'affected' && <p class="store">{answer.store ? m.agent.storeLabel(answer.store) : m.agent.noStore}</p>}
        <p class="notice-status">
          {result.identifierKind === 'order_id'
            ? m.agent.noticeOrderId
            : result.noticeIssued
              ? m.agent.noticeIssued(result.noticeIssued)
              : m.agent.noNotice}
        </p>
      </div>
      {answer.kind === 'affected' && <GroupList groups={answer.groups} incident={incident} locale={locale} />}
      <h2 id="reply-title">{m.agent.replyTitle}</h2>
      <p class="hint">{m.agent.replyHelp}</p>
      {LOCALES.map((l) => (
        <div class="reply">
          <label for={`reply-${l}`}>{m.agent.replyIn[l]}</label>
          <textarea id={`reply-${l}`} lang={l} readonly rows={12}>
            {result.replies[l]}
          </textarea>
          {/* Shown by /agent.js; without JavaScript the text is selected and copied by hand. */}
          <button type="button" class="copy" data-copy={`reply-${l}`} data-copied={m.agent.copied} hidden>
            {m.agent.copy}
          </button>
          <span class="copy-status" role="status"></span>
        </div>
      ))}
      <p>
        {m.agent.portalLink}: <code id="portal-link">{result.portalLink}</code>
      </p>
    </section>
  );
}

/** The support console: look up a customer, see the answer and the reply to send, issue a contact code. */
export function AgentConsolePage({ locale, agent, incidents, limitPerHour, fields = {}, error, result, contact }: AgentConsolePageProps) {
  const m = messages(locale);
  const selected = fields.incident ?? result?.incident.slug ?? contact?.incident;
  return (
    <Layout locale={locale} title={m.agent.title} path="/agent" script="/agent.js">
      <h1>{m.agent.title}</h1>
      <p class="agent-bar">
        {m.agent.signedInAs(agent.id)}
        {agent.admin && (
          <>
            {' · '}
            <a href={`/agent/audit?lang=${locale}`}>{m.agent.auditLink}</a>
            {' · '}
            <a href={`/agent/reach?lang=${locale}`}>{m.reach.link}</a>
          </>
        )}
      </p>
      {agent.via === 'dev' && (
        <form method="post" action={`/agent/sign-out?lang=${locale}`} class="inline">
          <button type="submit" class="secondary">{m.agent.signOut}</button>
        </form>
      )}
      <p class="hint">{m.agent.limitNote(limitPerHour)}</p>
      <section class="check" aria-labelledby="lookup-title">
        <h2 id="lookup-title">{m.agent.lookupTitle}</h2>
        <form id="lookup" method="post" action={`/agent?lang=${locale}`}>
          {error && (
            <p id="form-error" class="error" role="alert">
              {error}
            </p>
          )}
          <label for="incident">{m.agent.incidentLabel}</label>
          <IncidentSelect id="incident" incidents={incidents} selected={selected} locale={locale} />
          <p class="hint">{m.agent.identifierHelp}</p>
          <label for="email">{m.agent.emailLabel}</label>
          <input id="email" name="email" type="text" inputmode="email" autocomplete="off" spellcheck={false} maxlength={320} value={fields.email} />
          <label for="orderId">{m.agent.orderIdLabel}</label>
          <input id="orderId" name="orderId" type="text" autocomplete="off" spellcheck={false} maxlength={320} value={fields.orderId} />
          <label for="factor">{m.agent.factorLabel}</label>
          <p id="factor-hint" class="hint">
            {m.agent.factorHint}
          </p>
          <input id="factor" name="factor" type="text" autocomplete="off" spellcheck={false} maxlength={320} aria-describedby="factor-hint" />
          <button type="submit">{m.agent.submit}</button>
        </form>
      </section>
      {result && <Result result={result} locale={locale} />}
      <section class="check" aria-labelledby="contact-title">
        <h2 id="contact-title">{m.agent.contactTitle}</h2>
        <p>{m.agent.contactHelp}</p>
        {contact && (
          <div class="answer genuine" role="status">
            <p>{m.agent.contactIssued}</p>
            <p class="contact-code">
              <strong id="contact-code">{contact.code}</strong>
            </p>
            <p>{m.agent.contactValidUntil(contact.validUntil)}</p>
            <p>{m.agent.contactWhere(contact.verifyUrl)}</p>
          </div>
        )}
        <form method="post" action={`/agent/contact-code?lang=${locale}`}>
          <label for="contact-incident">{m.agent.incidentLabel}</label>
          <IncidentSelect id="contact-incident" incidents={incidents} selected={selected} locale={locale} />
          <button type="submit">{m.agent.contactSubmit}</button>
        </form>
      </section>
    </Layout>
  );
}
