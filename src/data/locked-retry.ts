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
const unwrapped = new WeakMap<object, D1PreparedStatement>();

function statement(real: D1PreparedStatement): D1PreparedStatement {
  const wrapped = {
    bind: (...values: unknown[]) => statement(real.bind(...values)),
    first: (column?: string) => whileLocked(() => (column === undefined ? real.first() : real.first(column))),
    all: () => whileLocked(() => real.all()),
    run: () => whileLocked(() => real.run()),
    raw: (options?: { columnNames?: boolean }) => whileLocked(() => real.raw(options as { columnNames: true })),
  };
  unwrapped.set(wrapped, real);
  return wrapped as unknown as D1PreparedStatement;
}

/**
 * The same reader, its statements and batches retried while the database is locked.
 *
 * @example
 * const db = lockTolerant(env.DB.withSession('first-unconstrained'));
 * await db.prepare('SELECT 1').first();
 */
export function lockTolerant(reader: Reader): Reader {
  return {
    prepare: (sql) => statement(reader.prepare(sql)),
    batch: (statements) => whileLocked(() => reader.batch(statements.map((s) => unwrapped.get(s) ?? s))),
  } as Reader;
}
