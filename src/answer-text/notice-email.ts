/**
 * The notice email for one recipient. The body alone answers: it opens with that person's answer
 * (the result page's sentence, word for word), then their data, the first two steps or "you do not
 * need to do anything", why they are receiving it, their reference code and how to check it, what we
 * never ask for and the official channels. The personal link comes last, as "details", beside the
 * portal's address typed out in full. What a breach-notice law asks the notice to say (legal-notice.ts)
 * comes right after the answer part, so the answer still comes first and the law is still met.
 * Plain text: it goes into a mail-merge file, and plain text cannot hide a link's real target.
 */
import type { Answer } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';
import type { Jurisdiction } from '../core/legal-items.ts';
import { messages } from '../i18n/messages.ts';
import { answerText } from './answer-box.ts';
import { legalSections, legalText } from './legal-notice.ts';
import { portalLink } from './links.ts';
import type { NoticeTextInput } from './notice-input.ts';

export interface NoticeInput extends NoticeTextInput {
  /** The law whose items, headings and order the notice follows; without one, the incident's legal items under plain headings. */
  readonly jurisdiction?: Jurisdiction | null | undefined;
}

export interface NoticeText {
  readonly subject: string;
  readonly body: string;
  readonly link: string;
}

export function noticeLink(baseUrl: string, code: string): string {
  return `${baseUrl}/n/${code}`;
}

/** How many steps a notice carries; the rest are on the personal page. */
const NOTICE_STEPS = 2;

export function noticeText({ incident, answer, locale, code, issuedAt, baseUrl, store, timeZone, jurisdiction = null }: NoticeInput): NoticeText {
  const m = messages(locale);
  const t = answerText({ answer, incident, locale, reached: { via: 'notice', code, issuedAt }, timeZone });
  const company = incident.content.company[locale];
  const title = incident.content.text[locale].title;
  const link = noticeLink(baseUrl, code);
  const lines: string[] = [t.headline, ...t.qualifiers];
  if (t.yourData.length > 0 || t.cardLine) {
    lines.push('', `${m.answer.yourData}:`, ...t.yourData.map((d) => `- ${d.text}`), ...(t.cardLine ? [`- ${t.cardLine}`] : []));
  }
  if (t.firstStep) {
    const steps = t.steps.flatMap((g) => g.steps);
    lines.push('', m.notice.firstSteps, ...steps.slice(0, NOTICE_STEPS).map((s, i) => `${i + 1}. ${s}`));
    if (steps.length > NOTICE_STEPS) lines.push(m.notice.moreSteps);
  } else {
    lines.push('', t.action);
  }
  if (t.update) lines.push('', t.update);
  const legal = legalText(legalSections(incident, locale, jurisdiction, { issuedAt, timeZone }), locale);
  if (legal.length > 0) lines.push('', ...legal);
  lines.push('', m.notice.why(store ?? company, title));
  lines.push('', m.notice.reference(code), m.notice.referenceHelp, `${baseUrl}/verify`);
  lines.push('', `${m.neverAsk.title}:`, ...m.neverAsk.items.map((item) => `- ${item}`));
  const { senders, phones } = incident.content.contacts;
  lines.push('', `${m.contacts.title}:`);
  if (senders.length > 0) lines.push(`- ${m.contacts.senders}: ${senders.join(', ')}`);
  for (const p of phones) lines.push(`- ${m.contacts.phones}: ${p.number} (${p.hours[locale]})`);
  lines.push('', m.notice.detailsAt, link, m.notice.portal, portalLink(baseUrl, incident.slug));
  const subject = m.notice.subject[t.kind](company);
  return { subject: jurisdiction === 'us-ca' ? m.legal.usCa.subject(subject) : subject, body: lines.join('\n'), link };
}
