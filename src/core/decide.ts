/**
 * Where the answer is decided: an affected entry (or none) becomes the Answer that pages, the JSON API,
 * agent replies and notice mails all render. Plain TypeScript, shared by the Worker and the CLI.
 */
import { messages } from '../i18n/messages.ts';
import { hasBit, withBit } from './group-mask.ts';
import { DATA_CLASSES, type Certainty, type DataClass, type ExposureGroup, type Incident, type Locale } from './incident.ts';

/** What D1 holds for one identifier in the active dataset; null when it is not there. */
export interface Entry {
  readonly groups: number;
  readonly store: string | null;
}

export type Answer =
  | {
      readonly affected: true;
      readonly groups: readonly ExposureGroup[];
      readonly dataClasses: readonly DataClass[];
      /** "confirmed" as soon as one of the person's groups is confirmed. */
      readonly certainty: Certainty;
      readonly store: string | null;
    }
  | {
      readonly affected: false;
      /** Whether any group of the incident exposed cards, so the answer can say "your card was not included either". */
      readonly incidentExposedCards: boolean;
    };

export class InconsistentEntryError extends Error {
  override name = 'InconsistentEntryError';
}

/**
 * Turns an entry into an Answer. An entry whose mask names no known group means the dataset and the
 * incident disagree; that throws rather than answer "not affected" (the caller turns it into a 503).
 *
 * @example
 * decide(incident, null) // { affected: false, incidentExposedCards: true }
 * decide(incident, { groups: 0b11, store: null }).groups.map((g) => g.code) // ['members', 'cards']
 */
export function decide(incident: Pick<Incident, 'groups'>, entry: Entry | null): Answer {
  if (entry === null) {
    return {
      affected: false,
      incidentExposedCards: incident.groups.some((g) => g.dataClasses.includes('card')),
    };
  }
  const groups = incident.groups.filter((g) => hasBit(entry.groups, g.bit));
  const known = groups.reduce((mask, g) => withBit(mask, g.bit), 0);
  if (groups.length === 0 || known !== entry.groups) {
    throw new InconsistentEntryError('entry names an exposure group the incident does not define');
  }
  const classes = new Set(groups.flatMap((g) => g.dataClasses));
  return {
    affected: true,
    groups,
    dataClasses: DATA_CLASSES.filter((dc) => classes.has(dc)),
    certainty: groups.some((g) => g.certainty === 'confirmed') ? 'confirmed' : 'possible',
    store: entry.store,
  };
}

export interface NextSteps {
  readonly dataClass: DataClass;
  readonly label: string;
  readonly steps: readonly string[];
}

/** The numbered next steps for an answer: the built-in catalogue per data class, then the incident's own. */
export function nextSteps(answer: Answer, incident: Pick<Incident, 'content'>, locale: Locale): NextSteps[] {
  if (!answer.affected) return [];
  const m = messages(locale);
  return answer.dataClasses.map((dataClass) => ({
    dataClass,
    label: m.dataClasses[dataClass],
    steps: [...m.steps[dataClass], ...(incident.content.nextSteps[dataClass]?.[locale] ?? [])],
  }));
}

/** The answer in one or two sentences, as it opens the result page, the API reply and notices. */
export function headline(answer: Answer, locale: Locale): string {
  const m = messages(locale).result;
  if (answer.affected) return m.affectedHeadline;
  // Japanese runs sentences together; English separates them with a space.
  const gap = locale === 'ja' ? '' : ' ';
  return answer.incidentExposedCards ? `${m.notAffectedHeadline}${gap}${m.notAffectedCard}` : m.notAffectedHeadline;
}

/**
 * The headline of a typed lookup. On a sensitive incident "not in the list" also covers a mistyped
 * second factor, so it says "no match for this combination" rather than "not affected"; the same words
 * whether the person is unknown or the factor is wrong.
 */
export function lookupHeadline(answer: Answer, incident: Pick<Incident, 'content'>, locale: Locale): string {
  if (!answer.affected && incident.content.lookup.mode === 'second-factor') return messages(locale).secondFactor.noMatchHeadline;
  return headline(answer, locale);
}
