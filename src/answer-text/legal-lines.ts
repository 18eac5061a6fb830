/**
 * The lines of each legal item, worded once: legal-notice.ts arranges them under each law's headings,
 * so an item reads the same in a Japanese, Californian or European notice and on the incident page.
 * Every builder returns no lines when the incident does not give the item.
 */
import { urgencyOf } from '../core/data-classes.ts';
import { formatDay } from '../core/dates.ts';
import type { DataClass, Incident, Locale, LocalisedText } from '../core/incident.ts';
import type { LegalItems } from '../core/legal-fields.ts';
import { messages } from '../i18n/messages.ts';
import { classLabel, classSteps } from './steps.ts';

/** What the legal wording reads of an incident; a stored incident (loadIncident) has it. */
export type LegalSource = Pick<Incident, 'content' | 'groups'>;

/** Every data class the incident names, most urgent first. */
function incidentClasses(incident: LegalSource): DataClass[] {
  const declared = incident.content.dataClasses ?? {};
  const classes = [...new Set(incident.groups.flatMap((g) => g.dataClasses))];
  return classes.sort((a, b) => urgencyOf(b, declared) - urgencyOf(a, declared));
}

export function legalLines(incident: LegalSource, locale: Locale, timeZone?: string) {
  const l = messages(locale).legal.lines;
  const legal: LegalItems = incident.content.legal ?? {};
  const gap = locale === 'ja' ? '' : ' ';
  // Dates in the incident file are calendar days; read them at noon UTC so no time zone shifts the day.
  const day = (date: string) => formatDay(`${date}T12:00:00Z`, locale, timeZone);
  const text = (t: LocalisedText | undefined) => (t ? [t[locale]] : []);
  const idp = legal.idProtection;

  return {
    whatHappened: () => [incident.content.text[locale].whatHappened],
    breachDates: (): string[] => {
      const p = legal.breachPeriod;
      if (!p) return [];
      const estimated = p.estimated === true;
      return [p.to && p.to !== p.from ? l.period(day(p.from), day(p.to), estimated) : l.day(day(p.from), estimated)];
    },
    discovered: () => (legal.discovered ? [l.discovered(day(legal.discovered))] : []),
    delay: (): string[] => {
      const d = legal.lawEnforcementDelay;
      return d ? [d.delayed ? l.delayed : l.notDelayed, ...text(d.text)] : [];
    },
    dataItems: () =>
      incident.groups.map((g) =>
        l.group(g.label[locale], g.dataClasses.map((dc) => classLabel(dc, incident, locale)).join(l.listSeparator), l.certainty[g.certainty]),
      ),
    steps: () => incidentClasses(incident).map((dc) => l.classSteps(classLabel(dc, incident, locale), classSteps(dc, incident, locale).join(gap))),
    cause: () => text(legal.cause),
    harm: () => (legal.secondaryHarm ? [legal.secondaryHarm.occurred ? l.harmOccurred : l.harmNone, legal.secondaryHarm.text[locale]] : []),
    measures: () => text(legal.measures),
    /** The measures as one line among others (Japan's "other useful information"). */
    measuresLabelled: () => (legal.measures ? [l.measures(legal.measures[locale])] : []),
    idOffer: () => (idp ? [l.idOffer(idp.service[locale], idp.months)] : []),
    idEnrol: () =>
      idp ? [l.idHow(idp.how[locale]), ...(idp.enrolmentCode ? [l.idCode(idp.enrolmentCode)] : []), ...(idp.enrolBy ? [l.idBy(day(idp.enrolBy))] : [])] : [],
    bureaus: () => (legal.creditBureaus ? [l.bureaus, ...legal.creditBureaus.map((b) => l.bureau(b.name, b.phone, b.address, b.url ?? null))] : []),
    company: () => [l.company(incident.content.company[locale])],
    contact: (): string[] => {
      const c = legal.contact;
      if (!c) return [];
      const hours = c.hours?.[locale] ?? null;
      return [
        c.dpo ? l.dpo(c.name[locale]) : l.contactName(c.name[locale]),
        ...(c.phone ? [l.phone(c.phone, hours)] : hours ? [l.hours(hours)] : []),
        ...(c.email ? [l.email(c.email)] : []),
        ...(c.postalAddress ? [l.postal(c.postalAddress[locale])] : []),
        ...(c.url ? [l.web(c.url)] : []),
      ];
    },
    other: () => text(legal.other),
  };
}
