/**
 * The reply a support agent sends to a customer who asked "was I affected?". It opens with the answer in
 * the words of the customer's own result page (headline, store, groups, numbered next steps), then gives
 * the portal address to check again and the verify page, and what we never ask for. Nothing in it is
 * written by the agent, so every customer gets the same, complete answer.
 * Plain text: it is pasted into an email or a chat, where a link's visible text is its real target.
 */
import { type Answer, lookupHeadline, nextSteps } from './decide.ts';
import { type Incident, type Locale, LOCALES } from './incident.ts';
import { messages } from '../i18n/messages.ts';

export interface ReplyInput {
  readonly incident: Pick<Incident, 'slug' | 'content'>;
  readonly answer: Answer;
  readonly locale: Locale;
  /** The portal's public address, without a trailing slash. */
  readonly baseUrl: string;
}

/** The incident page, where the customer can check for themselves. */
export function portalLink(baseUrl: string, slug: string): string {
  return `${baseUrl}/i/${slug}`;
}

export function replyText({ incident, answer, locale, baseUrl }: ReplyInput): string {
  const m = messages(locale);
  const list = locale === 'ja' ? '、' : '; ';
  const lines: string[] = [lookupHeadline(answer, incident, locale)];
  if (answer.affected) {
    if (answer.store) lines.push(m.result.store(answer.store));
    lines.push('', `${m.result.yourGroups}:`);
    for (const g of answer.groups) {
      lines.push(`- ${g.label[locale]} (${m.certainty[g.certainty]})`);
      lines.push(`  ${g.dataClasses.map((dc) => m.dataClasses[dc]).join(list)}`);
    }
    lines.push('', `${m.result.nextSteps}:`);
    for (const s of nextSteps(answer, incident, locale)) {
      lines.push(`[${s.label}]`, ...s.steps.map((step, i) => `${i + 1}. ${step}`));
    }
  } else {
    lines.push(incident.content.lookup.mode === 'second-factor' ? m.secondFactor.noMatchDetail : m.result.notAffectedDetail);
  }
  lines.push('', m.agentReply.checkYourself, portalLink(baseUrl, incident.slug));
  lines.push('', m.agentReply.verifyUs, `${baseUrl}/verify`);
  lines.push('', `${m.neverAsk.title}:`, ...m.neverAsk.items.map((item) => `- ${item}`));
  return lines.join('\n');
}

/** The reply in every language the portal speaks, so the agent can answer in the customer's. */
export function replies(input: Omit<ReplyInput, 'locale'>): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, replyText({ ...input, locale })])) as Record<Locale, string>;
}
