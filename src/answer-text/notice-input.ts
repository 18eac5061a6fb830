/**
 * What every notice text is written from, whatever the channel: the email's noticeText, the letter's
 * letterText and the SMS's smsText each take these fields (plus what only their channel needs), so the
 * texts of one notice cannot be fed different answers, codes or stores.
 */
import type { Answer } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';

export interface NoticeTextInput {
  readonly incident: Pick<Incident, 'slug' | 'content' | 'updates' | 'groups'>;
  readonly answer: Answer;
  readonly locale: Locale;
  /** The code as printed, e.g. "K7QM-3XTR-9HWD-FP2N-6BJC". */
  readonly code: string;
  /** When the notice is issued (ISO instant). */
  readonly issuedAt: string;
  /** The portal's public address, without a trailing slash. */
  readonly baseUrl: string;
  /** The store the recipient knows: the list's label for affected people, the recipients file's otherwise. */
  readonly store: string | null;
  /** The portal's time zone, for the dates the text prints. */
  readonly timeZone?: string | undefined;
}
