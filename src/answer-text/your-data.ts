/**
 * "Your data": one line per data class of this person, with its certainty, most urgent first.
 * Confirmed data is never worded "may have been". A card with its security code, both with the same
 * certainty, reads as one line, the way a card holder thinks of it.
 */
import type { Answer } from '../core/decide.ts';
import type { Certainty, DataClass, Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { classLabel } from './steps.ts';

export interface YourDataLine {
  readonly dataClass: DataClass;
  readonly label: string;
  readonly certainty: Certainty;
  /** "Login ID and password: exposed" */
  readonly text: string;
}

export function yourData(answer: Answer, incident: Pick<Incident, 'content'>, locale: Locale): YourDataLine[] {
  if (answer.kind !== 'affected') return [];
  const m = messages(locale);
  const card = answer.exposures.find((e) => e.dataClass === 'card');
  const code = answer.exposures.find((e) => e.dataClass === 'card_security_code');
  const merged = card && code && card.certainty === code.certainty;
  return answer.exposures
    .filter((e) => !(merged && e.dataClass === 'card_security_code'))
    .map(({ dataClass, certainty }) => {
      const label = merged && dataClass === 'card' ? m.cardWithCode : classLabel(dataClass, incident, locale);
      return { dataClass, label, certainty, text: m.answer.exposure(label, m.certainty[certainty]) };
    });
}

/** "Your card: not involved", for an affected person whose groups exposed no card when others' did. */
export function cardLine(answer: Answer, locale: Locale): string | null {
  return answer.kind === 'affected' && answer.cardNotInvolved ? messages(locale).answer.cardNotInvolved : null;
}
