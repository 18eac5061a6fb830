/**
 * Public reads that wait out a momentarily locked database instead of failing. Locally, every query made
 * through a D1 session (the public reads, src/data/reader.ts) writes, reads too: the local runtime
 * records the session's bookmark in the database file (two writes and an fsync per query, measured with
 * `perf stat`). So it needs SQLite's write lock, and it gives up at once (SQLITE_BUSY, reported as
 * "Failed to get session commit token") when another process holds that lock: the operator CLI loading
 * a list into the same file beside `wrangler dev`. The import writes in short transactions with pauses
 * between them (src/cli/d1/local-entries.ts), so a read retried every few milliseconds gets in within
 * one pause. Only that lock error is retried, within a bound; anything else fails at once, and the
 * request fails closed.
 */

const LOCKED = /Failed to get session commit token|database is locked|SQLITE_BUSY/;
/** Shorter than the import's pause between transactions, so some retry always lands in one. */
const RETRY_EVERY_MS = 2;
/** Far longer than one import transaction (about 25 ms), far below the request deadline. */
const GIVE_UP_AFTER_MS = 2_000;

/** Runs `read`, again while it fails because the database is locked, for up to GIVE_UP_AFTER_MS. */
export async function whileLocked<T>(read: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof Error && LOCKED.test(err.message)) || Date.now() - started > GIVE_UP_AFTER_MS) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
  }
}

type Reader = Pick<D1Database, 'prepare' | 'batch'>;

// A class rather than an object of closures: every lookup makes one, so its methods live once on the
// prototype, and a batch finds the real statement on it instead of in a side table.
class LockTolerantStatement {
  readonly real: D1PreparedStatement;
  constructor(real: D1PreparedStatement) {
    this.real = real;
  }
  bind(...values: unknown[]) {
    return new LockTolerantStatement(this.real.bind(...values));
  }
  first(column?: string) {
    return whileLocked(() => (column === undefined ? this.real.first() : this.real.first(column)));
  }
  all() {
    return whileLocked(() => this.real.all());
  }
  run() {
    return whileLocked(() => this.real.run());
  }
  raw(options?: { columnNames?: boolean }) {
    return whileLocked(() => this.real.raw(options as { columnNames: true }));
  }
}

const realOf = (s: D1PreparedStatement) => (s instanceof LockTolerantStatement ? s.real : s);

/**
 * The same reader, its statements and batches retried while the database is locked.
 *
 * @example
 * const db = lockTolerant(env.DB.withSession('first-unconstrained'));
 * await db.prepare('SELECT 1').first();
 */
export function lockTolerant(reader: Reader): Reader {
  return {
    prepare: (sql) => new LockTolerantStatement(reader.prepare(sql)) as unknown as D1PreparedStatement,
    batch: (statements) => whileLocked(() => reader.batch(statements.map(realOf))),
  } as Reader;
}
