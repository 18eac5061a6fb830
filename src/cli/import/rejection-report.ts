/**
 * The reconciliation report of an import: one CSV row per rejection (`line,column,reason,explanation`),
 * so every person the list will not find can be traced back to the source. It never holds a value:
 * the column is the header cell as written in the file, empty for a problem with the whole row. Rows
 * are streamed to the file as the list is read, so a list of any size is reported in full. The file is
 * created only when there is something to report, with mode 600.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { chmod, open, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { REJECTION_EXPLANATIONS } from './rejection-reasons.ts';
import type { ListRejection } from './hash-worker.ts';

const HEADER = ['line', 'column', 'reason', 'explanation'];

export class RejectionReport {
  readonly path: string;
  readonly #columns: ReadonlyMap<string, string>;
  #out: WriteStream | null = null;
  #rows = 0;

  /** @param columns the header cell as written, per canonical column. */
  constructor(path: string, columns: ReadonlyMap<string, string>) {
    this.path = path;
    this.#columns = columns;
  }

  get rows(): number {
    return this.#rows;
  }

  /** Appends a chunk's rejections; resolves once the stream can take more. */
  async add(rejections: readonly (readonly [ListRejection, number, string | null])[]): Promise<void> {
    if (rejections.length === 0) return;
    if (!this.#out) {
      this.#out = createWriteStream(this.path, { mode: 0o600 });
      await once(this.#out, 'open');
      // An existing report is overwritten; mode applies only to a new file.
      await chmod(this.path, 0o600);
      this.#out.write(stringify([HEADER]));
    }
    const rows = rejections.map(([reason, line, column]) => [line, column === null ? '' : (this.#columns.get(column) ?? column), reason, REJECTION_EXPLANATIONS[reason]]);
    this.#rows += rows.length;
    if (!this.#out.write(stringify(rows))) await once(this.#out, 'drain');
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (!this.#out) return;
    const out = this.#out;
    out.end();
    await once(out, 'finish');
  }

  /** Closes and removes an incomplete report (the import stopped before reading the whole list). */
  async discard(): Promise<void> {
    if (!this.#out) return;
    this.#out.destroy();
    await rm(this.path, { force: true });
  }
}

/**
 * A report left by an earlier import of this list would read as this one's: it goes when this one has
 * none. Only a file that starts with the report's header is removed, never one the operator named by
 * mistake.
 */
export async function removeStaleReport(path: string): Promise<void> {
  const old = await open(path).catch(() => null);
  if (!old) return;
  const expected = HEADER.join(',');
  const head = Buffer.alloc(expected.length);
  try {
    await old.read(head, 0, head.length, 0);
  } finally {
    await old.close();
  }
  if (head.toString('latin1') === expected) await rm(path, { force: true });
}
