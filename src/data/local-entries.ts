/**
 * The bulk path of a local import: entries written straight into the local D1 file with a prepared
 * multi-row INSERT inside one transaction, the local counterpart of D1's import. Callers send entries in
 * hash order, which appends to the (dataset, hash) b-tree and packs its pages full.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';

const ROWS_PER_STATEMENT = 100;
const ROW = '(?, ?, ?, ?)';
const INSERT = 'INSERT INTO entries (dataset, hash, groups, store) VALUES ';

export interface EntryInserter {
  add(hash: Uint8Array, groups: number, store: number | null): void;
  /** Writes what is still buffered. */
  flush(): void;
}

export function entryInserter(db: DatabaseSync, dataset: number): EntryInserter {
  const many = db.prepare(INSERT + Array(ROWS_PER_STATEMENT).fill(ROW).join(', '));
  const one = db.prepare(INSERT + ROW);
  const args: SQLInputValue[] = [];
  return {
    add(hash, groups, store) {
      args.push(dataset, hash, groups, store);
      if (args.length === ROWS_PER_STATEMENT * 4) {
        many.run(...args);
        args.length = 0;
      }
    },
    flush() {
      for (let i = 0; i < args.length; i += 4) one.run(args[i]!, args[i + 1]!, args[i + 2]!, args[i + 3]!);
      args.length = 0;
    },
  };
}

/** Runs `fill` in one write transaction: all of its entries are written, or none. */
export async function inTransaction<T>(db: DatabaseSync, fill: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await fill();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
