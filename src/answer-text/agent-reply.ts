/**
 * The reply a support agent sends to a customer who asked "was I affected?". It opens with the answer
 * in the words of the customer's own result page (the same answer box: sentence, their data, numbered
 * steps), then gives the portal address to check again, the verify page, and what we never ask for.
 * Nothing in it is written by the agent, so every customer gets the same, complete answer.
 * Plain text: it is pasted into an email or a chat, where a link's visible text is its real target.
 */
import type { Answer } from '../core/decide.ts';
import { type Incident, type Locale, LOCALES } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { answerText } from './answer-box.ts';
import { portalLink } from './links.ts';

export interface ReplyInput {
  readonly incident: Pick<Incident, 'slug' | 'content' | 'updates'>;
  readonly answer: Answer;
  readonly locale: Locale;
  /** The portal's public address, without a trailing slash. */
  readonly baseUrl: string;
  /** What the agent looked up, masked. */
  readonly masked: string;
  readonly timeZone?: string | undefined;
}

export function replyText({ incident, answer, locale, baseUrl, masked, timeZone }: ReplyInput): string {
  const m = messages(locale);
  const t = answerText({ answer, incident, locale, reached: { via: 'agent', masked }, timeZone });
  const lines: string[] = [t.headline, ...t.qualifiers];
  if (answer.kind === 'affected' && answer.store) lines.push(m.result.store(answer.store));
  if (t.yourData.length > 0 || t.cardLine) {
    lines.push('', `${m.answer.yourData}:`, ...t.yourData.map((d) => `- ${d.text}`), ...(t.cardLine ? [`- ${t.cardLine}`] : []));
  }
  if (t.steps.length > 0) {
    lines.push('', `${m.result.nextSteps}:`);
    for (const s of t.steps) lines.push(`[${s.label}]`, ...s.steps.map((step, i) => `${i + 1}. ${step}`));
  } else {
    lines.push('', t.action);
  }
  if (t.update) lines.push('', t.update);
  lines.push('', m.agentReply.checkYourself, portalLink(baseUrl, incident.slug));
  lines.push('', m.agentReply.verifyUs, `${baseUrl}/verify`);
  lines.push('', `${m.neverAsk.title}:`, ...m.neverAsk.items.map((item) => `- ${item}`));
  return lines.join('\n');
}

/** The reply in every language the portal speaks, so the agent can answer in the customer's. */
export function replies(input: Omit<ReplyInput, 'locale'>): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, replyText({ ...input, locale })])) as Record<Locale, string>;
}
