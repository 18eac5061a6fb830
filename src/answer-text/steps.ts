/**
 * The numbered steps of an affected answer, one block per data class, most urgent class first: the
 * built-in catalogue's steps, then the incident's own for that class. A class the incident declares
 * brings its own label and steps.
 */
import type { Answer } from '../core/decide.ts';
import { isBuiltInDataClass } from '../core/data-classes.ts';
import type { DataClass, Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';

export interface StepGroup {
  readonly dataClass: DataClass;
  readonly label: string;
  readonly steps: readonly string[];
}

/** The name of a data class in a language: the catalogue's, or the incident's for a class it declares. */
export function classLabel(dataClass: DataClass, incident: Pick<Incident, 'content'>, locale: Locale): string {
  if (isBuiltInDataClass(dataClass)) return messages(locale).dataClasses[dataClass];
  const declared = incident.content.dataClasses?.[dataClass];
  // Publishing refuses a class it cannot word; reaching here means the stored incident is damaged.
  if (!declared) throw new Error('a data class without words');
  return declared.label[locale];
}

/** A data class's steps: the catalogue's then the incident's own, or those of a class the incident declares. */
export function classSteps(dataClass: DataClass, incident: Pick<Incident, 'content'>, locale: Locale): string[] {
  return isBuiltInDataClass(dataClass)
    ? [...messages(locale).steps[dataClass], ...(incident.content.nextSteps[dataClass]?.[locale] ?? [])]
    : [...(incident.content.dataClasses?.[dataClass]?.steps[locale] ?? [])];
}

export function stepGroups(answer: Answer, incident: Pick<Incident, 'content'>, locale: Locale): StepGroup[] {
  if (answer.kind !== 'affected') return [];
  return answer.exposures.map(({ dataClass }) => ({
    dataClass,
    label: classLabel(dataClass, incident, locale),
    steps: classSteps(dataClass, incident, locale),
  }));
}

/** The first steps in urgency order, across classes: the most urgent step first. */
export function firstSteps(groups: readonly StepGroup[], n: number): string[] {
  return groups.flatMap((g) => g.steps).slice(0, n);
}
