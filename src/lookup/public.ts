/**
 * The lookup path: incident (cached per isolate) → the one identifier path (src/core/identifier.ts) →
 * one D1 read → checks → decide. Shared by the public page and the JSON API; the agent console
 * (src/lookup/agent.ts) uses the same incident cache, keyring and identifier path with its own audited
 * read.
 *
 * The single read returns the incident's revision, its active dataset and that dataset's binding with
 * the entry. Nothing the cached incident says is acted on until that read shows the cache is current:
 * not its order-ID rule, its lookup mode nor its list contents, so a republish or a re-import takes
 * effect on the very next lookup.
 */
import { type Answer, decide, type Entry, listUse } from '../core/decide.ts';
import { type IdentifierError, type IdentifierInput, type IdentifierRules, identifierHash, readIdentifier } from '../core/identifier.ts';
import type { Incident } from '../core/incident.ts';
import { lookupEntry, type LookupRow } from '../data/entries.ts';
import { loadIncident } from '../data/incidents.ts';
import { type D1Reader, publicReads } from '../data/reader.ts';
import type { AppEnv } from '../env.ts';
import { CannotAnswer } from './cannot-answer.ts';
import { type Key, keyFor, keyring, requireBinding } from './keyring.ts';

export { CannotAnswer } from './cannot-answer.ts';
export type { IdentifierInput } from '../core/identifier.ts';

export type LookupOutcome =
  | { readonly kind: 'answer'; readonly incident: Incident; readonly answer: Answer }
  | { readonly kind: 'unknown_incident' }
  | { readonly kind: 'invalid'; readonly error: LookupError; readonly incident: Incident };

export type LookupError = IdentifierError;

// Incident content per isolate. Every lookup's single read also returns the incident's revision and
// active dataset, so a stale entry is noticed and reloaded before it can answer.
const incidents = new Map<string, Incident>();

/** Reads an incident from D1 (or a D1 session) and refreshes the per-isolate copy. */
export async function freshIncident(db: D1Reader, slug: string): Promise<Incident | null> {
  const incident = await loadIncident(db, slug);
  if (incident) incidents.set(slug, incident);
  else incidents.delete(slug);
  return incident;
}

/**
 * Reads an incident for display. Always from D1: a page makes no lookup read that could reveal a stale
 * cached copy, so a cached one would show an old status and update log for as long as the isolate lives.
 */
export async function incidentForPage(env: AppEnv, slug: string): Promise<Incident | null> {
  return freshIncident(publicReads(env.DB), slug);
}

/** What a read returned about the incident's state; the cached incident must match all of it. */
type Seen = Pick<LookupRow, 'revision' | 'activeDataset' | 'keyId'>;

/** True when a (cached) incident is the one a read has just seen. */
export function isCurrent(incident: Incident | null | undefined, seen: Seen): incident is Incident {
  return !!incident && incident.revision === seen.revision && incident.activeDataset === seen.activeDataset && incident.keyId === seen.keyId;
}

/**
 * The incident for a read that has just returned its revision, active dataset and key id (a code
 * lookup): the cached copy when it matches them, else a fresh one. Null if it changed again meanwhile.
 */
export async function incidentMatching(db: D1Reader, slug: string, seen: Seen): Promise<Incident | null> {
  const cached = incidents.get(slug);
  if (isCurrent(cached, seen)) return cached;
  const fresh = await freshIncident(db, slug);
  return isCurrent(fresh, seen) ? fresh : null;
}

/** The cached incident, or a fresh read when this isolate has none. */
export async function cachedIncident(env: AppEnv, slug: string): Promise<Incident | null> {
  return incidents.get(slug) ?? (await freshIncident(env.DB, slug));
}

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

/**
 * Answers "was this identifier affected by this incident?". Throws CannotAnswer (or lets a D1 error
 * through) whenever the answer could be wrong: no pepper, no active dataset, a dataset made with another
 * pepper or other settings, inconsistent data.
 */
export async function lookup(env: AppEnv, slug: string, input: IdentifierInput): Promise<LookupOutcome> {
  // Every read of this lookup goes through one session, so a replica answers them from one state.
  const db = publicReads(env.DB);
  let incident = incidents.get(slug) ?? (await freshIncident(db, slug));
  // Two passes at most: the second runs only when the first saw that the cached incident was stale.
  for (let pass = 0; pass < 2 && incident; pass++) {
    const { key, read, hash } = prepare(env, incident, input);
    // Invalid input is read too: its 400 must come from the incident's current rules, not a stale copy's.
    const row = await lookupEntry(db, slug, hash);
    if (!row) {
      incidents.delete(slug); // deleted since it was cached
      return { kind: 'unknown_incident' };
    }
    if (!isCurrent(incident, row)) {
      incident = await freshIncident(db, slug);
      continue;
    }
    const list = listFor(incident, key, row);
    if (!read.ok) return { kind: 'invalid', error: read.error, incident };
    return { kind: 'answer', incident, answer: decide(incident, list) };
  }
  if (!incident) return { kind: 'unknown_incident' };
  throw new CannotAnswer('the incident changed twice during one lookup');
}
