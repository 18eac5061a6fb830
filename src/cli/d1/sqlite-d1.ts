/**
 * The D1Database interface over a SQLite file opened with node:sqlite, so the data module's statements
 * (src/data/) run unchanged against the local D1 file that wrangler dev serves. Only what the data
 * module uses is here: prepare/bind, first/all/run, and batch as one transaction, as in D1.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

type Value = null | number | bigint | string | boolean | ArrayBuffer | ArrayBufferView | undefined;

function input(value: Value): SQLInputValue {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return value as SQLInputValue;
}

function meta(changes = 0, lastRowId = 0) {
  return { duration: 0, size_after: 0, rows_read: 0, rows_written: changes, last_row_id: lastRowId, changed_db: changes > 0, changes };
}

class SqliteStatement {
  readonly #db: SqliteD1;
  readonly #sql: string;
  readonly #params: SQLInputValue[];

  constructor(db: SqliteD1, sql: string, params: SQLInputValue[] = []) {
    this.#db = db;
    this.#sql = sql;
    this.#params = params;
  }

  bind(...values: Value[]): SqliteStatement {
    return new SqliteStatement(this.#db, this.#sql, values.map(input));
  }

  get #statement(): StatementSync {
    return this.#db.statement(this.#sql);
  }

  /** Runs the statement now: rows when it returns any, otherwise the changes it made. */
  execute() {
    const s = this.#statement;
    if (s.columns().length > 0) return { results: s.all(...this.#params), success: true, meta: meta() };
    const r = s.run(...this.#params);
    return { results: [], success: true, meta: meta(Number(r.changes), Number(r.lastInsertRowid)) };
  }

  async first<T>(column?: string): Promise<T | null> {
    const row = this.#statement.get(...this.#params) as Record<string, unknown> | undefined;
    if (!row) return null;
    return (column === undefined ? row : (row[column] ?? null)) as T;
  }

  async all<T>() {
    return { results: this.#statement.all(...this.#params) as T[], success: true, meta: meta() };
  }

  async run() {
    return this.execute();
  }

  async raw<T>() {
    const s = this.#statement;
    s.setReturnArrays(true);
    try {
      return s.all(...this.#params) as T[];
    } finally {
      s.setReturnArrays(false);
    }
  }
}

export class SqliteD1 {
  readonly sqlite: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(sqlite: DatabaseSync) {
    this.sqlite = sqlite;
  }

  statement(sql: string): StatementSync {
    let s = this.#statements.get(sql);
    if (!s) this.#statements.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }

  prepare(sql: string): SqliteStatement {
    return new SqliteStatement(this, sql);
  }

  async batch(statements: SqliteStatement[]) {
    // IMMEDIATE takes the write lock up front, so a concurrent writer makes this wait (busy timeout)
    // instead of failing half-way on a stale snapshot.
    this.sqlite.exec('BEGIN IMMEDIATE');
    try {
      const results = statements.map((s) => s.execute());
      this.sqlite.exec('COMMIT');
      return results;
    } catch (err) {
      this.sqlite.exec('ROLLBACK');
      throw err;
    }
  }

  async exec(sql: string) {
    this.sqlite.exec(sql);
    return { count: 0, duration: 0 };
  }

  /** The D1Database the data module takes. */
  get d1(): D1Database {
    return this as unknown as D1Database;
  }

  async close(): Promise<void> {
    this.sqlite.close();
  }
}
