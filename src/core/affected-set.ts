/**
 * Turning affected-list rows into entries: normalise each identifier, hash it with the shared keyed
 * hash, and turn group codes into a mask. Row problems are reported as reasons, never with the value.
 * The operator CLI streams rows through RowReader; tests and small lists use AffectedSetBuilder.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { union, withBit } from './group-mask.ts';
import type { keyedHasher } from './keyed-hash.ts';
import { emailFactorValue, normaliseEmail, normaliseFactor, normaliseOrderId, type SecondFactor } from './normalise.ts';

/** One row of the affected list as read from CSV (extra columns are ignored here). */
export interface AffectedRow {
  readonly email?: string | undefined;
  readonly order_id?: string | undefined;
  readonly groups?: string | undefined;
  readonly store?: string | undefined;
  /** Second-factor columns, read for `second-factor` incidents only. */
  readonly postcode?: string | undefined;
  readonly phone?: string | undefined;
}

/** The list column that holds each second factor. */
export const FACTOR_COLUMNS = { order_id: 'order_id', postcode: 'postcode', phone_last4: 'phone' } as const satisfies Record<
  SecondFactor,
  keyof AffectedRow
>;

export type RowRejection =
  | 'no_identifier'
  | 'invalid_email'
  | 'invalid_order_id'
  | 'no_factor'
  | 'invalid_factor'
  | 'no_groups'
  | 'unknown_group';

export interface BuiltEntry {
  readonly hash: Uint8Array;
  readonly groups: number;
  readonly store: number | null;
}

export type ReadRow =
  | { readonly ok: true; readonly hashes: Uint8Array[]; readonly mask: number; readonly store: string | null }
  | { readonly ok: false; readonly reason: RowRejection };

export interface RowReaderOptions {
  hash: ReturnType<typeof keyedHasher>;
  salt: Uint8Array;
  groupBits: ReadonlyMap<string, number>;
  orderIdPattern?: RegExp | undefined;
  /**
   * Set for `second-factor` incidents: each row then yields one hash of the email paired with this
   * factor, and no hash that an email or order ID alone could find.
   */
  secondFactor?: SecondFactor | undefined;
}

/** Reads one row at a time; holds no state between rows, so any number of rows can stream through. */
export class RowReader {
  readonly #o: RowReaderOptions;
  constructor(options: RowReaderOptions) {
    this.#o = options;
  }

  read(row: AffectedRow): ReadRow {
    if (this.#o.secondFactor) return this.#readWithFactor(row, this.#o.secondFactor);
    const email = row.email?.trim() ? normaliseEmail(row.email) : null;
    const orderId = row.order_id?.trim() ? normaliseOrderId(row.order_id, this.#o.orderIdPattern) : null;
    if (!email && !orderId) return { ok: false, reason: 'no_identifier' };
    if (email && !email.ok) return { ok: false, reason: 'invalid_email' };
    if (orderId && !orderId.ok) return { ok: false, reason: 'invalid_order_id' };
    const mask = this.#mask(row);
    if (typeof mask === 'string') return { ok: false, reason: mask };
    const hashes: Uint8Array[] = [];
    for (const id of [email, orderId]) {
      if (id?.ok) hashes.push(this.#o.hash(this.#o.salt, id.kind, id.value));
    }
    return { ok: true, hashes, mask, store: row.store?.trim() || null };
  }

  #readWithFactor(row: AffectedRow, factor: SecondFactor): ReadRow {
    if (!row.email?.trim()) return { ok: false, reason: 'no_identifier' };
    const email = normaliseEmail(row.email);
    if (!email.ok) return { ok: false, reason: 'invalid_email' };
    const raw = row[FACTOR_COLUMNS[factor]];
    if (!raw?.trim()) return { ok: false, reason: 'no_factor' };
    const value = normaliseFactor(factor, raw, this.#o.orderIdPattern);
    if (!value.ok) return { ok: false, reason: 'invalid_factor' };
    const mask = this.#mask(row);
    if (typeof mask === 'string') return { ok: false, reason: mask };
    const hash = this.#o.hash(this.#o.salt, 'email_factor', emailFactorValue(email.value, value.value));
    return { ok: true, hashes: [hash], mask, store: row.store?.trim() || null };
  }

  #mask(row: AffectedRow): number | 'no_groups' | 'unknown_group' {
    const codes = (row.groups ?? '').split('|').map((g) => g.trim()).filter(Boolean);
    if (codes.length === 0) return 'no_groups';
    let mask = 0;
    for (const code of codes) {
      const bit = this.#o.groupBits.get(code);
      if (bit === undefined) return 'unknown_group';
      mask = withBit(mask, bit);
    }
    return mask;
  }
}

/**
 * A digest over a set's entries in hash order: two imports with the same digest and key hold exactly
 * the same answers, so the second can be skipped.
 */
export class SetDigest {
  readonly #sha = sha256.create();
  readonly #encoder = new TextEncoder();
  update(entry: { hash: Uint8Array; groups: number }, storeLabel: string | null): void {
    this.#sha.update(this.#encoder.encode(`${bytesToHex(entry.hash)}:${entry.groups}:${storeLabel ?? ''}\n`));
  }
  hex(): string {
    return bytesToHex(this.#sha.digest());
  }
}

/** Numbers store labels in order of first appearance; entries refer to them by number. */
export class StoreLabels {
  readonly #ids = new Map<string, number>();
  id(label: string | null): number | null {
    if (label === null) return null;
    let id = this.#ids.get(label);
    if (id === undefined) this.#ids.set(label, (id = this.#ids.size));
    return id;
  }
  labels(): string[] {
    return [...this.#ids.keys()];
  }
}

/** Merges a later duplicate into an entry: the union of groups; the first store named wins. */
export function mergeEntry<T extends { groups: number; store: number | null }>(into: T, other: BuiltEntry): void {
  into.groups = union(into.groups, other.groups);
  into.store ??= other.store;
}

/** An in-memory affected set, for small lists and tests. The CLI streams large lists instead. */
export class AffectedSetBuilder {
  readonly #reader: RowReader;
  readonly #entries = new Map<string, { hash: Uint8Array; groups: number; store: number | null }>();
  readonly #stores = new StoreLabels();

  constructor(options: RowReaderOptions) {
    this.#reader = new RowReader(options);
  }

  /** Adds a row; returns why it was rejected, or null. A rejected row adds nothing. */
  add(row: AffectedRow): RowRejection | null {
    const read = this.#reader.read(row);
    if (!read.ok) return read.reason;
    const store = this.#stores.id(read.store);
    for (const hash of read.hashes) {
      const key = bytesToHex(hash);
      const seen = this.#entries.get(key);
      if (seen) mergeEntry(seen, { hash, groups: read.mask, store });
      else this.#entries.set(key, { hash, groups: read.mask, store });
    }
    return null;
  }

  stores(): string[] {
    return this.#stores.labels();
  }

  /** Entries sorted by hash (so they pack the b-tree tightly) and the set's digest. */
  finish(): { entries: BuiltEntry[]; digest: string } {
    const keys = [...this.#entries.keys()].sort();
    const entries = keys.map((k) => this.#entries.get(k)!);
    const labels = this.stores();
    const digest = new SetDigest();
    for (const e of entries) digest.update(e, e.store === null ? null : labels[e.store]!);
    return { entries, digest: digest.hex() };
  }
}
