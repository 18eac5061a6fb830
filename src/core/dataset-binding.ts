/**
 * What made a dataset, recorded with it: the pepper (key id and fingerprint), the normalisation
 * version, the lookup mode and second factor, and the order-ID rule its rows were checked against.
 * A lookup answers from a dataset only when all of these equal what the Worker and the incident use
 * now; otherwise the same person would hash or parse differently on the two sides, and an affected
 * customer would be told "not affected". Any difference is a 503 until the list is re-imported.
 */
import type { IncidentDefinition } from './incident.ts';
import type { HashKind } from './keyed-hash.ts';
import { NORMALISATION_VERSION, type SecondFactor } from './normalise.ts';
import type { OrderIdShapesJson } from './order-id-shapes.ts';

export interface DatasetBinding {
  readonly keyId: string;
  /** pepperFingerprint() of the pepper the entries were hashed with. */
  readonly pepper: string;
  readonly normalisation: number;
  readonly mode: IncidentDefinition['lookup']['mode'];
  readonly secondFactor: SecondFactor | null;
  /** The incident's declared order-ID pattern (source), or null when it declares none. */
  readonly orderIdRule: string | null;
}

/** What the import found in the list: lookups refuse input of a kind the list cannot hold. */
export interface ListContents {
  readonly emails: number;
  readonly orderIds: number;
  /** Shapes of the list's order IDs; checked when the incident declares no pattern. */
  readonly orderIdShapes: OrderIdShapesJson;
  /**
   * Rows known by an order ID alone: an email notice cannot find these people. Null for a dataset
   * imported before this was counted.
   */
  readonly orderIdOnly?: number | null;
}

/** The binding a dataset must have to answer for this incident's lookup settings and this pepper. */
export function expectedBinding(
  lookup: IncidentDefinition['lookup'],
  pepper: { readonly id: string; readonly fingerprint: string },
): DatasetBinding {
  return {
    keyId: pepper.id,
    pepper: pepper.fingerprint,
    normalisation: NORMALISATION_VERSION,
    mode: lookup.mode,
    secondFactor: lookup.secondFactor ?? null,
    orderIdRule: lookup.orderIdPattern ?? null,
  };
}

/** The stored form: JSON with a fixed key order, so equal bindings are equal strings. */
export function bindingText(b: DatasetBinding): string {
  return JSON.stringify({
    keyId: b.keyId,
    pepper: b.pepper,
    normalisation: b.normalisation,
    mode: b.mode,
    secondFactor: b.secondFactor,
    orderIdRule: b.orderIdRule,
  });
}

/** Reads a stored binding; null for a dataset imported before bindings existed, or anything malformed. */
export function parseBinding(text: string | null): DatasetBinding | null {
  if (text === null) return null;
  try {
    const b = JSON.parse(text) as DatasetBinding;
    return typeof b.keyId === 'string' && typeof b.pepper === 'string' && typeof b.normalisation === 'number' ? b : null;
  } catch {
    return null;
  }
}

export type BindingCause = 'unbound' | 'key' | 'pepper' | 'normalisation' | 'mode' | 'order_id_rule';

/**
 * Why a stored binding cannot answer for the expected one; empty when it can. The key id alone is
 * compared by callers that pick a pepper by it; here a differing id is a cause like any other.
 */
export function bindingMismatch(stored: DatasetBinding | null, expected: DatasetBinding): BindingCause[] {
  if (stored === null) return ['unbound'];
  const causes: BindingCause[] = [];
  if (stored.keyId !== expected.keyId) causes.push('key');
  else if (stored.pepper !== expected.pepper) causes.push('pepper');
  if (stored.normalisation !== expected.normalisation) causes.push('normalisation');
  if (stored.mode !== expected.mode || stored.secondFactor !== expected.secondFactor) causes.push('mode');
  if (stored.orderIdRule !== expected.orderIdRule) causes.push('order_id_rule');
  return causes;
}

/**
 * What a notice code's recipient hash was made with. A notice answers only from a dataset whose
 * entries were hashed the same way; otherwise its recipient would silently match nobody.
 */
export function subjectBindingText(b: Pick<DatasetBinding, 'keyId' | 'pepper' | 'normalisation'>, kind: HashKind): string {
  return JSON.stringify({ keyId: b.keyId, pepper: b.pepper, normalisation: b.normalisation, kind });
}

/** The hash kind a dataset's entries are looked up by, given its mode. */
export function subjectKind(b: Pick<DatasetBinding, 'mode'>): HashKind {
  return b.mode === 'second-factor' ? 'email_factor' : 'email';
}
