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
import { type Answer, decide, type Entry } from '../core/decide.ts';
import type { IdentifierError, IdentifierInput } from '../core/identifier.ts';
import type { Incident } from '../core/incident.ts';
import { lookupEntry } from '../data/entries.ts';
import { publicReads } from '../data/reader.ts';
import type { AppEnv } from '../env.ts';
import { CannotAnswer } from './cannot-answer.ts';
import { cachedCopy, forgetIncident, freshIncident, isCurrent } from './incident-cache.ts';
import { listFor, prepare } from './prepare.ts';

export type LookupOutcome =
  | {
      readonly kind: 'answer';
      readonly incident: Incident;
      readonly answer: Answer;
      /** The list's part of the decision: what decide() was given besides the incident. */
      readonly list: { readonly entry: Entry | null } | null;
    }
  | { readonly kind: 'unknown_incident' }
  | { readonly kind: 'invalid'; readonly error: LookupError; readonly incident: Incident };

export type LookupError = IdentifierError;

/**
 * Answers "was this identifier affected by this incident?". Throws CannotAnswer (or lets a D1 error
 * through) whenever the answer could be wrong: no pepper, no active dataset, a dataset made with another
 * pepper or other settings, inconsistent data.
 */
export async function lookup(env: AppEnv, slug: string, input: IdentifierInput): Promise<LookupOutcome> {
  // Every read of this lookup goes through one session, so a replica answers them from one state.
  const db = publicReads(env.DB);
  let incident = cachedCopy(slug) ?? (await freshIncident(db, slug));
  // Two passes at most: the second runs only when the first saw that the cached incident was stale.
  for (let pass = 0; pass < 2 && incident; pass++) {
    const { key, read, hash } = prepare(env, incident, input);
    // Invalid input is read too: its 400 must come from the incident's current rules, not a stale copy's.
    const row = await lookupEntry(db, slug, hash);
    if (!row) {
      forgetIncident(slug); // deleted since it was cached
      return { kind: 'unknown_incident' };
    }
    if (!isCurrent(incident, row)) {
      incident = await freshIncident(db, slug);
      continue;
    }
    const list = listFor(incident, key, row);
    if (!read.ok) return { kind: 'invalid', error: read.error, incident };
    return { kind: 'answer', incident, answer: decide(incident, list), list };
  }
  if (!incident) return { kind: 'unknown_incident' };
  throw new CannotAnswer('the incident changed twice during one lookup');
}
