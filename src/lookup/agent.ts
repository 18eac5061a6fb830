/**
 * The support console's lookup: the same identifier path, keyed hash, checks and decision as the public
 * lookup (src/lookup/public.ts), but its single D1 statement also writes the audit row and enforces the agent's
 * hourly limit (src/data/audit.ts, auditedLookup). Every answered or refused lookup leaves exactly one row,
 * except in the rare case that the dataset changed under a cached copy: that row is marked 'stale' and
 * the lookup runs once more with a fresh copy, then fails closed.
 */
import { type Answer, decide, listUse } from '../core/decide.ts';
import type { Incident } from '../core/incident.ts';
import type { HashKind } from '../core/keyed-hash.ts';
import { auditedLookup } from '../data/audit.ts';
import { lookupEntry } from '../data/entries.ts';
import { config } from '../config.ts';
import type { AppEnv } from '../env.ts';
import type { IdentifierInput } from '../core/identifier.ts';
import { CannotAnswer } from './cannot-answer.ts';
import { cachedIncident, freshIncident, isCurrent } from './incident-cache.ts';
import { listFor, prepare } from './prepare.ts';
import type { LookupError } from './public.ts';
import { expectedBindingText } from './keyring.ts';

export type AgentLookupOutcome =
  | {
      readonly kind: 'answer';
      readonly incident: Incident;
      readonly answer: Answer;
      readonly identifierKind: HashKind;
      /** When the last notice went to this identifier, or null if none did. */
      readonly noticeIssuedAt: string | null;
    }
  | { readonly kind: 'unknown_incident' }
  | { readonly kind: 'invalid'; readonly error: LookupError; readonly incident: Incident }
  | { readonly kind: 'over_limit' };

/**
 * What the agent typed, as a lookup input: exactly one of email and order ID (blank fields count as
 * absent), the email with its second factor when one was given. Null for none or both.
 */
export function agentInput(fields: { email?: string | undefined; orderId?: string | undefined; factor?: string | undefined }): IdentifierInput | null {
  const email = fields.email?.trim() ? fields.email : undefined;
  const orderId = fields.orderId?.trim() ? fields.orderId : undefined;
  const factor = fields.factor?.trim() ? fields.factor : undefined;
  if ((email === undefined) === (orderId === undefined)) return null;
  if (orderId !== undefined) return { kind: 'order_id', raw: orderId };
  return factor === undefined ? { kind: 'email', raw: email! } : { kind: 'email_factor', raw: email!, factor };
}

export async function agentLookup(
  env: AppEnv,
  agent: string,
  slug: string,
  input: IdentifierInput,
  now = new Date(),
): Promise<AgentLookupOutcome> {
  const limitPerHour = config(env).agentLookupsPerHour;
  let incident = await cachedIncident(env, slug);
  for (let pass = 0; pass < 2 && incident; pass++) {
    const { key, read, hash } = prepare(env, incident, input);
    if (!read.ok || !key || !hash) {
      // Nothing to look up, so no audit row; but the refusal must come from the incident's current
      // rules, so one plain read confirms the cached copy first.
      const row = await lookupEntry(env.DB, slug, null);
      if (!row) return { kind: 'unknown_incident' };
      if (!isCurrent(incident, row)) {
        incident = await freshIncident(env.DB, slug);
        continue;
      }
      const list = listFor(incident, key, row);
      if (!read.ok) return { kind: 'invalid', error: read.error, incident };
      // No key to hash with, but a status that answers everyone alike: nothing about this person is read.
      if (list === null) return { kind: 'answer', incident, answer: decide(incident, null), identifierKind: read.kind, noticeIssuedAt: null };
      throw new CannotAnswer('nothing to look up');
    }
    const binding = expectedBindingText(incident, key);
    const row = await auditedLookup(env.DB, { agent, slug, kind: read.kind, hash, keyId: key.id, binding, limitPerHour, now });
    if (!row) return { kind: 'unknown_incident' };
    if (row.overLimit) return { kind: 'over_limit' };
    if (row.answer === 'no_dataset' && listUse(incident.status) === 'required') throw new CannotAnswer('the incident has no active dataset');
    if (row.answer === 'stale') {
      // Another dataset, pepper or lookup setting than this copy expected: re-read once, then fail closed.
      incident = await freshIncident(env.DB, slug);
      continue;
    }
    // The entry is right for the dataset it came from; the groups it names must come from the same revision.
    if (!isCurrent(incident, row)) incident = await freshIncident(env.DB, slug);
    if (!isCurrent(incident, row)) throw new CannotAnswer('the incident changed during an agent lookup');
    const list = listFor(incident, key, row);
    return { kind: 'answer', incident, answer: decide(incident, list), identifierKind: read.kind, noticeIssuedAt: row.noticeIssuedAt };
  }
  if (!incident) return { kind: 'unknown_incident' };
  throw new CannotAnswer('the incident changed twice during one agent lookup');
}
