/**
 * An affected set built in memory, for small lists and tests: the same RowReader, store numbering and
 * digest as the operator CLI's streaming import, which large lists go through instead.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ListContents } from './dataset-binding.ts';
import { union } from './group-mask.ts';
import { type AffectedRow, type BuiltEntry, type FieldRejection, RowReader, type RowReaderOptions, SetDigest, StoreLabels } from './affected-set.ts';

/** Merges a later duplicate into an entry: the union of groups; the first store named wins. */
function mergeEntry<T extends { groups: number; store: number | null }>(into: T, other: BuiltEntry): void {
  into.groups = union(into.groups, other.groups);
  into.store ??= other.store;
}

export class AffectedSetBuilder {
  readonly #reader: RowReader;
  readonly #entries = new Map<string, { hash: Uint8Array; groups: number; store: number | null }>();
  readonly #stores = new StoreLabels();

  constructor(options: RowReaderOptions) {
    this.#reader = new RowReader(options);
  }

  /** Adds a row; returns what of it was rejected (empty when nothing was). */
  add(row: AffectedRow): FieldRejection[] {
    const read = this.#reader.read(row);
    if (read.hashes.length === 0) return read.rejections;
    const store = this.#stores.id(read.store);
    for (const hash of read.hashes) {
      const key = bytesToHex(hash);
      const seen = this.#entries.get(key);
      if (seen) mergeEntry(seen, { hash, groups: read.mask, store });
      else this.#entries.set(key, { hash, groups: read.mask, store });
    }
    return read.rejections;
  }

  /** What the accepted identifiers amount to, recorded with the dataset. */
  contents(): ListContents {
    return this.#reader.tally.contents();
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
