/**
 * Bounded-memory sorting of hashed entries: entries collect in a buffer; a full buffer is sorted by
 * hash and written to a temporary file as fixed 28-byte records. `merged()` then streams every entry
 * in hash order with duplicates merged, reading all files side by side. Memory stays at one buffer
 * plus a small read-ahead per file, however long the list is.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuiltEntry, mergeEntry } from '../../core/affected-set.ts';
import { HASH_BYTES } from '../../core/keyed-hash.ts';

const RECORD = HASH_BYTES + 8 + 4; // hash, groups (float64: masks stay below 2^53), store (uint32)
const NO_STORE = 0xffffffff;

function compare(a: BuiltEntry, b: BuiltEntry): number {
  return Buffer.compare(a.hash, b.hash);
}

function encode(entries: BuiltEntry[]): Buffer {
  const buf = Buffer.allocUnsafe(entries.length * RECORD);
  entries.forEach((e, i) => {
    const at = i * RECORD;
    buf.set(e.hash, at);
    buf.writeDoubleLE(e.groups, at + HASH_BYTES);
    buf.writeUInt32LE(e.store ?? NO_STORE, at + HASH_BYTES + 8);
  });
  return buf;
}

function decode(buf: Buffer, at: number): BuiltEntry {
  const store = buf.readUInt32LE(at + HASH_BYTES + 8);
  return {
    hash: Uint8Array.prototype.slice.call(buf, at, at + HASH_BYTES),
    groups: buf.readDoubleLE(at + HASH_BYTES),
    store: store === NO_STORE ? null : store,
  };
}

/** Streams one spill file's records. */
async function* readRecords(path: string): AsyncGenerator<BuiltEntry> {
  let rest = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: RECORD * 4096 })) {
    const buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    const whole = buf.length - (buf.length % RECORD);
    for (let at = 0; at < whole; at += RECORD) yield decode(buf, at);
    rest = buf.subarray(whole);
  }
}

export class SortedSpill {
  readonly #limit: number;
  #buffer: BuiltEntry[] = [];
  #files: string[] = [];
  #dir: string | undefined;

  /** @param bufferEntries entries held in memory before spilling (1M ≈ 100 MB of JavaScript objects). */
  constructor(bufferEntries = 1_000_000) {
    this.#limit = bufferEntries;
  }

  async add(entry: BuiltEntry): Promise<void> {
    this.#buffer.push(entry);
    if (this.#buffer.length >= this.#limit) await this.#spill();
  }

  async #spill(): Promise<void> {
    this.#dir ??= await mkdtemp(join(tmpdir(), 'amiaffected-import-'));
    const path = join(this.#dir, `${this.#files.length}.bin`);
    const file = await open(path, 'w', 0o600);
    try {
      await file.write(encode(this.#buffer.sort(compare)));
    } finally {
      await file.close();
    }
    this.#files.push(path);
    this.#buffer = [];
  }

  /** Every entry in hash order, duplicates merged. Can be called more than once. */
  async *merged(): AsyncGenerator<BuiltEntry> {
    const buffered = this.#buffer.sort(compare);
    const sources: AsyncIterator<BuiltEntry>[] = [
      ...this.#files.map((f) => readRecords(f)),
      (async function* () {
        yield* buffered;
      })(),
    ];
    const heads = await Promise.all(sources.map((s) => s.next()));
    let current: { hash: Uint8Array; groups: number; store: number | null } | undefined;
    for (;;) {
      // Few sources (one per million entries), so a linear scan for the smallest head is enough.
      let min = -1;
      for (let i = 0; i < heads.length; i++) {
        if (!heads[i]!.done && (min < 0 || compare(heads[i]!.value, heads[min]!.value) < 0)) min = i;
      }
      if (min < 0) break;
      const next = heads[min]!.value as BuiltEntry;
      heads[min] = await sources[min]!.next();
      if (current && compare(current, next) === 0) mergeEntry(current, next);
      else {
        if (current) yield current;
        current = { ...next };
      }
    }
    if (current) yield current;
  }

  async dispose(): Promise<void> {
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
  }
}
