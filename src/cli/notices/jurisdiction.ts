/**
 * `notices --jurisdiction`: before a single notice is written or code stored, the incident must give
 * every item that jurisdiction's law asks a notice to carry. A notice that lacks one cannot be taken
 * back once it is mailed; a refusal costs the operator one edit and a republish.
 * Without --jurisdiction nothing is refused, but the operator hears what each law would still miss.
 */
import { InvalidArgumentError } from 'commander';
import type { Incident } from '../../core/incident.ts';
import {
  describeLegalItem,
  isJurisdiction,
  type Jurisdiction,
  JURISDICTIONS,
  type LegalItem,
  legalSubject,
  missingLegalItems,
} from '../../core/legal-items.ts';
import { OperatorError } from '../operator-error.ts';

/** An OperatorError: its message (paths and the laws' names, never a value) reaches the operator as it is. */
export class LegalItemsMissing extends OperatorError {
  override name = 'LegalItemsMissing';
}

/** The items each jurisdiction would still miss; only jurisdictions with a gap are listed. */
export type LegalGaps = readonly { readonly jurisdiction: Jurisdiction; readonly missing: readonly LegalItem[] }[];

/** commander's parser for --jurisdiction. */
export function parseJurisdiction(raw: string): Jurisdiction {
  const value = raw.trim().toLowerCase();
  if (!isJurisdiction(value)) throw new InvalidArgumentError(`Choose one of ${JURISDICTIONS.join(', ')}.`);
  return value;
}

/**
 * With a jurisdiction: refuses (LegalItemsMissing, naming each missing item's JSON path and the law's
 * name for it) unless the incident gives all its items, and returns no gaps. Without one: refuses
 * nothing and returns what each jurisdiction would miss, for a warning.
 */
export function checkLegalItems(incident: Pick<Incident, 'slug' | 'content' | 'groups'>, jurisdiction: Jurisdiction | undefined): LegalGaps {
  const subject = legalSubject(incident);
  if (jurisdiction !== undefined) {
    const missing = missingLegalItems(subject, jurisdiction);
    if (missing.length > 0) {
      throw new LegalItemsMissing(
        `The notices for "${incident.slug}" would lack ${missing.length} ${missing.length === 1 ? 'item' : 'items'} that ${jurisdiction} law asks a notice to carry, so none were written:\n` +
          missing.map((item) => `  - ${describeLegalItem(item)}`).join('\n') +
          '\nAdd them to the incident file, run `incident publish <file>` again, then run notices again.',
      );
    }
    return [];
  }
  return JURISDICTIONS.map((j) => ({ jurisdiction: j, missing: missingLegalItems(subject, j) })).filter((g) => g.missing.length > 0);
}

/** The warning after a run without --jurisdiction: what each law would miss, item by item. */
export function legalGapsWarning(slug: string, gaps: LegalGaps): string | null {
  if (gaps.length === 0) return null;
  return [
    `Warning: no --jurisdiction was given, so these notices were not checked against a breach-notice law. "${slug}" would still lack:`,
    ...gaps.flatMap((g) => [`  ${g.jurisdiction}:`, ...g.missing.map((item) => `    - ${describeLegalItem(item)}`)]),
    'Pass --jurisdiction jp, us-ca or eu to have the notices checked (and worded) for that law.',
  ].join('\n');
}
