/**
 * D1 bindings that fail, for the fail-closed and fault-injection tests: wholly (every call throws, every
 * query fails), one chosen call (faultyDb), or by hanging (stalledDb). Public reads open a session first
 * (src/data/reader.ts publicReads), so each one also answers withSession with itself.
 */

/** The error every broken binding gives; log lines can be checked for its message. */
export const outage = () => new Error('D1_ERROR: simulated outage');

/** A binding whose every call throws at once, as a missing or misbound database would. */
export function throwingDb(): D1Database {
  const fail = () => {
    throw outage();
  };
  const db = { prepare: fail, batch: fail, exec: fail, withSession: () => db } as unknown as D1Database;
  return db;
}

/** A binding that prepares statements but whose queries fail, as during a D1 incident. */
export function rejectingDb(): D1Database {
  const statement: Record<string, unknown> = {
    first: () => Promise.reject(outage()),
    all: () => Promise.reject(outage()),
    run: () => Promise.reject(outage()),
    raw: () => Promise.reject(outage()),
  };
  statement.bind = () => statement;
  const db = {
    prepare: () => statement,
    batch: () => Promise.reject(outage()),
    exec: () => Promise.reject(outage()),
    withSession: () => db,
  } as unknown as D1Database;
  return db;
}

const never = () => new Promise<never>(() => {});

export type FaultMode = 'throws' | 'rejects' | 'never returns';

/**
 * The real database, except that its `failAt`-th call (counting first/all/run/raw/batch/exec) fails in
 * the given way. `calls()` tells how many calls the request made, so the sweep knows when to stop.
 */
export function faultyDb(real: D1Database, failAt: number, mode: FaultMode) {
  let calls = 0;
  let failedSql: string | null = null;
  let markHit: () => void = () => {};
  const hit = new Promise<void>((resolve) => (markHit = resolve));
  const inner = new WeakMap<object, D1PreparedStatement>();
  function call<T>(run: () => Promise<T>, sql: string): Promise<T> {
    calls += 1;
    if (calls !== failAt) return run();
    failedSql = sql;
    markHit();
    if (mode === 'throws') throw outage();
    if (mode === 'rejects') return Promise.reject(outage());
    return never();
  }
  function wrap(stmt: D1PreparedStatement, sql: string): D1PreparedStatement {
    const wrapped = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), sql),
      first: (...args: [string?]) => call(() => (args.length ? stmt.first(args[0]!) : stmt.first()), sql),
      all: () => call(() => stmt.all(), sql),
      run: () => call(() => stmt.run(), sql),
      raw: (...args: [{ columnNames?: boolean }?]) => call(() => stmt.raw(args[0] as { columnNames: true }), sql),
    };
    inner.set(wrapped, stmt);
    return wrapped as unknown as D1PreparedStatement;
  }
  const db = {
    prepare: (sql: string) => wrap(real.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => call(() => real.batch(statements.map((s) => inner.get(s) ?? s)), 'batch'),
    exec: (sql: string) => call(() => real.exec(sql), sql),
    // Public reads go through a session (src/data/reader.ts publicReads): the same faulty database.
    withSession: () => db,
  } as unknown as D1Database;
  return { db, calls: () => calls, failedSql: () => failedSql, hit };
}

/**
 * A database whose every call hangs (delayMs null) or fails only after delayMs (on the fake clock). `hit`
 * settles once the request has reached it.
 */
export function stalledDb(delayMs: number | null) {
  let markHit: () => void = () => {};
  const hit = new Promise<void>((resolve) => (markHit = resolve));
  const stalled = () => {
    markHit();
    return delayMs === null ? never() : new Promise<never>((_, reject) => setTimeout(() => reject(outage()), delayMs));
  };
  const statement: Record<string, unknown> = { first: stalled, all: stalled, run: stalled, raw: stalled };
  statement.bind = () => statement;
  const db = { prepare: () => statement, batch: stalled, exec: stalled, withSession: () => db } as unknown as D1Database;
  return { db, hit };
}
