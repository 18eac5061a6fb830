/**
 * The legal items a letter prints for the chosen jurisdiction (APPI, California, GDPR: NOTICE-LAW.md).
 * Their words come from `legalSections(incident, locale, jurisdiction)` in
 * src/answer-text/legal-notice.ts, written on another branch. Until it is merged this is the one call
 * site, and it gives no sections; the letter renders whatever array it gets (layout.ts, after "why").
 *
 * Merge: import { legalSections } from '../../../answer-text/legal-notice.ts' and return its sections
 * below (with `issuedAt`, for laws that date the notice). The value of `notices --jurisdiction` already
 * reaches here (commands/notices.ts reads opts.jurisdiction into LetterOptions and PreviewOptions).
 */
import type { LegalSection } from '../../../answer-text/notice-letter.ts';
import type { Incident, Locale } from '../../../core/incident.ts';

export function letterLegalSections(_incident: Incident, _locale: Locale, _jurisdiction: string | null, _issuedAt: string): readonly LegalSection[] {
  return [];
}
