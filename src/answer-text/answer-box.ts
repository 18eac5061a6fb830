/**
 * The one source of an answer's words. Every channel (result page, notice link, JSON API, agent
 * console and reply, notice email) renders this and rewords none of it, so a person reads the same
 * sentence wherever they meet their answer.
 *
 * The box, in the order a worried reader needs it: the answer sentence; the one thing to do first (or
 * "you do not need to do anything"); their data, class by class, exposed or possibly exposed; what was
 * checked and against which list.
 */
import { type Answer, type AnswerKind } from '../core/decide.ts';
import { formatDay } from '../core/dates.ts';
import { type Incident, latestUpdate, type Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';
import { firstSteps, type StepGroup, stepGroups } from './steps.ts';
import { cardLine, yourData, type YourDataLine } from './your-data.ts';

/** How the reader reached the answer, which decides what "checked" can show. */
export type Reached =
  /** Typed on the public page or the API; `masked` is what they typed, masked (see masked.ts). */
  | { readonly via: 'typed'; readonly masked: string }
  /** A support agent's lookup. */
  | { readonly via: 'agent'; readonly masked: string }
  /** A notice, or its link: the Worker never sees the identifier, only the code. */
  | { readonly via: 'notice'; readonly code: string; readonly issuedAt: string };

export interface AnswerText {
  readonly kind: AnswerKind;
  /** The answer in one sentence (two for "not included; your card neither"); every channel opens with it. */
  readonly headline: string;
  /** Sentences that qualify the headline: the reason for "may have been", "investigation continuing". */
  readonly qualifiers: readonly string[];
  /** The single most urgent step; null unless affected. */
  readonly firstStep: string | null;
  /** What fills the first step's place when there is none: "you do not need to do anything", and the like. */
  readonly action: string;
  readonly yourData: readonly YourDataLine[];
  /** "Your card: not involved", when it applies. */
  readonly cardLine: string | null;
  readonly steps: readonly StepGroup[];
  /** The latest update, quoted while the outcome is open (under investigation, no exposure confirmed). */
  readonly update: string | null;
  /** What was checked and when. */
  readonly checked: string;
}

export interface AnswerTextInput {
  readonly answer: Answer;
  readonly incident: Pick<Incident, 'slug' | 'content' | 'updates'>;
  readonly locale: Locale;
  readonly reached: Reached;
  readonly timeZone?: string | undefined;
}

/** Dates in the incident file are calendar days; read them at noon UTC so no time zone shifts the day. */
function day(date: string, locale: Locale, timeZone: string | undefined): string {
  return formatDay(date.length === 10 ? `${date}T12:00:00Z` : date, locale, timeZone);
}

export function answerText({ answer, incident, locale, reached, timeZone }: AnswerTextInput): AnswerText {
  const m = messages(locale);
  const a = m.answer;
  const gap = locale === 'ja' ? '' : ' ';
  const statusDay = answer.statusDate ? day(answer.statusDate, locale, timeZone) : null;
  const listDay = answer.listActivatedAt ? day(answer.listActivatedAt, locale, timeZone) : null;
  const steps = stepGroups(answer, incident, locale);
  const first = firstSteps(steps, 1)[0] ?? null;
  // A typed pair on a sensitive incident cannot tell "not affected" from "second item mistyped".
  const noMatch = reached.via !== 'notice' && incident.content.lookup.mode === 'second-factor';
  const latest = latestUpdate(incident);
  const update = latest ? a.latestUpdate(day(latest.date, locale, timeZone), latest.text[locale]) : null;

  let headline: string;
  let qualifiers: string[] = [];
  let action: string;
  switch (answer.kind) {
    case 'affected': {
      headline = a.affected[answer.certainty];
      if (answer.certainty === 'possible') {
        qualifiers = answer.groups.flatMap((g) => (g.reason ? [g.reason[locale]] : []));
      }
      if (answer.status === 'investigating') qualifiers.push(a.investigationContinuing);
      action = first ?? a.nothingToDo;
      break;
    }
    case 'not_affected':
      if (noMatch) {
        headline = m.secondFactor.noMatchHeadline;
        action = m.secondFactor.noMatchDetail;
      } else {
        headline = answer.incidentExposedCards ? `${a.notAffected}${gap}${a.notAffectedCard}` : a.notAffected;
        action = a.nothingToDo;
      }
      break;
    case 'under_investigation':
      headline = listDay ? a.notFoundSoFar(listDay) : a.noListYet;
      qualifiers = listDay ? [a.investigationContinuing] : [];
      action = `${a.weWillNotify}${statusDay ? `${gap}${a.lastUpdate(statusDay)}` : ''}`;
      break;
    case 'no_exposure_confirmed':
      headline = a.noExposure;
      action = a.nothingToDoNow;
      break;
  }

  const checked =
    reached.via === 'notice'
      ? a.checkedNotice(reached.code, day(reached.issuedAt, locale, timeZone))
      : listDay
        ? a.checked(reached.masked, listDay)
        : a.checkedNoList(reached.masked, statusDay ?? '');
  return {
    kind: answer.kind,
    headline,
    qualifiers,
    firstStep: answer.kind === 'affected' ? first : null,
    action,
    yourData: yourData(answer, incident, locale),
    cardLine: cardLine(answer, locale),
    steps,
    update: answer.kind === 'under_investigation' || answer.kind === 'no_exposure_confirmed' ? update : null,
    checked,
  };
}
