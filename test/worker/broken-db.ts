/**
 * D1 bindings that fail, for the fail-closed and fault-injection tests. Public reads open a session first
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
