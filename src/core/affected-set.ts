/**
 * Builds an affected set from list rows: normalise each identifier, hash it with the shared keyed hash,
 * merge duplicates' groups. Row problems are reported by line number and reason, never by value.
 * Used by the operator CLI's import and by tests that set up their own data.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { keyedHasher } from './keyed-hash.ts';
import { union, withBit } from './group-mask.ts';
import { normaliseEmail, normaliseOrderId } from './normalise.ts';

/** One row of the affected list as read from CSV (extra columns are ignored here). */
export interface AffectedRow {
  readonly email?: string | undefined;
  readonly order_id?: string | undefined;
  readonly groups?: string | undefined;
  readonly store?: string | undefined;
}

export type RowRejection = 'no_identifier' | 'invalid_email' | 'invalid_order_id' | 'no_groups' | 'unknown_group';

export interface BuiltEntry {
  readonly hash: Uint8Array;
  readonly groups: number;
  readonly store: number | null;
}

export class AffectedSetBuilder {
  readonly #hash: ReturnType<typeof keyedHasher>;
  readonly #salt: Uint8Array;
  readonly #bits: ReadonlyMap<string, number>;
  readonly #pattern: RegExp | undefined;
  readonly #entries = new Map<string, { hash: Uint8Array; groups: number; store: number | null }>();
  readonly #stores = new Map<string, number>();

  constructor(options: {
    hash: ReturnType<typeof keyedHasher>;
    salt: Uint8Array;
    groupBits: ReadonlyMap<string, number>;
    orderIdPattern?: RegExp | undefined;
  }) {
    this.#hash = options.hash;
    this.#salt = options.salt;
    this.#bits = options.groupBits;
    this.#pattern = options.orderIdPattern;
  }

  /** Adds a row; returns why it was rejected, or null. A rejected row adds nothing. */
  add(row: AffectedRow): RowRejection | null {
    const email = row.email?.trim() ? normaliseEmail(row.email) : null;
    const orderId = row.order_id?.trim() ? normaliseOrderId(row.order_id, this.#pattern) : null;
    if (!email && !orderId) return 'no_identifier';
    if (email && !email.ok) return 'invalid_email';
    if (orderId && !orderId.ok) return 'invalid_order_id';
    const codes = (row.groups ?? '').split('|').map((g) => g.trim()).filter(Boolean);
    if (codes.length === 0) return 'no_groups';
    let mask = 0;
    for (const code of codes) {
      const bit = this.#bits.get(code);
      if (bit === undefined) return 'unknown_group';
      mask = withBit(mask, bit);
    }
    const store = row.store?.trim() ? this.#storeId(row.store.trim()) : null;
    for (const id of [email, orderId]) {
      if (id?.ok) this.#merge(this.#hash(this.#salt, id.kind, id.value), mask, store);
    }
    return null;
  }

  #storeId(label: string): number {
    let id = this.#stores.get(label);
    if (id === undefined) this.#stores.set(label, (id = this.#stores.size));
    return id;
  }

  #merge(hash: Uint8Array, mask: number, store: number | null) {
    const key = bytesToHex(hash);
    const seen = this.#entries.get(key);
    if (!seen) {
      this.#entries.set(key, { hash, groups: mask, store });
      return;
    }
    // Same person listed twice: the union of their groups; the first store named wins.
    seen.groups = union(seen.groups, mask);
    seen.store ??= store;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Store labels, indexed by the ids the entries use. */
  stores(): string[] {
    return [...this.#stores.keys()];
  }

  /** Entries sorted by hash (so they pack the b-tree tightly) and a digest identifying the whole set. */
  finish(): { entries: BuiltEntry[]; digest: string } {
    const keys = [...this.#entries.keys()].sort();
    const entries = keys.map((k) => this.#entries.get(k)!);
    const stores = this.stores();
    const encoder = new TextEncoder();
    const digest = sha256.create();
    for (const [i, e] of entries.entries()) {
      digest.update(encoder.encode(`${keys[i]}:${e.groups}:${e.store === null ? '' : stores[e.store]}\n`));
    }
    return { entries, digest: bytesToHex(digest.digest()) };
  }
}
