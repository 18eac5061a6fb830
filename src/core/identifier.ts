/**
 * The one identifier path: input → kind → normalised value → keyed hash. The public lookup, the agent
 * lookup, the import and the notices all call readIdentifier and identifierHash, so the four can never
 * disagree on what a customer typed. Pinned by the vectors in test/support/identifier-vectors.ts, run
 * in workerd and in Node.
 */
import type { ListContents } from './dataset-binding.ts';
import type { HashKind, keyedHasher } from './keyed-hash.ts';
import { emailFactorValue, type NormaliseError, normaliseEmail, normaliseFactor, normaliseOrderId, type SecondFactor } from './normalise.ts';
import { matchesShapes } from './order-id-shapes.ts';

export type IdentifierInput =
  /** `either`: the one box of the public form, an email if it holds an "@", else an order ID. */
  | { readonly kind: 'email' | 'order_id' | 'either'; readonly raw: string }
  /** Sensitive incidents: the email together with the second factor imported with the record. */
  | { readonly kind: 'email_factor'; readonly raw: string; readonly factor: string };

export type IdentifierError =
  | NormaliseError
  /** An email or order ID alone, for an incident that answers only for the pair. */
  | 'factor_required'
  /** An order ID, for a list that holds none. */
  | 'email_required'
  /** An email, for a list that holds none. */
  | 'order_id_required';

export type ReadIdentifier =
  | { readonly ok: true; readonly kind: HashKind; readonly value: string }
  | { readonly ok: false; readonly error: IdentifierError };

/** What decides whether an input can be an identifier of an incident's list. */
export interface IdentifierRules {
  readonly secondFactor?: SecondFactor | undefined;
  /** The incident's declared pattern for a normalised order ID. */
  readonly orderIdPattern?: RegExp | undefined;
  /**
   * What the active list holds. Lookups pass it; the import, which is reading a list, does not. Input
   * of a kind the list cannot hold, or an order ID of no shape in the list, is refused: answering
   * "not affected" to it would be an answer about an identifier that cannot exist.
   */
  readonly list?: ListContents | null | undefined;
}

const HAS_AT = /[@＠﹫]/;

/**
 * Reads what a customer, an agent or a list row gives as an identifier.
 *
 * @example
 * readIdentifier({ kind: 'either', raw: 'ＯＲＤ－１００１' }, rules) // { ok: true, kind: 'order_id', value: 'ORD1001' }
 * readIdentifier({ kind: 'either', raw: 'Test' }, rules) // { ok: false, error: 'invalid_order_id' }
 */
export function readIdentifier(input: IdentifierInput, rules: IdentifierRules): ReadIdentifier {
  if (rules.secondFactor) {
    // A sensitive incident answers only for the pair: an email or order ID alone would let anyone
    // who knows an address learn whether that person is affected.
    if (input.kind !== 'email_factor') return { ok: false, error: 'factor_required' };
    const email = normaliseEmail(input.raw);
    if (!email.ok) return email;
    const factor = normaliseFactor(rules.secondFactor, input.factor, rules.orderIdPattern);
    if (!factor.ok) return factor;
    return { ok: true, kind: 'email_factor', value: emailFactorValue(email.value, factor.value) };
  }
  const kind = input.kind === 'either' ? (HAS_AT.test(input.raw) ? 'email' : 'order_id') : input.kind;
  if (kind === 'order_id') return readOrderId(input.raw, rules);
  // An open incident needs no factor: the email alone answers.
  const email = normaliseEmail(input.raw);
  // An empty list ("nobody matched") answers any address; a list of order IDs only answers none.
  if (email.ok && rules.list && rules.list.emails === 0 && rules.list.orderIds > 0) return { ok: false, error: 'order_id_required' };
  return email;
}

function readOrderId(raw: string, rules: IdentifierRules): ReadIdentifier {
  const list = rules.list;
  // Without order IDs in the list there are no shapes to check input against: an empty list answers
  // order IDs only under a declared pattern, so "Test" never gets "not affected".
  if (list && list.orderIds === 0 && (list.emails > 0 || !rules.orderIdPattern)) return { ok: false, error: 'email_required' };
  const id = normaliseOrderId(raw, rules.orderIdPattern);
  if (!id.ok) return id;
  if (list && list.orderIds > 0 && !rules.orderIdPattern && !matchesShapes(list.orderIdShapes, id.value)) {
    return { ok: false, error: 'invalid_order_id' };
  }
  return id;
}

/** The keyed hash of a read identifier: the kind is part of the message, so kinds never collide. */
export function identifierHash(hash: ReturnType<typeof keyedHasher>, salt: Uint8Array, id: { kind: HashKind; value: string }): Uint8Array {
  return hash(salt, id.kind, id.value);
}
