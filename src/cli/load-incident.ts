/**
 * Incident files: read and validate one (errors name the JSON path and what was expected), and
 * publish it. Shared by `incident publish` and `npm start`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describeIssues, type IncidentDefinition, IncidentDefinitionSchema } from '../core/incident.ts';
import { bindingMismatch, expectedBinding } from '../core/dataset-binding.ts';
import { loadIncident, publishIncident, type PublishResult } from '../data/incidents.ts';
import { describeMismatch } from './binding-message.ts';
import { OperatorError } from './operator-error.ts';

export class InvalidIncidentFile extends OperatorError {
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

export interface Published extends PublishResult {
  readonly slug: string;
  /** Set when the incident's active list was made for other lookup settings: it now answers 503. */
  readonly listStopsAnswering: string | null;
  /** What readers will miss in the answers this definition gives (not errors: it is published). */
  readonly advice: readonly string[];
}

/** Gaps in what the answers can tell a reader, for the operator to fill before notices go out. */
export function answerAdvice(def: IncidentDefinition): string[] {
  return def.groups.flatMap((g, i) =>
    g.certainty === 'possible' && !g.reason
      ? [`groups[${i}] (${g.code}) is "possible" but gives no "reason": its people read "may have been exposed" without being told why.`]
      : [],
  );
}

export async function publishFile(db: D1Database, file: string): Promise<Published> {
  const def = readIncidentFile(file);
  const result = await publishIncident(db, def, () => new Uint8Array(randomBytes(16)));
  return { ...result, slug: def.slug, listStopsAnswering: await settingsMismatch(db, def), advice: answerAdvice(def) };
}

/**
 * The lookup settings of a definition against the active list's binding. The pepper is not compared:
 * publishing needs none, and lookups check it on their own.
 */
async function settingsMismatch(db: D1Database, def: IncidentDefinition): Promise<string | null> {
  const incident = await loadIncident(db, def.slug);
  if (!incident || incident.activeDataset === null) return null;
  const stored = incident.binding;
  const expected = expectedBinding(def.lookup, stored ? { id: stored.keyId, fingerprint: stored.pepper } : { id: '', fingerprint: '' });
  const causes = bindingMismatch(stored, expected);
  return causes.length === 0 ? null : describeMismatch(def.slug, causes, stored, expected);
}
