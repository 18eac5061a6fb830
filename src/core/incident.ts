/**
 * The incident definition: the JSON file an incident team writes and `incident publish` loads.
 * One valibot schema, used by the CLI to validate files and by the Worker to trust what it reads back.
 */
import * as v from 'valibot';
import { BUILT_IN_DATA_CLASSES, isBuiltInDataClass } from './data-classes.ts';
import type { DatasetBinding, ListContents } from './dataset-binding.ts';
import { LegalItemsSchema } from './legal-fields.ts';
import { SECOND_FACTORS } from './normalise.ts';
import { IsoDate, Localised, Phone, Text } from './schema-text.ts';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const STATUSES = ['investigating', 'confirmed', 'not_confirmed', 'closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const CERTAINTIES = ['confirmed', 'possible'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export type { DataClass } from './data-classes.ts';

/**
 * States that answer yes or no from the list. `investigating` answers yes for a listed person and
 * "not found so far" for anyone else; `not_confirmed` answers everyone alike and reads no list.
 */
export const DEFINITE_STATUSES: readonly IncidentStatus[] = ['confirmed', 'closed'];

export const LOOKUP_MODES = ['open', 'second-factor'] as const;

/** Groups live in a 53-bit mask (the integers JavaScript and D1 agree on exactly). */
export const MAX_GROUPS = 53;

const Steps = v.object({ ja: v.array(Text), en: v.array(Text) });

const Period = v.pipe(
  v.object({ from: IsoDate, to: v.optional(IsoDate) }),
  v.check((p) => p.to === undefined || p.from <= p.to, 'period "from" must not be after "to"'),
);

const ClassCode = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be lowercase letters, digits or "_"'));

const Group = v.object({
  code: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be lowercase letters, digits, "-" or "_"')),
  label: Localised,
  period: Period,
  dataClasses: v.pipe(v.array(ClassCode), v.minLength(1, 'must name at least one data class')),
  certainty: v.picklist(CERTAINTIES),
  /** Why this group's exposure is possible rather than confirmed; shown beside a "may have been" answer. */
  reason: v.optional(Localised),
});

/** A data class the incident words itself: every answer that names it needs a label and steps in both languages. */
const DeclaredClass = v.object({
  label: Localised,
  steps: v.object({
    ja: v.pipe(v.array(Text), v.minLength(1, 'must give at least one step')),
    en: v.pipe(v.array(Text), v.minLength(1, 'must give at least one step')),
  }),
  /** 1 (least) to 100 (most urgent); built-in classes run from 25 (birth date) to 100 (login and password). */
  urgency: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  /** A government ID number (a driver's licence, a passport): California then asks notices for more (legal-items.ts). */
  idNumber: v.optional(v.boolean()),
});

const RegexSource = v.pipe(
  v.string(),
  v.maxLength(200),
  v.check((source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression'),
);

const IncidentObject = v.object({
  slug: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and "-"')),
  status: v.picklist(STATUSES),
  /** The name customers know the seller by (a tenant store, a brand), used in the first lines of answers. */
  company: Localised,
  text: v.object({
    ja: v.object({ title: Text, summary: Text, whatHappened: Text }),
    en: v.object({ title: Text, summary: Text, whatHappened: Text }),
  }),
  updates: v.array(v.object({ date: IsoDate, text: Localised })),
  /** A fictional incident (the demo): pages carry a small badge saying so. */
  demo: v.optional(v.boolean()),
  groups: v.pipe(
    v.array(Group),
    v.maxLength(MAX_GROUPS),
    v.check((groups) => new Set(groups.map((g) => g.code)).size === groups.length, 'group codes must be unique'),
  ),
  /** Steps an incident adds to the built-in catalogue, per data class. */
  nextSteps: v.optional(v.record(v.picklist(BUILT_IN_DATA_CLASSES), Steps), {}),
  /** The incident's own data classes, for data the built-in catalogue has no words for. */
  dataClasses: v.optional(v.record(ClassCode, DeclaredClass), {}),
  contacts: v.object({
    senders: v.array(v.pipe(v.string(), v.email())),
    phones: v.array(v.object({ number: Phone, hours: Localised })),
  }),
  /** What the breach-notice laws ask a notice to say (src/core/legal-items.ts lists which law asks what). */
  legal: v.optional(LegalItemsSchema),
  lookup: v.pipe(
    v.object({
      /** `second-factor`: email lookups need the factor imported with the record, and order IDs alone answer nothing. */
      mode: v.picklist(LOOKUP_MODES),
      secondFactor: v.optional(v.picklist(SECOND_FACTORS)),
      /** Describes a normalised order ID (uppercase, no spaces or hyphens), e.g. "^ORD\\d{4,}$". */
      orderIdPattern: v.optional(RegexSource),
    }),
    v.check(
      (l) => (l.mode === 'second-factor') === (l.secondFactor !== undefined),
      'secondFactor (order_id, postcode or phone_last4) is required with mode "second-factor", and only then',
    ),
  ),
});

type IncidentInput = v.InferOutput<typeof IncidentObject>;

/** The first group data class that nobody can word: neither built in nor declared by the incident. */
function unwordedClass(def: IncidentInput): string | null {
  for (const [i, g] of def.groups.entries()) {
    for (const dc of g.dataClasses) {
      if (!isBuiltInDataClass(dc) && !Object.hasOwn(def.dataClasses, dc)) {
        return `groups[${i}] (${g.code}) names the data class "${dc}", which is neither built in (${BUILT_IN_DATA_CLASSES.join(', ')}) nor declared under "dataClasses" with a label, steps in ja and en, and an urgency`;
      }
    }
  }
  return null;
}

export const IncidentDefinitionSchema = v.pipe(
  IncidentObject,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const def = dataset.value;
    const unworded = unwordedClass(def);
    if (unworded) addIssue({ message: unworded });
    for (const code of Object.keys(def.dataClasses)) {
      if (isBuiltInDataClass(code)) {
        addIssue({ message: `dataClasses.${code}: "${code}" is built in; add steps to it under "nextSteps" instead` });
      }
    }
    if (DEFINITE_STATUSES.includes(def.status) && def.groups.length === 0) {
      addIssue({ message: `groups: an incident with status "${def.status}" must hold at least one group` });
    }
    // "Last update: <date>" is the answer's only date while the outcome is open.
    if (!DEFINITE_STATUSES.includes(def.status) && def.updates.length === 0) {
      addIssue({ message: `updates: an incident with status "${def.status}" needs at least one dated update; its answers quote the latest` });
    }
  }),
);

export type IncidentDefinition = v.InferOutput<typeof IncidentDefinitionSchema>;
export type LocalisedText = IncidentDefinition['company'];
export type GroupDefinition = IncidentDefinition['groups'][number];

/** What an incident row carries besides groups and updates (stored as JSON in incidents.content). */
export type IncidentContent = Pick<IncidentDefinition, 'company' | 'text' | 'nextSteps' | 'contacts' | 'lookup'> &
  // Optional: incidents published before these existed have none of them.
  Partial<Pick<IncidentDefinition, 'dataClasses' | 'demo' | 'legal'>> & {
    /** Each possible group's reason, by group code (the groups table has no place for it). */
    readonly reasons?: Readonly<Record<string, LocalisedText>>;
  };
export type DeclaredClass = IncidentDefinition['dataClasses'][string];

/** An exposure group as stored: the definition plus its permanent bit in the entries' mask. */
export interface ExposureGroup extends GroupDefinition {
  readonly bit: number;
}

/** An incident as the Worker uses it. */
export interface Incident {
  readonly slug: string;
  readonly status: IncidentStatus;
  readonly salt: Uint8Array;
  readonly revision: number;
  readonly activeDataset: number | null;
  /** The pepper id the active dataset was hashed with. */
  readonly keyId: string | null;
  /** What the active dataset was made with; null without one, or for a dataset imported before bindings. */
  readonly binding: DatasetBinding | null;
  /** What the active dataset's list holds; null as for `binding`. */
  readonly contents: ListContents | null;
  readonly content: IncidentContent;
  readonly updates: IncidentDefinition['updates'];
  readonly groups: readonly ExposureGroup[];
  readonly orderIdPattern: RegExp | undefined;
  /** When the active list was switched on (ISO instant); null without one. */
  readonly listActivatedAt: string | null;
}

/** The date of the latest update (the status date answers quote); null when there is none. */
export function statusDate(incident: Pick<Incident, 'updates'>): string | null {
  return incident.updates.reduce<string | null>((latest, u) => (latest === null || u.date > latest ? u.date : latest), null);
}

/** The latest update, for answers that quote its text. */
export function latestUpdate(incident: Pick<Incident, 'updates'>): Incident['updates'][number] | null {
  const date = statusDate(incident);
  return [...incident.updates].reverse().find((u) => u.date === date) ?? null;
}

/** Describes valibot issues as "path: message" lines, for operators fixing a file. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
}
