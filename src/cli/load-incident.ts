/**
 * Incident files: read and validate one (errors name the JSON path and what was expected), and
 * publish it. Shared by `incident publish` and `npm start`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describeIssues, type IncidentDefinition, IncidentDefinitionSchema } from '../core/incident.ts';
import { publishIncident, type PublishResult } from '../data/db.ts';

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
