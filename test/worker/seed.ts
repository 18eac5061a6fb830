/**
 * Test data through the same code path the operator CLI uses: validate the incident file, publish it,
 * build the affected set with the shared core, import it as a dataset and switch it on.
 */
import { env } from 'cloudflare:workers';
import { parse } from 'csv-parse/browser/esm/sync';
import * as v from 'valibot';
import demoCsv from '../../demo/demo.affected.csv?raw';
import demoIncident from '../../demo/demo.incident.json';
import type { AffectedRow } from '../../src/core/affected-set.ts';
import { AffectedSetBuilder } from '../../src/core/affected-set-builder.ts';
import { type IncidentDefinition, IncidentDefinitionSchema } from '../../src/core/incident.ts';
import { type DatasetBinding, expectedBinding, subjectBindingText } from '../../src/core/dataset-binding.ts';
import { keyedHash, keyedHasher, parsePepper, pepperFingerprint } from '../../src/core/keyed-hash.ts';
import { codeHash, newCode, normaliseCode } from '../../src/core/codes.ts';
import type { AnswerKind } from '../../src/core/decide.ts';
import type { Channel } from '../../src/core/reach.ts';
import { insertCodes } from '../../src/data/codes.ts';
import { insertEntries } from '../../src/data/entries.ts';
import { groupBits, incidentSalt, loadIncident, publishIncident } from '../../src/data/incidents.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';

export const demoDefinition: IncidentDefinition = v.parse(IncidentDefinitionSchema, demoIncident);

export async function publish(def: IncidentDefinition, db: D1Database = env.DB) {
  return publishIncident(db, def, () => crypto.getRandomValues(new Uint8Array(16)));
}

/** Publishes nothing; imports rows for an already published incident and activates them. */
export async function importRows(slug: string, rows: AffectedRow[], db: D1Database = env.DB, pepperText = env.PEPPER) {
  const pepper = parsePepper(pepperText);
  const salt = await incidentSalt(db, slug);
  if (!salt) throw new Error(`incident ${slug} is not published`);
  const incident = (await loadIncident(db, slug))!;
  const builder = new AffectedSetBuilder({
    hash: keyedHasher(pepper),
    salt,
    groupBits: await groupBits(db, slug),
    orderIdPattern: incident.orderIdPattern,
    secondFactor: incident.content.lookup.secondFactor,
  });
  const rejected = rows.flatMap((row) => builder.add(row));
  if (rejected.length > 0) throw new Error(`test rows rejected: ${rejected.map((r) => `${r.column}: ${r.reason}`).join(', ')}`);
  const { entries, digest } = builder.finish();
  const binding = expectedBinding(incident.content.lookup, { id: pepper.id, fingerprint: pepperFingerprint(pepper) });
  const set = { keyId: pepper.id, binding, contents: builder.contents(), digest, entries: entries.length, stores: builder.stores() };
  return loadDataset(db, slug, set, (dataset) => insertEntries(db, dataset, entries));
}

/** The binding an import with this pepper (the test pepper by default) gives the incident's datasets. */
export async function bindingFor(slug: string, pepperText = env.PEPPER): Promise<DatasetBinding> {
  const pepper = parsePepper(pepperText);
  const incident = (await loadIncident(env.DB, slug))!;
  return expectedBinding(incident.content.lookup, { id: pepper.id, fingerprint: pepperFingerprint(pepper) });
}

export const demoRows: AffectedRow[] = parse(demoCsv, { columns: true, skip_empty_lines: true });

export async function seedDemo() {
  await publish(demoDefinition);
  await importRows('demo', demoRows);
}

/** A copy of the demo definition under another slug, for tests that change their incident. */
export function definitionFor(slug: string, changes: Partial<IncidentDefinition> = {}): IncidentDefinition {
  return { ...structuredClone(demoDefinition), slug, ...changes };
}

export interface IssueOptions {
  kind?: 'notice' | 'contact';
  locale?: 'ja' | 'en';
  expiresAt?: string | null;
  /** The pepper id recorded with the recipient's hash; defaults to the test pepper's. */
  subjectKey?: string;
  /** How the recipient's hash was made; defaults to what the incident's active dataset expects. */
  subjectBinding?: string;
  issuedAt?: string;
  /** Notices only: how it went out (default email) and the answer it carried (default: not recorded). */
  channel?: Channel;
  answer?: AnswerKind;
}

/**
 * Issues a code as the notices command (or the support console) does: the code's hash, and for a
 * recipient email its keyed hash. Returns the code as printed.
 */
export async function issueCode(slug: string, email: string | null, o: IssueOptions = {}): Promise<string> {
  const code = newCode();
  const pepper = parsePepper(env.PEPPER);
  const subject = email === null ? null : keyedHash(pepper, (await incidentSalt(env.DB, slug))!, 'email', email);
  await insertCodes(env.DB, [
    {
      hash: codeHash(normaliseCode(code)!),
      kind: o.kind ?? 'notice',
      incident: slug,
      subject,
      subjectKey: subject ? (o.subjectKey ?? pepper.id) : null,
      subjectBinding: subject ? (o.subjectBinding ?? subjectBindingText({ ...(await bindingFor(slug)), keyId: o.subjectKey ?? pepper.id }, 'email')) : null,
      locale: o.locale ?? 'ja',
      issuedAt: o.issuedAt ?? '2026-11-20T01:00:00.000Z',
      expiresAt: o.expiresAt ?? null,
      channel: (o.kind ?? 'notice') === 'notice' ? (o.channel ?? 'email') : null,
      answer: (o.kind ?? 'notice') === 'notice' ? (o.answer ?? null) : null,
    },
  ]);
  return code;
}

/** Two versions of one list: between them one person leaves, one joins and one changes groups. */
export const listVersionA: AffectedRow[] = [
  { email: 'leaving@example.com', groups: 'members|cards' },
  { email: 'staying@example.com', groups: 'members' },
];
export const listVersionB: AffectedRow[] = [
  { email: 'staying@example.com', groups: 'members|cards' },
  { email: 'joining@example.com', groups: 'cards' },
];
