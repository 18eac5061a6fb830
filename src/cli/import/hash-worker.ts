/**
 * A worker thread of the import: turns chunks of the list (whole lines) into packed entries. Parsing,
 * normalising and hashing are most of an import's work, and chunks are independent, so the CLI runs one
 * of these per core. Store labels are numbered per chunk; the main thread renumbers them in file order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type AffectedRow, type ListColumn, type RowRejection, RowReader, StoreLabels } from '../../core/affected-set.ts';
import type { OrderIdShapes } from '../../core/order-id-shapes.ts';
import type { SecondFactor } from '../../core/normalise.ts';
import { csvLines } from './csv-records.ts';
import { importHasher } from './import-hasher.ts';
import { RECORD, writeRecord } from './packed.ts';

export interface HashWorkerSetup {
  readonly key: Uint8Array;
  readonly salt: Uint8Array;
  readonly groupBits: [string, number][];
  readonly orderIdPattern: string | null;
  readonly secondFactor: SecondFactor | undefined;
  readonly columns: string[];
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
  readonly tally: { emails: number; orderIds: ReturnType<OrderIdShapes['state']> };
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
const decoder = new TextDecoder();

function hashChunk(chunk: HashChunk): HashedChunk {
  const text = decoder.decode(chunk.text);
  const stores = new StoreLabels();
  const rejections: [ListRejection, number, ListColumn | null][] = [];
  let records = Buffer.allocUnsafeSlow(Math.max(RECORD * 1024, Math.ceil(text.length / 16) * RECORD));
  let count = 0;
  let rowsRead = 0;
  let accepted = 0;
  for (const line of csvLines(text, chunk.firstLine, columns.length)) {
    rowsRead++;
    if (!('fields' in line)) {
      rejections.push(['malformed_csv', line.line, null]);
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = line.fields[i]!;
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
  const tally = { emails: reader.tally.emails, orderIds: reader.tally.orderIds.state() };
  return { seq: chunk.seq, records, count, stores: stores.labels(), rowsRead, accepted, rejections, tally };
}

parentPort!.on('message', (chunk: HashChunk) => {
  const done = hashChunk(chunk);
  parentPort!.postMessage(done, [done.records.buffer as ArrayBuffer]);
});
