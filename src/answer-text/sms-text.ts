/**
 * The notice SMS for one recipient: who sends it (the store they know, else the company), the answer in
 * one short sentence, the reference code and the portal's address, and nothing that asks the reader to
 * enter anything (an SMS that asks for input is what a smishing message looks like; the verify page and
 * the portal are where a reader acts, on their own initiative).
 *
 * It must fit ONE segment, because a notice split over several parts can arrive out of order or partly,
 * and some phones show the parts as separate messages:
 * - 160 GSM-7 characters when every character is in the GSM 03.38 alphabet; the extension characters
 *   (^ { } \ [ ~ ] | € and form feed) take two, an escape and the character;
 * - otherwise UCS-2: 70 UTF-16 code units (Japanese always lands here).
 *
 * The short sentences live in the catalogues (`sms`), because the page's sentence does not fit 70
 * characters beside a 20-character code; they say the same thing. The code is printed grouped
 * ("K7QM-3XTR-…") when the text fits that way, and without dashes otherwise: grouping helps a reader
 * quote it over the phone, but the four dashes are often exactly what a Japanese text lacks, and the
 * verify page and support read the code with or without dashes (normaliseCode).
 */
import type { Answer } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import type { NoticeTextInput } from './notice-input.ts';

/** The SMS is written from the same fields as the other notices, and needs only some of them. */
export type SmsInput = Pick<NoticeTextInput, 'answer' | 'locale' | 'code' | 'baseUrl' | 'store'> & {
  readonly incident: Pick<Incident, 'content'>;
};

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsText {
  readonly text: string;
  readonly encoding: SmsEncoding;
  /** Length in the encoding's units: septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly length: number;
  /** What one segment holds in that encoding. */
  readonly limit: number;
  readonly fits: boolean;
}

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);
export const SEGMENT_LIMIT: Record<SmsEncoding, number> = { gsm7: 160, ucs2: 70 };

/**
 * How a text is sent and how long it is in that encoding.
 *
 * @example
 * smsLength('Ref: {A}') // { encoding: 'gsm7', length: 10 } (braces take two septets)
 * smsLength('参照番号')  // { encoding: 'ucs2', length: 4 }
 */
export function smsLength(text: string): { encoding: SmsEncoding; length: number } {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENSION.has(ch)) septets += 2;
    else return { encoding: 'ucs2', length: text.length };
  }
  return { encoding: 'gsm7', length: septets };
}

/**
 * The portal's address as the SMS prints it: without "https://", which phones do not need to make it a
 * link and browsers add for a typed host name; eight characters are a ninth of a Japanese segment. Any
 * other scheme (http, for a local portal) stays, because a browser would not guess it.
 */
export function smsAddress(baseUrl: string): string {
  return baseUrl.startsWith('https://') ? baseUrl.slice('https://'.length) : baseUrl;
}

/** The one sentence of the answer, in SMS length. */
export function smsSentence(answer: Answer, locale: Locale): string {
  const s = messages(locale).sms;
  switch (answer.kind) {
    case 'affected':
      return s.affected[answer.certainty];
    case 'not_affected':
      return s.notAffected;
    case 'under_investigation':
      return answer.listActivatedAt ? s.notFoundSoFar : s.noListYet;
    case 'no_exposure_confirmed':
      return s.noExposure;
  }
}

function measured(text: string): SmsText {
  const { encoding, length } = smsLength(text);
  return { text, encoding, length, limit: SEGMENT_LIMIT[encoding], fits: length <= SEGMENT_LIMIT[encoding] };
}

/** The SMS; `fits` is false when even the code without dashes leaves it longer than one segment. */
export function smsText({ incident, answer, locale, code, baseUrl, store }: SmsInput): SmsText {
  const m = messages(locale);
  const who = store ?? incident.content.company[locale];
  const compose = (printed: string) => measured(m.sms.text(who, smsSentence(answer, locale), printed, smsAddress(baseUrl)));
  const grouped = compose(code);
  return grouped.fits ? grouped : compose(code.replaceAll('-', ''));
}
