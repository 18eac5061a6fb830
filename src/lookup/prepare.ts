/**
 * From what was typed to what one read needs, under an incident's rules: the identifier read and
 * hashed with the incident's key, and, once the read has shown the incident is current, the checks an
 * answer needs (a dataset, the right pepper and binding) and the list's part of the answer.
 */
import { type Entry, listUse } from '../core/decide.ts';
import { type IdentifierInput, type IdentifierRules, identifierHash, readIdentifier } from '../core/identifier.ts';
import type { Incident } from '../core/incident.ts';
import type { LookupRow } from '../data/entries.ts';
import type { AppEnv } from '../env.ts';
import { CannotAnswer } from './cannot-answer.ts';
import { type Key, keyFor, keyring, requireBinding } from './keyring.ts';

/**
 * The identifier rules of an incident and its active list. A status that reads no list (not_confirmed)
 * is not held to one imported earlier: it answers everyone alike, so what that list holds must not
 * refuse an email or an order ID that the same status without a list would answer.
 */
export function rulesOf(incident: Incident): IdentifierRules {
  const list = listUse(incident.status) === 'none' ? null : incident.contents;
  return { secondFactor: incident.content.lookup.secondFactor, orderIdPattern: incident.orderIdPattern, list };
}

export interface Prepared {
  readonly key: Key | undefined;
  readonly read: ReturnType<typeof readIdentifier>;
  /** The keyed hash to look up; null when there is nothing to hash (invalid input, unknown key). */
  readonly hash: Uint8Array | null;
}

/** The identifier under an incident's rules (as cached: callers confirm the revision before acting on it). */
export function prepare(env: AppEnv, incident: Incident, input: IdentifierInput): Prepared {
  const key = keyFor(keyring(env), incident.keyId);
  const read = readIdentifier(input, rulesOf(incident));
  return { key, read, hash: read.ok && key ? identifierHash(key.hash, incident.salt, read) : null };
}

/**
 * Everything that must hold, once a read has shown the incident is current, before an answer is given:
 * a dataset, the pepper it was hashed with, and a binding equal to this Worker's and incident's.
 */
export function requireAnswerable(incident: Incident, key: Key | undefined, row: Pick<LookupRow, 'activeDataset' | 'binding'>): asserts key is Key {
  if (row.activeDataset === null) throw new CannotAnswer('the incident has no active dataset');
  requireBinding(incident, key, row.binding);
  if (incident.contents === null) throw new CannotAnswer('the active dataset does not say what its list holds');
}

/**
 * The list's part of an answer, once a read has shown the incident is current. Null when the status
 * reads no list (not_confirmed) or investigates without one yet; those answer everyone alike. Any
 * other case needs an answerable list (see requireAnswerable), or it throws.
 */
export function listFor(
  incident: Incident,
  key: Key | undefined,
  row: Pick<LookupRow, 'activeDataset' | 'binding'> & { readonly entry: Entry | null },
): { readonly entry: Entry | null } | null {
  const use = listUse(incident.status);
  if (use === 'none' || (use === 'optional' && row.activeDataset === null)) return null;
  requireAnswerable(incident, key, row);
  return { entry: row.entry };
}
