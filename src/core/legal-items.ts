/**
 * What each jurisdiction's breach-notice law asks a notice to the individual to say, and where the
 * incident file holds it. `notices --jurisdiction` refuses to write a notice that lacks one; the
 * wording of each item lives in src/answer-text/legal-notice.ts.
 *
 * Sources (summarised in /work/shared/NOTICE-LAW.md; an operator confirms with counsel):
 * - jp: APPI enforcement rule art. 10, which points at items (i), (ii), (iv), (v) and (ix) of art. 8(1);
 * - us-ca: California Civ. Code 1798.82(d): the title, five headings and the content list of (d)(2);
 * - eu: GDPR Art. 34(2) with Art. 33(3)(b)–(d), and Recital 86 for recommendations.
 * Items that existing fields already give (the outline, the data items, the steps) count as present.
 */
import type { IncidentContent } from './incident.ts';
import type { LegalItems } from './legal-fields.ts';

export const JURISDICTIONS = ['jp', 'us-ca', 'eu'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export function isJurisdiction(value: unknown): value is Jurisdiction {
  return (JURISDICTIONS as readonly unknown[]).includes(value);
}

/**
 * Built-in data classes that carry a social security, driver's licence or other government ID number
 * (an incident's own class says so with `idNumber`): with one of them exposed, California asks for the
 * credit bureaus' contacts and an identity theft offer.
 */
export const ID_NUMBER_CLASSES: readonly string[] = ['national_id'];

/** What the check reads: an incident definition as it is, or a stored incident through legalSubject(). */
export interface LegalSubject {
  readonly text: IncidentContent['text'];
  readonly legal?: LegalItems | undefined;
  readonly groups: readonly { readonly dataClasses: readonly string[] }[];
  readonly dataClasses?: Readonly<Record<string, { readonly idNumber?: boolean | undefined }>> | undefined;
}

export function legalSubject(incident: {
  readonly content: Pick<IncidentContent, 'text' | 'legal' | 'dataClasses'>;
  readonly groups: LegalSubject['groups'];
}): LegalSubject {
  return { text: incident.content.text, legal: incident.content.legal, groups: incident.groups, dataClasses: incident.content.dataClasses };
}

export interface LegalItem {
  /** Stable name of the item, e.g. "cause". */
  readonly key: string;
  /** Where the incident file holds it (or the fields it is derived from). */
  readonly path: string;
  /** The law's name for it, with the provision. */
  readonly law: string;
}

interface Rule extends LegalItem {
  /** When the item is asked for only in some cases (California's ID-number items). */
  readonly appliesTo?: (s: LegalSubject) => boolean;
  readonly present: (s: LegalSubject) => boolean;
}

const always = () => true;
const hasDataItems = (s: LegalSubject) => s.groups.some((g) => g.dataClasses.length > 0);
const isIdNumber = (s: LegalSubject, dc: string) => ID_NUMBER_CLASSES.includes(dc) || s.dataClasses?.[dc]?.idNumber === true;
const exposesIdNumbers = (s: LegalSubject) => s.groups.some((g) => g.dataClasses.some((dc) => isIdNumber(s, dc)));
const has = (field: keyof LegalItems) => (s: LegalSubject) => s.legal?.[field] !== undefined;

const WHAT_HAPPENED = 'text.{ja,en}.whatHappened';
const DATA_ITEMS = 'groups[].dataClasses';
const APPI = (item: string) => `APPI rule art. 10 / art. 8(1)(${item})`;
const CA = (provision: string) => `Civ. Code 1798.82${provision}`;

const RULES: Record<Jurisdiction, readonly Rule[]> = {
  jp: [
    { key: 'outline', path: WHAT_HAPPENED, law: `概要 (${APPI('i')})`, present: always },
    { key: 'data_items', path: DATA_ITEMS, law: `漏えい等が発生し、又は発生したおそれがある個人データの項目 (${APPI('ii')})`, present: hasDataItems },
    { key: 'cause', path: 'legal.cause', law: `原因 (${APPI('iv')})`, present: has('cause') },
    { key: 'secondary_harm', path: 'legal.secondaryHarm', law: `二次被害又はそのおそれの有無及びその内容 (${APPI('v')})`, present: has('secondaryHarm') },
    {
      key: 'other',
      // Anything else that helps the reader counts: what the company does, or where to ask.
      path: 'legal.other (or legal.measures, legal.contact)',
      law: `その他参考となる事項 (${APPI('ix')})`,
      present: (s) => has('other')(s) || has('measures')(s) || has('contact')(s),
    },
  ],
  'us-ca': [
    { key: 'business_contact', path: 'legal.contact', law: `name and contact information of the business (${CA('(d)(2)(A)')})`, present: has('contact') },
    { key: 'data_items', path: DATA_ITEMS, law: `types of personal information involved (${CA('(d)(2)(B)')})`, present: hasDataItems },
    { key: 'breach_date', path: 'legal.breachPeriod', law: `date, estimated date or date range of the breach (${CA('(d)(2)(C)')})`, present: has('breachPeriod') },
    { key: 'notice_date', path: '(the date of the notices run)', law: `date of the notice (${CA('(d)(2)(C)')})`, present: always },
    {
      key: 'law_enforcement_delay',
      path: 'legal.lawEnforcementDelay',
      law: `whether notification was delayed by a law enforcement investigation (${CA('(d)(2)(D)')})`,
      present: has('lawEnforcementDelay'),
    },
    { key: 'description', path: WHAT_HAPPENED, law: `general description of the breach (${CA('(d)(2)(E)')})`, present: always },
    // The heading is required, and an empty section under it would read as "we are doing nothing".
    { key: 'measures', path: 'legal.measures', law: `"What We Are Doing", a required heading (${CA('(d)(1)')})`, present: has('measures') },
    {
      key: 'credit_bureaus',
      path: 'legal.creditBureaus',
      law: `toll-free numbers and addresses of the major credit reporting agencies, as ID numbers were exposed (${CA('(d)(2)(F)')})`,
      appliesTo: exposesIdNumbers,
      present: has('creditBureaus'),
    },
    {
      key: 'id_protection',
      path: 'legal.idProtection',
      law: `offer of identity theft prevention and mitigation services for at least 12 months, as ID numbers were exposed (${CA('(d)(2)(G)')})`,
      appliesTo: exposesIdNumbers,
      present: (s) => (s.legal?.idProtection?.months ?? 0) >= 12,
    },
  ],
  eu: [
    { key: 'nature', path: WHAT_HAPPENED, law: 'the nature of the personal data breach (GDPR Art. 34(2))', present: always },
    { key: 'contact_point', path: 'legal.contact', law: 'name and contact details of the DPO or other contact point (GDPR Art. 34(2), 33(3)(b))', present: has('contact') },
    { key: 'consequences', path: 'legal.secondaryHarm', law: 'the likely consequences of the breach (GDPR Art. 34(2), 33(3)(c))', present: has('secondaryHarm') },
    {
      key: 'measures',
      path: 'legal.measures',
      law: 'the measures taken or proposed, including to mitigate possible adverse effects (GDPR Art. 34(2), 33(3)(d))',
      present: has('measures'),
    },
    { key: 'recommendations', path: `${DATA_ITEMS} (their steps) and nextSteps`, law: 'recommendations to limit the harm (GDPR Recital 86)', present: hasDataItems },
  ],
};

/** The items a jurisdiction asks of this incident, in the law's order. */
export function requiredLegalItems(subject: LegalSubject, jurisdiction: Jurisdiction): LegalItem[] {
  return RULES[jurisdiction].filter((r) => r.appliesTo?.(subject) ?? true).map(({ key, path, law }) => ({ key, path, law }));
}

/** The items a jurisdiction asks for that the incident does not give; empty when its notices are complete. */
export function missingLegalItems(subject: LegalSubject, jurisdiction: Jurisdiction): LegalItem[] {
  return RULES[jurisdiction]
    .filter((r) => (r.appliesTo?.(subject) ?? true) && !r.present(subject))
    .map(({ key, path, law }) => ({ key, path, law }));
}

/** "legal.cause — 原因 (APPI rule art. 10 / art. 8(1)(iv))": how an operator is told about an item. */
export function describeLegalItem(item: LegalItem): string {
  return `${item.path} — ${item.law}`;
}
