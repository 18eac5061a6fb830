/**
 * The incident definition: the JSON file an incident team writes and `incident publish` loads.
 * One valibot schema, used by the CLI to validate files and by the Worker to trust what it reads back.
 */
import * as v from 'valibot';
import type { DatasetBinding, ListContents } from './dataset-binding.ts';
import { SECOND_FACTORS } from './normalise.ts';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const STATUSES = ['investigating', 'confirmed', 'not_confirmed', 'closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

export const CERTAINTIES = ['confirmed', 'possible'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

/** Data classes in the order answers list them: the most urgent to act on first. */
export const DATA_CLASSES = [
  'card',
  'login',
  'email',
  'name',
  'address',
  'phone',
  'birth_date',
  'order_details',
] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export const LOOKUP_MODES = ['open', 'second-factor'] as const;

/** Groups live in a 53-bit mask (the integers JavaScript and D1 agree on exactly). */
export const MAX_GROUPS = 53;

const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(4000));
const Localised = v.object({ ja: Text, en: Text });
const IsoDate = v.pipe(v.string(), v.isoDate('must be a date like 2024-05-23'));
const Steps = v.object({ ja: v.array(Text), en: v.array(Text) });

const Period = v.pipe(
  v.object({ from: IsoDate, to: v.optional(IsoDate) }),
  v.check((p) => p.to === undefined || p.from <= p.to, 'period "from" must not be after "to"'),
);

const Group = v.object({
  code: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be lowercase letters, digits, "-" or "_"')),
  label: Localised,
  period: Period,
  dataClasses: v.pipe(v.array(v.picklist(DATA_CLASSES)), v.minLength(1, 'must name at least one data class')),
  certainty: v.picklist(CERTAINTIES),
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

export const IncidentDefinitionSchema = v.object({
  slug: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and "-"')),
  status: v.picklist(STATUSES),
  /** The name customers know the seller by (a tenant store, a brand), used in the first lines of answers. */
  company: Localised,
  text: v.object({
    ja: v.object({ title: Text, summary: Text, whatHappened: Text }),
    en: v.object({ title: Text, summary: Text, whatHappened: Text }),
  }),
  updates: v.array(v.object({ date: IsoDate, text: Localised })),
  groups: v.pipe(
    v.array(Group),
    v.minLength(1, 'must hold at least one group'),
    v.maxLength(MAX_GROUPS),
    v.check((groups) => new Set(groups.map((g) => g.code)).size === groups.length, 'group codes must be unique'),
  ),
  /** Steps an incident adds to the built-in catalogue, per data class. */
  nextSteps: v.optional(v.record(v.picklist(DATA_CLASSES), Steps), {}),
  contacts: v.object({
    senders: v.array(v.pipe(v.string(), v.email())),
    phones: v.array(v.object({ number: v.pipe(v.string(), v.regex(/^[0-9+()\- ]{5,32}$/)), hours: Localised })),
  }),
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

export type IncidentDefinition = v.InferOutput<typeof IncidentDefinitionSchema>;
export type LocalisedText = IncidentDefinition['company'];
export type GroupDefinition = IncidentDefinition['groups'][number];

/** What an incident row carries besides groups and updates (stored as JSON in incidents.content). */
export type IncidentContent = Pick<IncidentDefinition, 'company' | 'text' | 'nextSteps' | 'contacts' | 'lookup'>;

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
}

/** Describes valibot issues as "path: message" lines, for operators fixing a file. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
}
