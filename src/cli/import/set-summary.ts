/**
 * What a sorted set of packed entries amounts to: its digest and the number of entries per group.
 * The digest is byte for byte the core's SetDigest (one `hex hash:groups:store label` line per entry,
 * SHA-256 over them all; pinned by test/unit/import-parts.test.ts), written as bytes into one buffer per
 * batch and hashed with node:crypto: the core's version takes about 1.5 s for a million entries.
 */
import { createHash } from 'node:crypto';
import { hasBit } from '../../core/group-mask.ts';
import { HASH_BYTES } from '../../core/keyed-hash.ts';
import { groupsOf, RECORD, storeOf } from './packed.ts';

const HEX = Buffer.from('0123456789abcdef');

export class SetSummary {
  readonly #sha = createHash('sha256');
  readonly #labels: readonly string[];
  readonly #masks = new Map<number, number>();
  /** `:groups:label\n` as bytes, per mask and store. */
  readonly #tails = new Map<number, Map<number | null, Buffer>>();
  #entries = 0;
  #out = Buffer.alloc(0);

  constructor(storeLabels: readonly string[]) {
    this.#labels = storeLabels;
  }

  #tail(groups: number, store: number | null): Buffer {
    let byStore = this.#tails.get(groups);
    if (!byStore) this.#tails.set(groups, (byStore = new Map()));
    const found = byStore.get(store);
    if (found) return found;
    const tail = Buffer.from(`:${groups}:${store === null ? '' : this.#labels[store]!}\n`, 'utf8');
    byStore.set(store, tail);
    return tail;
  }

  /** Adds the next `count` entries in hash order. */
  update(records: Buffer, count: number): void {
    let out = this.#out;
    let n = 0;
    for (let i = 0, at = 0; i < count; i++, at += RECORD) {
      const groups = groupsOf(records, at);
      const tail = this.#tail(groups, storeOf(records, at));
      if (n + HASH_BYTES * 2 + tail.length > out.length) {
        this.#sha.update(out.subarray(0, n));
        n = 0;
        if (HASH_BYTES * 2 + tail.length > out.length) out = this.#out = Buffer.allocUnsafe(Math.max(1 << 20, 2 * (HASH_BYTES * 2 + tail.length)));
      }
      for (let b = 0; b < HASH_BYTES; b++) {
        const v = records[at + b]!;
        out[n++] = HEX[v >> 4]!;
        out[n++] = HEX[v & 15]!;
      }
      n += tail.copy(out, n);
      this.#masks.set(groups, (this.#masks.get(groups) ?? 0) + 1);
    }
    if (n > 0) this.#sha.update(out.subarray(0, n));
    this.#entries += count;
  }

  get entries(): number {
    return this.#entries;
  }

  digest(): string {
    return this.#sha.digest('hex');
  }

  /** Entries per group code: counted per distinct mask first, which is much cheaper than per entry. */
  perGroup(bits: ReadonlyMap<string, number>): Record<string, number> {
    const counts = Object.fromEntries([...bits.keys()].map((code) => [code, 0]));
    for (const [mask, n] of this.#masks) for (const [code, bit] of bits) if (hasBit(mask, bit)) counts[code]! += n;
    return counts;
  }
}
