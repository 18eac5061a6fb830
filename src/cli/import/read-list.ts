/**
 * Streams an affected-list CSV through the hash workers: validates the header, cuts the rest into
 * chunks of whole lines, has them parsed, normalised and hashed on every core, and hands the packed
 * entries on in file order. Rejections are kept as counts and the first line numbers per reason; no
 * value from the file is ever kept or printed.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FACTOR_COLUMNS, StoreLabels } from '../../core/affected-set.ts';
import type { ListContents } from '../../core/dataset-binding.ts';
import type { SecondFactor } from '../../core/normalise.ts';
import { OrderIdShapes } from '../../core/order-id-shapes.ts';
import { splitLine } from './csv-records.ts';
import type { HashChunk, HashedChunk, HashWorkerSetup, ListRejection } from './hash-worker.ts';
import { NO_STORE, RECORD, STORE_AT } from './packed.ts';

export type { ListRejection };

export interface ReadReport {
  rowsRead: number;
  accepted: number;
  rejected: Partial<Record<ListRejection, { count: number; lines: number[] }>>;
  /** What the accepted identifiers amount to (recorded with the dataset; lookups check input against it). */
  contents: ListContents;
}

export class BadListHeader extends Error {
  override name = 'BadListHeader';
}

export type ListSetup = Omit<HashWorkerSetup, 'columns'>;

const LINES_KEPT_PER_REASON = 20;
const CHUNK_BYTES = 1 << 20;
const MAX_LINE_BYTES = 16 << 20;
const NEWLINE = 0x0a;

function reject(report: ReadReport, reason: ListRejection, line: number) {
  const r = (report.rejected[reason] ??= { count: 0, lines: [] });
  r.count++;
  if (r.lines.length < LINES_KEPT_PER_REASON) r.lines.push(line);
}

function columnsOf(headerLine: string, secondFactor: SecondFactor | undefined): string[] {
  const fields = splitLine(headerLine.replace(/^\uFEFF/, '').replace(/\r$/, ''));
  const names = (fields ?? []).map((h) => h.trim().toLowerCase());
  if (!names.includes('groups') || !(names.includes('email') || names.includes('order_id'))) {
    throw new BadListHeader(
      `The first line must name the columns: "groups" and at least one of "email" and "order_id" (found: ${names.join(', ')}).`,
    );
  }
  const factorColumn = secondFactor && FACTOR_COLUMNS[secondFactor];
  if (factorColumn && !(names.includes('email') && names.includes(factorColumn))) {
    throw new BadListHeader(
      `This incident asks for a second factor: the first line must name the columns "email", "${factorColumn}" and "groups" (found: ${names.join(', ')}).`,
    );
  }
  return names;
}

function countLines(buf: Uint8Array): number {
  let n = 0;
  for (let at = buf.indexOf(NEWLINE); at >= 0; at = buf.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

/** One worker per core by default; the main thread mostly waits on them meanwhile. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/**
 * @param onRecords receives each chunk's entries in file order, store numbers already global (from
 *   `stores`); the buffer is only valid during the call.
 */
export async function readList(
  file: string,
  setup: ListSetup,
  stores: StoreLabels,
  onRecords: (records: Buffer, count: number) => Promise<void> | void,
  onProgress: (bytesRead: number, totalBytes: number, rows: number) => void = () => {},
  workerCount = defaultWorkers(),
): Promise<ReadReport> {
  const input = await open(file);
  const workers: Worker[] = [];
  try {
    const totalBytes = (await input.stat()).size;
    let position = 0;
    let carry: Buffer = Buffer.alloc(0);
    let eof = false;
    // Appends the next block of the file to the text not yet cut into chunks.
    const readMore = async (): Promise<void> => {
      const buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
      const { bytesRead } = await input.read(buf, 0, CHUNK_BYTES, position);
      position += bytesRead;
      if (bytesRead === 0) eof = true;
      carry = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
    };

    while (!eof && carry.indexOf(NEWLINE) < 0) {
      if (carry.length > MAX_LINE_BYTES) throw new BadListHeader('The first line is not a header: it is longer than any list header could be.');
      await readMore();
    }
    const headerEnd = carry.indexOf(NEWLINE);
    const headerBytes = headerEnd < 0 ? carry : carry.subarray(0, headerEnd);
    const columns = columnsOf(headerBytes.toString('utf8'), setup.secondFactor);
    carry = headerEnd < 0 ? Buffer.alloc(0) : carry.subarray(headerEnd + 1);
    let nextLine = 2;
    // Progress counts the bytes of chunks already handed on, so it moves with the work actually done.
    let handedOn = headerEnd < 0 ? totalBytes : headerEnd + 1;
    const chunkBytes = new Map<number, number>();

    const workerSetup: HashWorkerSetup = { ...setup, columns };
    const pending = new Map<number, { resolve: (r: HashedChunk) => void; reject: (e: unknown) => void }>();
    const results = new Map<number, Promise<HashedChunk>>();
    let failure: unknown;
    for (let i = 0; i < workerCount; i++) {
      // A worker holds little beyond the chunk at hand; a small old generation keeps its garbage from
      // piling up into the process's memory before a collection.
      const worker = new Worker(new URL('./hash-worker.ts', import.meta.url), { workerData: workerSetup, resourceLimits: { maxOldGenerationSizeMb: 64 } });
      worker.on('message', (done: HashedChunk) => {
        pending.get(done.seq)?.resolve(done);
        pending.delete(done.seq);
      });
      worker.on('error', (err) => {
        failure = err;
        for (const p of pending.values()) p.reject(err);
        pending.clear();
      });
      workers.push(worker);
    }

    // Cuts the next chunk of whole lines and sends it off; false once the file is used up.
    let seq = 0;
    const dispatch = async (): Promise<boolean> => {
      while (!eof && carry.length < CHUNK_BYTES) await readMore();
      if (carry.length === 0) return false;
      // A line longer than a chunk is read on to its end; one longer than any list line could be
      // means this is not a list, and is refused rather than held in memory.
      while (!eof && carry.lastIndexOf(NEWLINE) < 0) {
        if (carry.length > MAX_LINE_BYTES) throw new Error(`Line ${nextLine} is longer than ${MAX_LINE_BYTES >> 20} MB: this is not an affected list.`);
        await readMore();
      }
      const cut = eof ? carry.length : carry.lastIndexOf(NEWLINE) + 1;
      const text = new Uint8Array(cut);
      text.set(carry.subarray(0, cut));
      carry = carry.subarray(cut);
      const chunk: HashChunk = { seq, text, firstLine: nextLine };
      chunkBytes.set(seq, cut);
      nextLine += countLines(text);
      if (failure) throw failure;
      results.set(seq, new Promise((resolve, reject) => pending.set(chunk.seq, { resolve, reject })));
      workers[seq % workers.length]!.postMessage(chunk, [text.buffer]);
      seq++;
      return true;
    };

    const report: ReadReport = { rowsRead: 0, accepted: 0, rejected: {}, contents: { emails: 0, orderIds: 0, orderIdShapes: { level: 1, shapes: [] } } };
    // Each worker's tally is cumulative: the last one it sends holds all of its chunks.
    const tallies = new Map<number, HashedChunk['tally']>();
    const inFlight = workers.length * 2;
    let more = true;
    let next = 0;
    while (more && seq < inFlight) more = await dispatch();
    while (next < seq) {
      const done = await results.get(next)!;
      results.delete(next);
      next++;
      if (more) more = await dispatch();

      report.rowsRead += done.rowsRead;
      report.accepted += done.accepted;
      for (const [reason, line] of done.rejections) reject(report, reason, line);
      tallies.set(done.seq % workers.length, done.tally);
      const records = Buffer.from(done.records.buffer, done.records.byteOffset, done.count * RECORD);
      if (done.stores.length > 0) {
        const global = done.stores.map((label) => stores.id(label)!);
        for (let at = STORE_AT; at < records.length; at += RECORD) {
          const local = records.readUInt32LE(at);
          if (local !== NO_STORE) records.writeUInt32LE(global[local]!, at);
        }
      }
      await onRecords(records, done.count);
      handedOn += chunkBytes.get(done.seq)!;
      chunkBytes.delete(done.seq);
      onProgress(handedOn, totalBytes, report.rowsRead);
    }
    onProgress(totalBytes, totalBytes, report.rowsRead);
    const orderIds = new OrderIdShapes();
    let emails = 0;
    for (const tally of tallies.values()) {
      emails += tally.emails;
      orderIds.merge(tally.orderIds);
    }
    report.contents = { emails, orderIds: orderIds.count, orderIdShapes: orderIds.toJSON() };
    return report;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await input.close();
  }
}
