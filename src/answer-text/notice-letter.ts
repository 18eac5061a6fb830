/**
 * The printed letter for one recipient, as text blocks in reading order; the CLI lays them out on A4
 * (src/cli/notices/letters/). The words are the answer box's (answerText, never reworded) and the
 * email's where a letter says the same thing; `letter` in the catalogues holds what only paper needs.
 *
 * Order, for a reader who may not go online: the answer sentence and what qualifies it; their data;
 * the first two steps, as the email has them, or "you do not need to do anything"; the reference code;
 * the portal's address typed out beside a QR code of their personal page, with the advice to type the
 * address when in doubt (QR codes in unexpected mail are a phishing vector: NOTICE-LAW.md §4); the
 * verify page; then the other steps (the email links them, but a letter may be all a person reads);
 * the official channels; what the company never asks for; why they receive it; the legal items of the
 * chosen jurisdiction. For the demo's fullest answer (nine data classes) all up to the verify page fits
 * the first page.
 */
import type { Answer } from '../core/decide.ts';
import { formatDay } from '../core/dates.ts';
import type { Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { answerText } from './answer-box.ts';
import { portalLink } from './links.ts';
import { noticeLink } from './notice-email.ts';
import type { NoticeTextInput } from './notice-input.ts';

/** One block of legal items (APPI, California, GDPR), as src/answer-text/legal-notice.ts words them. */
export type LegalSection = Pick<import('./legal-notice.ts').LegalSection, 'heading' | 'lines'>;

export interface TextBlock {
  readonly heading: string;
  readonly lines: readonly string[];
}

export interface LetterText {
  readonly company: string;
  readonly date: string;
  readonly title: string;
  readonly headline: string;
  readonly qualifiers: readonly string[];
  readonly yourData: TextBlock | null;
  /** The first steps, numbered; null when there are none (then `action` says what to do instead). */
  readonly firstSteps: TextBlock | null;
  /** The other steps, numbered on from the first ones; null when there are no more. */
  readonly moreSteps: TextBlock | null;
  readonly action: string | null;
  readonly update: string | null;
  readonly reference: { readonly line: string; readonly help: string; readonly verifyUrl: string };
  readonly qr: { readonly link: string; readonly caption: string; readonly beforeScan: string; readonly portal: string };
  readonly contacts: TextBlock;
  readonly neverAsk: TextBlock;
  readonly why: string;
  readonly legal: readonly LegalSection[];
  /** The header of every page after the first, so loose sheets find their letter. */
  readonly continued: string;
  readonly page: (n: number, total: number) => string;
}

export interface LetterInput extends NoticeTextInput {
  readonly legal: readonly LegalSection[];
}

/** Steps before the reference code, as many as the email carries; the rest follow it. */
const FIRST_STEPS = 2;

export function letterText({ incident, answer, locale, code, issuedAt, baseUrl, store, legal, timeZone }: LetterInput): LetterText {
  const m = messages(locale);
  const t = answerText({ answer, incident, locale, reached: { via: 'notice', code, issuedAt }, timeZone });
  const company = incident.content.company[locale];
  const yourData = [...t.yourData.map((d) => d.text), ...(t.cardLine ? [t.cardLine] : [])];
  const numbered = t.steps.flatMap((g) => g.steps).map((step, i) => `${i + 1}. ${step}`);
  const { senders, phones } = incident.content.contacts;
  return {
    company,
    date: formatDay(issuedAt, locale, timeZone),
    title: m.notice.subject[t.kind](company),
    headline: t.headline,
    qualifiers: t.qualifiers,
    yourData: yourData.length > 0 ? { heading: m.answer.yourData, lines: yourData } : null,
    firstSteps: t.firstStep ? { heading: m.answer.firstStep, lines: numbered.slice(0, FIRST_STEPS) } : null,
    moreSteps: t.firstStep && numbered.length > FIRST_STEPS ? { heading: m.letter.moreSteps, lines: numbered.slice(FIRST_STEPS) } : null,
    action: t.firstStep ? null : t.action,
    update: t.update,
    reference: { line: m.notice.reference(code), help: m.letter.referenceHelp, verifyUrl: `${baseUrl}/verify` },
    qr: { link: noticeLink(baseUrl, code), caption: m.letter.qrCaption, beforeScan: m.letter.beforeScan, portal: portalLink(baseUrl, incident.slug) },
    contacts: {
      heading: m.contacts.title,
      lines: [
        ...(senders.length > 0 ? [`${m.contacts.senders}: ${senders.join(', ')}`] : []),
        ...phones.map((p) => `${m.contacts.phones}: ${p.number} (${p.hours[locale]})`),
      ],
    },
    neverAsk: { heading: m.neverAsk.title, lines: m.neverAsk.items },
    why: m.letter.why(store ?? company, incident.content.text[locale].title),
    legal,
    continued: m.letter.continued(code),
    page: m.letter.page,
  };
}

/** Where the letter goes, as the recipients file gives it. */
export interface PostalAddress {
  readonly name: string;
  readonly postcode: string;
  readonly address1: string;
  readonly address2: string;
  readonly address3: string;
}

/**
 * The address block's lines in the order the post of the letter's language expects: Japanese starts
 * with 〒 and the postcode and ends with the name and 様; English starts with the name and ends with
 * the postcode. Empty lines are dropped.
 */
export function addressLines(address: PostalAddress, locale: Locale): string[] {
  const l = messages(locale).letter;
  const name = address.name ? l.addressee(address.name) : '';
  const postcode = address.postcode ? l.postcode(address.postcode) : '';
  const street = [address.address1, address.address2, address.address3];
  const lines = locale === 'ja' ? [postcode, ...street, name] : [name, ...street, postcode];
  return lines.filter((line) => line.trim() !== '');
}
