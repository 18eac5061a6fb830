/**
 * Streams an affected-list CSV through the hash workers: decides the encoding, reads the header, cuts
 * the rest into chunks of whole lines, has them decoded, parsed, normalised and hashed on every core,
 * and hands the packed entries on in file order. Every rejection is streamed to the reconciliation
 * report; the summary keeps counts and the first line numbers per reason. No value from the file is
 * ever kept or printed.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { StoreLabels } from '../../core/affected-set.ts';
import type { ListContents } from '../../core/dataset-binding.ts';
import { OrderIdShapes } from '../../core/order-id-shapes.ts';
import { BadListHeader, readHeader } from './columns.ts';
import { invalidTextError, type ListEncoding, sniffEncoding } from './encoding.ts';
import type { HashChunk, HashedChunk, HashWorkerSetup, ListRejection } from './hash-worker.ts';
import { NO_STORE, RECORD, STORE_AT } from './packed.ts';
import { RejectionReport, removeStaleReport } from './rejection-report.ts';
import { OperatorError } from '../operator-error.ts';

export type { ListRejection };
export { BadListHeader };

export interface ReadReport {
  rowsRead: number;
  accepted: number;
  /** Every rejection of a row or a field: each is a person the list will not find. */
  rejections: number;
  rejected: Partial<Record<ListRejection, { count: number; lines: number[] }>>;
  /** The reconciliation report, when there was something to report. */
  reportPath: string | null;
  /** Header cells skipped with --ignore-column, as written. */
  ignoredColumns: string[];
  encoding: ListEncoding;
  /** What the accepted identifiers amount to (recorded with the dataset; lookups check input against it). */
  contents: ListContents;
  /** Accepted digit-only order IDs of 16+ digits, and those ending in zeros after the 15th (excelPrecisionLoss). */
  longOrderIds: { count: number; zeroTail: number };
}

export type ListSetup = Omit<HashWorkerSetup, 'columns' | 'encoding'>;

export interface ListFormat {
  /** --encoding; UTF-8 when not given. */
  encoding?: ListEncoding | undefined;
  /** --ignore-column names. */
  ignoreColumns?: readonly string[] | undefined;
  /** Where the reconciliation report goes; none is written without one. */
  report?: string | undefined;
}

const LINES_KEPT_PER_REASON = 20;
const CHUNK_BYTES = 1 << 20;
const MAX_LINE_BYTES = 16 << 20;
const NEWLINE = 0x0a;

function reject(report: ReadReport, reason: ListRejection, line: number) {
  const r = (report.rejected[reason] ??= { count: 0, lines: [] });
  r.count++;
  if (r.lines.length < LINES_KEPT_PER_REASON) r.lines.push(line);
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
  format: ListFormat = {},
): Promise<ReadReport> {
  const input = await open(file);
  const workers: Worker[] = [];
  let rejectionReport: RejectionReport | null = null;
  let complete = false;
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

    await readMore();
    while (!eof && carry.indexOf(NEWLINE) < 0) {
      if (carry.length > MAX_LINE_BYTES) throw new BadListHeader('The first line is not a header row: it is longer than any list header could be.');
      await readMore();
    }
    if (carry.length === 0) throw new BadListHeader('The list is empty: it needs a header row naming its columns, then one customer per row.');
    const { encoding, skip } = sniffEncoding(carry, format.encoding, eof);
    carry = carry.subarray(skip);
    const headerEnd = carry.indexOf(NEWLINE);
    const headerBytes = headerEnd < 0 ? carry : carry.subarray(0, headerEnd);
    let headerText: string;
    try {
      headerText = new TextDecoder(encoding, { fatal: true }).decode(headerBytes);
    } catch {
      throw invalidTextError(1, encoding, false);
    }
    const header = readHeader(headerText.replace(/^\uFEFF/, '').replace(/\r$/, ''), { ignore: format.ignoreColumns, secondFactor: setup.secondFactor });
    if (format.report) rejectionReport = new RejectionReport(format.report, new Map(Object.entries(header.written)));
    carry = headerEnd < 0 ? Buffer.alloc(0) : carry.subarray(headerEnd + 1);
    let nextLine = 2;
    // Progress counts the bytes of chunks already handed on, so it moves with the work actually done.
    let handedOn = headerEnd < 0 ? totalBytes : skip + headerEnd + 1;
    const chunkBytes = new Map<number, number>();

    const workerSetup: HashWorkerSetup = { ...setup, columns: header.columns, encoding };
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
        if (carry.length > MAX_LINE_BYTES) throw new OperatorError(`Line ${nextLine} is longer than ${MAX_LINE_BYTES >> 20} MB: this is not an affected list.`);
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

    const report: ReadReport = {
      rowsRead: 0,
      accepted: 0,
      rejections: 0,
      rejected: {},
      reportPath: null,
      ignoredColumns: header.ignored,
      encoding,
      contents: { emails: 0, orderIds: 0, orderIdShapes: { level: 1, shapes: [] } },
      longOrderIds: { count: 0, zeroTail: 0 },
    };
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

      // Invalid text anywhere stops the whole import before anything is loaded.
      if (done.invalidText) throw invalidTextError(done.invalidText.line, encoding, done.invalidText.looksShiftJis);
      report.rowsRead += done.rowsRead;
      report.accepted += done.accepted;
      report.rejections += done.rejections.length;
      for (const [reason, line] of done.rejections) reject(report, reason, line);
      await rejectionReport?.add(done.rejections);
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
    let orderIdOnly = 0;
    for (const tally of tallies.values()) {
      emails += tally.emails;
      orderIdOnly += tally.orderIdOnly;
      orderIds.merge(tally.orderIds);
      report.longOrderIds.count += tally.longOrderIds.count;
      report.longOrderIds.zeroTail += tally.longOrderIds.zeroTail;
    }
    report.contents = { emails, orderIds: orderIds.count, orderIdShapes: orderIds.toJSON(), orderIdOnly };
    await rejectionReport?.close();
    if (rejectionReport && rejectionReport.rows > 0) report.reportPath = rejectionReport.path;
    else if (format.report) await removeStaleReport(format.report);
    complete = true;
    return report;
  } finally {
    if (!complete) await rejectionReport?.discard();
    await Promise.all(workers.map((w) => w.terminate()));
    await input.close();
  }
}
