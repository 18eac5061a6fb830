/**
 * The answer as the JSON API gives it (public and agent). Clients switch on `answer`; `affected` is a
 * boolean only for a definite answer and null while the outcome is open. Every text field comes from
 * the answer box, so an app shows exactly what the page shows.
 */
import { affectedFlag, type Answer } from '../core/decide.ts';
import { isoDay } from '../core/dates.ts';
import type { Incident, Locale } from '../core/incident.ts';
import type { AnswerText } from './answer-box.ts';

/** `text` is answerText() of the same answer; `masked` what was looked up, masked. */
export function answerJson(
  answer: Answer,
  text: AnswerText,
  incident: Pick<Incident, 'slug'>,
  locale: Locale,
  masked: string,
  timeZone?: string,
) {
  const affected = answer.kind === 'affected' ? answer : null;
  return {
    incident: incident.slug,
    locale,
    answer: answer.kind,
    affected: affectedFlag(answer),
    status: answer.status,
    statusDate: answer.statusDate,
    headline: text.headline,
    qualifiers: text.qualifiers,
    firstStep: text.firstStep,
    action: text.action,
    certainty: affected?.certainty ?? null,
    store: affected?.store ?? null,
    groups:
      affected?.groups.map((g) => ({
        code: g.code,
        label: g.label[locale],
        period: g.period,
        dataClasses: g.dataClasses,
        certainty: g.certainty,
        reason: g.reason?.[locale] ?? null,
      })) ?? [],
    dataClasses: affected?.exposures.map((e) => e.dataClass) ?? [],
    yourData: text.yourData.map((d) => ({ class: d.dataClass, label: d.label, certainty: d.certainty })),
    cardNotInvolved: affected?.cardNotInvolved ?? false,
    nextSteps: text.steps,
    update: text.update,
    checked: masked,
    listDate: answer.listActivatedAt ? isoDay(answer.listActivatedAt, timeZone) : null,
    checkedAt: new Date().toISOString(),
  };
}
