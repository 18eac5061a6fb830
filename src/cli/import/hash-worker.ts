/**
 * A worker thread of the import: turns chunks of the list (whole lines) into packed entries. Parsing,
 * normalising and hashing are most of an import's work, and chunks are independent, so the CLI runs one
 * of these per core. Store labels are numbered per chunk; the main thread renumbers them in file order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type AffectedRow, type ListColumn, type RowRejection, RowReader, StoreLabels } from '../../core/affected-set.ts';
import type { OrderIdShapes } from '../../core/order-id-shapes.ts';
import type { SecondFactor } from '../../core/normalise.ts';
import type { CanonicalColumn } from './columns.ts';
import { csvLines } from './csv-records.ts';
import { decodes, firstInvalidLine, type ListEncoding } from './encoding.ts';
import { importHasher } from './import-hasher.ts';
import { RECORD, writeRecord } from './packed.ts';

export interface HashWorkerSetup {
  readonly key: Uint8Array;
  readonly salt: Uint8Array;
  readonly groupBits: [string, number][];
  readonly orderIdPattern: string | null;
  readonly secondFactor: SecondFactor | undefined;
  /** Per position of the header: the column it holds, or null for one to skip. */
  readonly columns: (CanonicalColumn | null)[];
  readonly encoding: ListEncoding;
}

export interface HashChunk {
  readonly seq: number;
  readonly text: Uint8Array;
  readonly firstLine: number;
}

export type ListRejection = RowRejection | 'malformed_csv';

export interface HashedChunk {
  readonly seq: number;
  /** `count` records of RECORD bytes. */
  readonly records: Uint8Array;
  readonly count: number;
  /** Chunk-local store numbers → labels. */
  readonly stores: string[];
  readonly rowsRead: number;
  /** Rows that gave at least one entry. */
  readonly accepted: number;
  /** Every rejection of the chunk, as [reason, line, column (null: the whole row)]. */
  readonly rejections: [ListRejection, number, ListColumn | null][];
  /** What this worker's accepted identifiers amount to so far (cumulative; the last chunk's wins). */
  readonly tally: { emails: number; orderIds: ReturnType<OrderIdShapes['state']>; longOrderIds: { count: number; zeroTail: number }; orderIdOnly: number };
  /**
   * Set when the chunk is not valid text in the list's encoding: the first such line, and whether the
   * chunk reads as Shift_JIS. Nothing of such a chunk is read.
   */
  readonly invalidText?: { line: number; looksShiftJis: boolean };
}

const setup = workerData as HashWorkerSetup;
const reader = new RowReader({
  hash: importHasher({ key: setup.key }),
  salt: setup.salt,
  groupBits: new Map(setup.groupBits),
  orderIdPattern: setup.orderIdPattern === null ? undefined : new RegExp(setup.orderIdPattern, 'u'),
  secondFactor: setup.secondFactor,
});
const columns = setup.columns;
// fatal: invalid bytes stop the import rather than load as U+FFFD, an identifier that finds nobody.
const decoder = new TextDecoder(setup.encoding, { fatal: true });

function decodeChunk(chunk: HashChunk): string | { line: number; looksShiftJis: boolean } {
  let text: string;
  try {
    text = decoder.decode(chunk.text);
  } catch {
    const line = firstInvalidLine(chunk.text, chunk.firstLine, setup.encoding);
    return { line, looksShiftJis: setup.encoding === 'utf-8' && decodes(chunk.text, 'shift_jis') };
  }
  return text;
}

function hashChunk(chunk: HashChunk): HashedChunk {
  const text = decodeChunk(chunk);
  const tally = () => ({ emails: reader.tally.emails, orderIds: reader.tally.orderIds.state(), longOrderIds: { ...reader.tally.longOrderIds }, orderIdOnly: reader.tally.orderIdOnly });
  if (typeof text !== 'string') {
    return { seq: chunk.seq, records: new Uint8Array(0), count: 0, stores: [], rowsRead: 0, accepted: 0, rejections: [], tally: tally(), invalidText: text };
  }
  const stores = new StoreLabels();
  const rejections: [ListRejection, number, ListColumn | null][] = [];
  let records = Buffer.allocUnsafeSlow(Math.max(RECORD * 1024, Math.ceil(text.length / 16) * RECORD));
  let count = 0;
  let rowsRead = 0;
  let accepted = 0;
  for (const line of csvLines(text, chunk.firstLine, columns.length)) {
    // A row of empty cells (",,,": spreadsheets write them below the data) holds no one, like an empty line.
    if ('fields' in line && line.fields[0] === '' && line.fields.every((f) => f === '')) continue;
    rowsRead++;
    if (!('fields' in line)) {
      rejections.push(['malformed_csv', line.line, null]);
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      if (column) row[column] = line.fields[i]!;
    }
    const read = reader.read(row as AffectedRow);
    for (const r of read.rejections) rejections.push([r.reason, line.line, r.column]);
    if (read.hashes.length === 0) continue;
    accepted++;
    const store = stores.id(read.store);
    for (const hash of read.hashes) {
      if ((count + 1) * RECORD > records.length) {
        const grown = Buffer.allocUnsafeSlow(records.length * 2);
        records.copy(grown, 0, 0, count * RECORD);
        records = grown;
      }
      writeRecord(records, count * RECORD, hash, read.mask, store);
      count++;
    }
  }
  return { seq: chunk.seq, records, count, stores: stores.labels(), rowsRead, accepted, rejections, tally: tally() };
}

parentPort!.on('message', (chunk: HashChunk) => {
  const done = hashChunk(chunk);
  parentPort!.postMessage(done, [done.records.buffer as ArrayBuffer]);
});
