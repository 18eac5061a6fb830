/**
 * The lookup path: incident (cached per isolate) → normalise → keyed hash → one D1 read → decide.
 * Shared by the public page and the JSON API; the agent console (src/agent-lookup.ts) uses the same
 * normalisation, hashing and incident cache with its own audited read.
 */
import { type Answer, decide } from './core/decide.ts';
import type { Incident } from './core/incident.ts';
import { keyedHasher, parsePepper } from './core/keyed-hash.ts';
import type { HashKind } from './core/keyed-hash.ts';
import {
  emailFactorValue,
  type IdentifierKind,
  type NormaliseError,
  normaliseEmail,
  normaliseFactor,
  normaliseIdentifier,
  normaliseOrderId,
} from './core/normalise.ts';
import { type D1Reader, loadIncident, lookupEntry, publicReads } from './data/db.ts';
import type { AppEnv } from './env.ts';

/** Thrown when the portal cannot give a trustworthy answer; the HTTP layer turns it into a 503. */
export class CannotAnswer extends Error {
  override name = 'CannotAnswer';
}

export type LookupOutcome =
  | { readonly kind: 'answer'; readonly incident: Incident; readonly answer: Answer }
  | { readonly kind: 'unknown_incident' }
  | { readonly kind: 'invalid'; readonly error: LookupError; readonly incident: Incident };

export type IdentifierInput =
  | { readonly kind: IdentifierKind | 'either'; readonly raw: string }
  /** Sensitive incidents: the email together with the second factor imported with the record. */
  | { readonly kind: 'email_factor'; readonly raw: string; readonly factor: string };

/** Sent by lookups that do not match the incident's mode: an email alone (or an order ID) for a sensitive one. */
export type LookupError = NormaliseError | 'factor_required';

// Incident content per isolate. Every lookup's single read also returns the incident's revision and
// active dataset, so a stale entry is noticed and reloaded before it can answer.
const incidents = new Map<string, Incident>();

type Hasher = ReturnType<typeof keyedHasher>;
let hashers: { source: string; byId: Map<string, Hasher>; currentId: string } | undefined;

/** The hasher for a key id, or undefined when no configured pepper has that id. */
function hasherFor(env: AppEnv, keyId: string | null): Hasher | undefined {
  const source = `${env.PEPPER ?? ''}\n${env.PEPPER_PREVIOUS ?? ''}`;
  if (hashers?.source !== source) {
    if (!env.PEPPER) throw new CannotAnswer('PEPPER is not configured');
    const current = parsePepper(env.PEPPER);
    const byId = new Map([[current.id, keyedHasher(current)]]);
    if (env.PEPPER_PREVIOUS) {
      const previous = parsePepper(env.PEPPER_PREVIOUS);
      byId.set(previous.id, keyedHasher(previous));
    }
    hashers = { source, byId, currentId: current.id };
  }
  // An incident with no dataset yet still gets a hash, so the one read can report that state.
  return hashers.byId.get(keyId ?? hashers.currentId);
}

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

/**
 * The incident for a read that has just returned its revision, active dataset and key id (a code
 * lookup): the cached copy when it matches them, else a fresh one. Null if it changed again meanwhile.
 */
export async function incidentMatching(
  db: D1Reader,
  slug: string,
  seen: { revision: number; activeDataset: number | null; keyId: string | null },
): Promise<Incident | null> {
  const matches = (i: Incident | null | undefined) =>
    i && i.revision === seen.revision && i.activeDataset === seen.activeDataset && i.keyId === seen.keyId;
  const cached = incidents.get(slug);
  if (matches(cached)) return cached!;
  const fresh = await freshIncident(db, slug);
  return matches(fresh) ? fresh : null;
}

/** The cached incident, or a fresh read when this isolate has none. */
export async function cachedIncident(env: AppEnv, slug: string): Promise<Incident | null> {
  return incidents.get(slug) ?? (await freshIncident(env.DB, slug));
}

type Normalised = { ok: true; kind: HashKind; value: string } | { ok: false; error: LookupError };

function normalise(input: IdentifierInput, incident: Incident): Normalised {
  const factor = incident.content.lookup.secondFactor;
  if (factor) {
    // A sensitive incident answers only for the pair: an email or order ID alone would let anyone
    // who knows an address learn whether that person is affected.
    if (input.kind !== 'email_factor') return { ok: false, error: 'factor_required' };
    const email = normaliseEmail(input.raw);
    if (!email.ok) return email;
    const value = normaliseFactor(factor, input.factor, incident.orderIdPattern);
    if (!value.ok) return value;
    return { ok: true, kind: 'email_factor', value: emailFactorValue(email.value, value.value) };
  }
  switch (input.kind) {
    case 'email':
    case 'email_factor': // an open incident needs no factor; the email alone answers
      return normaliseEmail(input.raw);
    case 'order_id':
      return normaliseOrderId(input.raw, incident.orderIdPattern);
    case 'either':
      return normaliseIdentifier(input.raw, incident.orderIdPattern);
  }
}

export type Hashed =
  | { readonly ok: true; readonly kind: HashKind; readonly hash: Uint8Array; readonly keyId: string }
  | { readonly ok: false; readonly error: LookupError };

/**
 * Normalises an identifier as the incident asks and keyed-hashes it with the pepper of the incident's
 * active dataset (the current pepper before the first import). Null when no configured pepper has that
 * key id; throws CannotAnswer without a pepper at all.
 */
export function hashIdentifier(env: AppEnv, incident: Incident, input: IdentifierInput): Hashed | null {
  const id = normalise(input, incident);
  if (!id.ok) return id;
  const hasher = hasherFor(env, incident.keyId);
  if (!hasher) return null;
  return { ok: true, kind: id.kind, hash: hasher(incident.salt, id.kind, id.value), keyId: incident.keyId ?? hashers!.currentId };
}

/** The hasher for a dataset's key id, or CannotAnswer: used by code lookups, which hash nothing. */
export function requireKey(env: AppEnv, keyId: string | null): void {
  if (!hasherFor(env, keyId)) throw new CannotAnswer(`no pepper configured for key id ${keyId}`);
}

/**
 * Answers "was this identifier affected by this incident?". Throws CannotAnswer (or lets a D1 error
 * through) whenever the answer could be wrong: no pepper, no active dataset, inconsistent data.
 */
export async function lookup(env: AppEnv, slug: string, input: IdentifierInput): Promise<LookupOutcome> {
  // Every read of this lookup goes through one session, so a replica answers them from one state.
  const db = publicReads(env.DB);
  const cached = incidents.get(slug);
  let incident = cached ?? (await freshIncident(db, slug));
  // Two passes at most: the second runs only when the first saw that the cached incident was stale.
  for (let pass = 0; pass < 2 && incident; pass++) {
    const id = normalise(input, incident);
    if (!id.ok) return { kind: 'invalid', error: id.error, incident };
    const hasher = hasherFor(env, incident.keyId);
    if (!hasher) {
      // The cached copy may predate a re-import hashed with a pepper this Worker has: without this
      // re-read it would never be refreshed, and the incident would stay unanswerable.
      if (incident === cached && pass === 0) {
        incident = await freshIncident(db, slug);
        continue;
      }
      throw new CannotAnswer(`no pepper configured for key id ${incident.keyId}`);
    }
    const hash = hasher(incident.salt, id.kind, id.value);
    const row = await lookupEntry(db, slug, hash);
    if (!row) {
      incidents.delete(slug); // deleted since it was cached
      return { kind: 'unknown_incident' };
    }
    if (row.revision === incident.revision && row.activeDataset === incident.activeDataset && row.keyId === incident.keyId) {
      if (row.activeDataset === null) throw new CannotAnswer('the incident has no active dataset');
      return { kind: 'answer', incident, answer: decide(incident, row.entry) };
    }
    incident = await freshIncident(db, slug);
  }
  if (!incident) return { kind: 'unknown_incident' };
  throw new CannotAnswer('the incident changed twice during one lookup');
}
