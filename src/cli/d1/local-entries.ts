/**
 * The bulk path of a local import: entries written straight into the local D1 file with a prepared
 * multi-row INSERT, the local counterpart of D1's import. Callers send entries in hash order, which
 * appends to the (dataset, hash) b-tree and packs its pages full.
 *
 * The file is shared with a running `wrangler dev`, whose public reads (made through a D1 session) need
 * SQLite's write lock for a moment (the local runtime records the session's bookmark with every query)
 * and fail at once if another process holds it. So the entries are written in many short transactions
 * with a pause after each, never one long one: a lookup that meets the lock retries
 * (src/data/locked-retry.ts) and gets in during the next pause. The entries of a 'loading' dataset are
 * invisible to lookups until the one short activation at the end, so committing them piecemeal changes
 * nothing customers see; a crash leaves some of them behind, and the next import prunes them.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';

const ROWS_PER_STATEMENT = 100;
const ROW = '(?, ?, ?, ?)';
const INSERT = 'INSERT INTO entries (dataset, hash, groups, store) VALUES ';

/**
 * How long one write transaction may hold the lock: far inside the 2 s a lookup retries for, and long
 * enough that the commits and pauses cost little of the import's speed.
 */
export const HOLD_MS = 25;
/** The pause after each commit: longer than a lookup's retry interval, so a waiting lookup gets in. */
export const PAUSE_MS = 4;

export interface EntryInserter {
  add(hash: Uint8Array, groups: number, store: number | null): void;
  /** True once the open transaction has held the lock for HOLD_MS: time to commit and pause. */
  readonly due: boolean;
  /** Writes what is still buffered, commits, and pauses so that waiting readers get in. */
  commit(): Promise<void>;
  /** Rolls back what is not committed yet (an import stopped or failed). */
  abandon(): void;
}

/**
 * Inserts entries of one dataset in short transactions, each opened on the first entry after a commit.
 * IMMEDIATE takes the write lock up front; the busy timeout of the connection makes it wait for a
 * reader's moment with the lock instead of failing.
 */
export function entryInserter(db: DatabaseSync, dataset: number): EntryInserter {
  const many = db.prepare(INSERT + Array(ROWS_PER_STATEMENT).fill(ROW).join(', '));
  const one = db.prepare(INSERT + ROW);
  const args: SQLInputValue[] = [];
  let openedAt = 0;
  const open = () => {
    if (!db.isTransaction) {
      db.exec('BEGIN IMMEDIATE');
      openedAt = performance.now();
    }
  };
  return {
    add(hash, groups, store) {
      args.push(dataset, hash, groups, store);
      if (args.length === ROWS_PER_STATEMENT * 4) {
        open();
        many.run(...args);
        args.length = 0;
      }
    },
    get due() {
      return db.isTransaction && performance.now() - openedAt >= HOLD_MS;
    },
    async commit() {
      if (args.length > 0) open();
      for (let i = 0; i < args.length; i += 4) one.run(args[i]!, args[i + 1]!, args[i + 2]!, args[i + 3]!);
      args.length = 0;
      if (!db.isTransaction) return;
      db.exec('COMMIT');
      await sleep(PAUSE_MS);
    },
    abandon() {
      args.length = 0;
      if (db.isTransaction) db.exec('ROLLBACK');
    },
  };
}

/**
 * The pause between the short write statements of other bulk steps on the same file (pruning old
 * entries), for the same reason.
 */
export function pauseForReaders(): Promise<void> {
  return sleep(PAUSE_MS);
}
