/**
 * Bounded-memory sorting of packed entries: records collect in one run buffer; a full run is sorted by
 * hash and written to a temporary file. `merged()` then streams every entry in hash order with
 * duplicates merged, reading all runs side by side. Memory stays at about two run buffers plus a small
 * read-ahead per file, however long the list is.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { union } from '../../core/group-mask.ts';
import { compareHash, GROUPS_AT, NO_STORE, RECORD, STORE_AT } from './packed.ts';

/** Entries per run: 2^20 keeps a run at 28 MB, and its index fits next to a 32-bit hash prefix in a float64. */
const RUN_BITS = 20;
const RUN = 1 << RUN_BITS;
const READ_AHEAD = 4096;
const WORDS = RECORD / 4;

/**
 * Sorts n records by hash, stably (equal hashes keep their order, so "first store named wins" survives).
 * Typed-array sort of (32-bit prefix, index) keys does nearly all the work natively; records sharing a
 * prefix are then put in order by their full hash.
 */
export function sortRun(buf: Buffer, n: number): Buffer {
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = buf.readUInt32BE(i * RECORD) * RUN + i;
  keys.sort();
  const out = Buffer.allocUnsafeSlow(n * RECORD);
  // Records are 7 words long; copying words beats a native call per record.
  const from = new Int32Array(buf.buffer, buf.byteOffset, (n * RECORD) / 4);
  const to = new Int32Array(out.buffer, out.byteOffset, (n * RECORD) / 4);
  for (let j = 0, o = 0; j < n; j++) {
    let w = (keys[j]! % RUN) * WORDS;
    for (let k = 0; k < WORDS; k++) to[o++] = from[w++]!;
  }
  const tmp = Buffer.allocUnsafe(RECORD);
  for (let j = 1; j < n; j++) {
    if (Math.floor(keys[j]! / RUN) !== Math.floor(keys[j - 1]! / RUN)) continue;
    // Insertion sort within the group of equal prefixes (almost always two records).
    for (let k = j; k > 0 && Math.floor(keys[k - 1]! / RUN) === Math.floor(keys[j]! / RUN); k--) {
      if (compareHash(out, (k - 1) * RECORD, out, k * RECORD) <= 0) break;
      out.copy(tmp, 0, k * RECORD, k * RECORD + RECORD);
      out.copy(out, k * RECORD, (k - 1) * RECORD, k * RECORD);
      tmp.copy(out, (k - 1) * RECORD);
    }
  }
  return out;
}

interface Source {
  buf: Buffer;
  at: number;
  end: number;
  refill(): Promise<void>;
}

async function fileSource(path: string): Promise<Source> {
  const file = await open(path);
  let position = 0;
  const buf = Buffer.allocUnsafeSlow(READ_AHEAD * RECORD);
  const source: Source = {
    buf,
    at: 0,
    end: 0,
    async refill() {
      const { bytesRead } = await file.read(buf, 0, buf.length, position);
      position += bytesRead;
      source.at = 0;
      source.end = bytesRead - (bytesRead % RECORD);
      if (bytesRead === 0) await file.close();
    },
  };
  await source.refill();
  return source;
}

export interface RecordBatch {
  readonly records: Buffer;
  readonly count: number;
}

export class SortedSpill {
  readonly #limit: number;
  #run: Buffer;
  #count = 0;
  #sorted: Buffer | undefined;
  #files: string[] = [];
  #dir: string | undefined;

  /** @param runEntries entries held in memory before spilling (at most 2^20). */
  constructor(runEntries = RUN) {
    this.#limit = Math.min(runEntries, RUN);
    this.#run = Buffer.allocUnsafeSlow(this.#limit * RECORD);
  }

  async add(records: Buffer, count: number): Promise<void> {
    let from = 0;
    while (from < count) {
      const take = Math.min(count - from, this.#limit - this.#count);
      records.copy(this.#run, this.#count * RECORD, from * RECORD, (from + take) * RECORD);
      this.#count += take;
      from += take;
      if (this.#count === this.#limit) await this.#spill();
    }
  }

  async #spill(): Promise<void> {
    this.#dir ??= await mkdtemp(join(tmpdir(), 'amiaffected-import-'));
    const path = join(this.#dir, `${this.#files.length}.bin`);
    const file = await open(path, 'w', 0o600);
    try {
      await file.write(sortRun(this.#run, this.#count));
    } finally {
      await file.close();
    }
    this.#files.push(path);
    this.#count = 0;
  }

  /** Every entry in hash order, duplicates merged, in batches. Can be run more than once. */
  async *merged(batchEntries = 8192): AsyncGenerator<RecordBatch> {
    // The last run stays in memory; it is sorted once, and no more records may be added after this.
    if (!this.#sorted) {
      this.#sorted = sortRun(this.#run, this.#count);
      this.#run = Buffer.alloc(0);
    }
    const sources: Source[] = await Promise.all(this.#files.map((f) => fileSource(f)));
    const last = this.#sorted;
    sources.push({ buf: last, at: 0, end: last.length, async refill() {} });

    let out = Buffer.allocUnsafeSlow(batchEntries * RECORD);
    let n = 0;
    for (;;) {
      // Few sources (one per million entries), so a linear scan for the smallest head is enough.
      // Ties go to the earlier run, which holds the earlier lines of the list.
      let min: Source | undefined;
      for (const s of sources) {
        if (s.at < s.end && (!min || compareHash(s.buf, s.at, min.buf, min.at) < 0)) min = s;
      }
      if (!min) break;
      const prev = (n - 1) * RECORD;
      if (n > 0 && compareHash(out, prev, min.buf, min.at) === 0) {
        out.writeDoubleLE(union(out.readDoubleLE(prev + GROUPS_AT), min.buf.readDoubleLE(min.at + GROUPS_AT)), prev + GROUPS_AT);
        if (out.readUInt32LE(prev + STORE_AT) === NO_STORE) out.writeUInt32LE(min.buf.readUInt32LE(min.at + STORE_AT), prev + STORE_AT);
      } else {
        if (n === batchEntries) {
          // A duplicate may still follow the batch's last record, so it is held back into the next batch.
          const next = Buffer.allocUnsafeSlow(batchEntries * RECORD);
          out.copy(next, 0, prev, prev + RECORD);
          yield { records: out, count: n - 1 };
          out = next;
          n = 1;
        }
        min.buf.copy(out, n * RECORD, min.at, min.at + RECORD);
        n++;
      }
      min.at += RECORD;
      if (min.at >= min.end) await min.refill();
    }
    if (n > 0) yield { records: out, count: n };
  }

  async dispose(): Promise<void> {
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
  }
}
