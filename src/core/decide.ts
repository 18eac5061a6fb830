/**
 * Where the answer is decided: the incident's status and an affected entry (or none) become the Answer
 * that pages, the JSON API, agent replies and notices all render (their words come from
 * src/answer-text/). Plain TypeScript with no wording, shared by the Worker and the CLI.
 */
import { byUrgency, CARD_CLASSES, type DataClass } from './data-classes.ts';
import { hasBit, withBit } from './group-mask.ts';
import { type Certainty, DEFINITE_STATUSES, type ExposureGroup, type Incident, type IncidentStatus, statusDate } from './incident.ts';

/** What D1 holds for one identifier in the active dataset; null when it is not there. */
export interface Entry {
  readonly groups: number;
  readonly store: string | null;
}

/** One data class of a person, with the surest certainty of the groups that exposed it. */
export interface Exposure {
  readonly dataClass: DataClass;
  readonly certainty: Certainty;
}

/** The four answers of the JSON API's `answer` field. */
export type AnswerKind = 'affected' | 'not_affected' | 'under_investigation' | 'no_exposure_confirmed';

interface AnswerBase {
  readonly status: IncidentStatus;
  /** The date of the incident's latest update, or null. */
  readonly statusDate: string | null;
  /** When the list that answered was switched on (ISO instant); null when no list was read. */
  readonly listActivatedAt: string | null;
}

export type Answer = AnswerBase &
  (
    | {
        readonly kind: 'affected';
        readonly groups: readonly ExposureGroup[];
        /** The person's data classes, most urgent first. */
        readonly exposures: readonly Exposure[];
        /** "confirmed" as soon as one of the person's groups is confirmed. */
        readonly certainty: Certainty;
        readonly store: string | null;
        /** The incident exposed cards, but none of this person's groups did. */
        readonly cardNotInvolved: boolean;
      }
    | {
        readonly kind: 'not_affected';
        /** Whether any group of the incident exposed cards, so the answer can say "your card was not included either". */
        readonly incidentExposedCards: boolean;
      }
    /** Investigating: no list yet (listActivatedAt null), or not in the data examined so far. */
    | { readonly kind: 'under_investigation' }
    | { readonly kind: 'no_exposure_confirmed' }
  );

export class InconsistentEntryError extends Error {
  override name = 'InconsistentEntryError';
}

/** How a status uses the affected list: must have one, uses one when active, or never reads one. */
export function listUse(status: IncidentStatus): 'required' | 'optional' | 'none' {
  if (status === 'not_confirmed') return 'none';
  return DEFINITE_STATUSES.includes(status) ? 'required' : 'optional';
}

/**
 * Turns the list's verdict into an Answer. `list` is null when no list was read (see listUse); a
 * status that requires one throws rather than answer. An entry whose mask names no known group means
 * the dataset and the incident disagree; that throws too (the caller turns it into a 503).
 *
 * @example
 * decide(incident, { entry: null }).kind // 'not_affected' (confirmed) or 'under_investigation'
 * decide(incident, { entry: { groups: 0b11, store: null } }).groups.map((g) => g.code) // ['members', 'cards']
 */
export function decide(
  incident: Pick<Incident, 'groups' | 'status' | 'updates' | 'listActivatedAt' | 'content'>,
  list: { readonly entry: Entry | null } | null,
): Answer {
  const base: AnswerBase = {
    status: incident.status,
    statusDate: statusDate(incident),
    listActivatedAt: list === null ? null : incident.listActivatedAt,
  };
  const use = listUse(incident.status);
  if (use === 'none') return { ...base, listActivatedAt: null, kind: 'no_exposure_confirmed' };
  if (list === null) {
    if (use === 'required') throw new InconsistentEntryError(`an incident with status "${incident.status}" answers only from a list`);
    return { ...base, kind: 'under_investigation' };
  }
  const exposedCards = incident.groups.some((g) => g.dataClasses.some((dc) => CARD_CLASSES.includes(dc)));
  const { entry } = list;
  if (entry === null) {
    return use === 'optional' ? { ...base, kind: 'under_investigation' } : { ...base, kind: 'not_affected', incidentExposedCards: exposedCards };
  }
  const groups = incident.groups.filter((g) => hasBit(entry.groups, g.bit));
  const known = groups.reduce((mask, g) => withBit(mask, g.bit), 0);
  if (groups.length === 0 || known !== entry.groups) {
    throw new InconsistentEntryError('entry names an exposure group the incident does not define');
  }
  const certaintyOf = new Map<DataClass, Certainty>();
  for (const g of groups) {
    for (const dc of g.dataClasses) if (certaintyOf.get(dc) !== 'confirmed') certaintyOf.set(dc, g.certainty);
  }
  const exposures = byUrgency(certaintyOf.keys(), incident.content.dataClasses ?? {}).map((dataClass) => ({
    dataClass,
    certainty: certaintyOf.get(dataClass)!,
  }));
  return {
    ...base,
    kind: 'affected',
    groups,
    exposures,
    certainty: groups.some((g) => g.certainty === 'confirmed') ? 'confirmed' : 'possible',
    store: entry.store,
    cardNotInvolved: exposedCards && !exposures.some((e) => CARD_CLASSES.includes(e.dataClass)),
  };
}

/** The JSON `affected` field: a boolean only for a definite answer (clients switch on `kind`). */
export function affectedFlag(answer: Answer): boolean | null {
  if (answer.kind === 'affected') return true;
  return answer.kind === 'not_affected' ? false : null;
}
