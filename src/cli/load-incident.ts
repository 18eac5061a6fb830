/**
 * The two loading steps every operator flow needs, shared by the CLI commands and `npm start`:
 * publish an incident file, and import an affected-list CSV into a new dataset.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse';
import * as v from 'valibot';
import { AffectedSetBuilder, type RowRejection } from '../core/affected-set.ts';
import { describeIssues, type IncidentDefinition, IncidentDefinitionSchema } from '../core/incident.ts';
import { keyedHasher, type Pepper } from '../core/keyed-hash.ts';
import { groupBits, incidentSalt, loadIncident, publishIncident, type PublishResult } from '../data/db.ts';
import { importAffectedSet, type ImportOutcome } from '../data/import.ts';

export class InvalidIncidentFile extends Error {
  override name = 'InvalidIncidentFile';
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file} is not a valid incident definition:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

export function readIncidentFile(file: string): IncidentDefinition {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InvalidIncidentFile(file, [`(file): ${(err as Error).message}`]);
  }
  const result = v.safeParse(IncidentDefinitionSchema, json);
  if (!result.success) throw new InvalidIncidentFile(file, describeIssues(result.issues));
  return result.output;
}

export async function publishFile(db: D1Database, file: string): Promise<PublishResult & { slug: string }> {
  const def = readIncidentFile(file);
  const result = await publishIncident(db, def, () => new Uint8Array(randomBytes(16)));
  return { ...result, slug: def.slug };
}

export interface ImportReport extends ImportOutcome {
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejected: Partial<Record<RowRejection, number[]>>;
  readonly uniqueIdentifiers: number;
}

/** Reads the CSV, hashes every identifier locally, and loads the result as the incident's new dataset. */
export async function importFile(db: D1Database, slug: string, file: string, pepper: Pepper): Promise<ImportReport> {
  const incident = await loadIncident(db, slug);
  const salt = await incidentSalt(db, slug);
  if (!incident || !salt) throw new Error(`Incident "${slug}" is not published. Run \`incident publish\` first.`);
  const builder = new AffectedSetBuilder({
    hash: keyedHasher(pepper),
    salt,
    groupBits: await groupBits(db, slug),
    orderIdPattern: incident.orderIdPattern,
  });
  const rejected: Partial<Record<RowRejection, number[]>> = {};
  let rowsRead = 0;
  const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true, bom: true }));
  for await (const row of parser) {
    rowsRead++;
    const reason = builder.add(row);
    // Line numbers count the header as line 1, as spreadsheets show them.
    if (reason) (rejected[reason] ??= []).push(rowsRead + 1);
  }
  const accepted = rowsRead - Object.values(rejected).reduce((n, lines) => n + lines.length, 0);
  const { entries, digest } = builder.finish();
  const outcome = await importAffectedSet(db, slug, pepper.id, { entries, digest, stores: builder.stores() });
  return { ...outcome, rowsRead, accepted, rejected, uniqueIdentifiers: entries.length };
}
