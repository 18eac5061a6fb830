/**
 * The notice email for one recipient. It opens with that person's answer in one sentence (the headline
 * of the result page, word for word), then says why they are receiving it, gives their reference code,
 * their personal link, the portal typed out in full, what we never ask for and the official channels.
 * Plain text: it goes into a mail-merge file, and plain text cannot hide a link's real target.
 */
import { type Answer, headline } from './decide.ts';
import type { Incident, Locale } from './incident.ts';
import { messages } from '../i18n/messages.ts';

export interface NoticeInput {
  readonly incident: Pick<Incident, 'slug' | 'content'>;
  readonly answer: Answer;
  readonly locale: Locale;
  /** The code as printed, e.g. "K7QM-3XTR-9HWD-FP2N-6BJC". */
  readonly code: string;
  /** The portal's public address, without a trailing slash. */
  readonly baseUrl: string;
  /** The store the recipient knows: the list's label for affected people, the recipients file's otherwise. */
  readonly store: string | null;
}

export interface NoticeText {
  readonly subject: string;
  readonly body: string;
  readonly link: string;
}

export function noticeLink(baseUrl: string, code: string): string {
  return `${baseUrl}/n/${code}`;
}

export function noticeText({ incident, answer, locale, code, baseUrl, store }: NoticeInput): NoticeText {
  const m = messages(locale);
  const company = incident.content.company[locale];
  const title = incident.content.text[locale].title;
  const link = noticeLink(baseUrl, code);
  const lines: string[] = [headline(answer, locale), '', m.notice.why(store ?? company, title)];
  if (answer.affected) {
    lines.push('', m.notice.yourGroups);
    for (const g of answer.groups) {
      lines.push(`- ${g.label[locale]} (${m.certainty[g.certainty]})`);
      lines.push(`  ${g.dataClasses.map((dc) => m.dataClasses[dc]).join(locale === 'ja' ? '、' : '; ')}`);
    }
  }
  lines.push('', m.notice.detailsAt, link);
  lines.push('', m.notice.reference(code), m.notice.referenceHelp, `${baseUrl}/verify`);
  lines.push('', m.notice.portal, `${baseUrl}/i/${incident.slug}`);
  lines.push('', `${m.neverAsk.title}:`, ...m.neverAsk.items.map((item) => `- ${item}`));
  const { senders, phones } = incident.content.contacts;
  lines.push('', `${m.contacts.title}:`);
  if (senders.length > 0) lines.push(`- ${m.contacts.senders}: ${senders.join(', ')}`);
  for (const p of phones) lines.push(`- ${m.contacts.phones}: ${p.number} (${p.hours[locale]})`);
  return {
    subject: answer.affected ? m.notice.subjectAffected(company) : m.notice.subjectNotAffected(company),
    body: lines.join('\n'),
    link,
  };
}
