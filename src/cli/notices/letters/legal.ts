/**
 * The legal items a letter prints for the chosen jurisdiction (APPI, California, GDPR: NOTICE-LAW.md),
 * in the words of src/answer-text/legal-notice.ts, the same as the email and the incident page. A
 * named jurisdiction's title ("Notice of Data Breach") and the notice's date come first, as their own
 * block, so the law's headings follow in its order.
 */
import { legalSections } from '../../../answer-text/legal-notice.ts';
import type { LegalSection } from '../../../answer-text/notice-letter.ts';
import type { Incident, Locale } from '../../../core/incident.ts';
import type { Jurisdiction } from '../../../core/legal-items.ts';

export function letterLegalSections(incident: Incident, locale: Locale, jurisdiction: Jurisdiction | null, issuedAt: string): readonly LegalSection[] {
  const notice = legalSections(incident, locale, jurisdiction, { issuedAt });
  const head = notice.title ? [{ heading: notice.title, lines: notice.date ? [notice.date] : [] }] : [];
  return [...head, ...notice.sections];
}
