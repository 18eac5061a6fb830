/**
 * The D1Database interface over `wrangler d1 execute`, so the data module's statements (src/data/)
 * reach a D1 database through wrangler alone: the remote one in the Cloudflare account (`--remote`, which
 * needs `wrangler login` or CLOUDFLARE_API_TOKEN), or a local state (`--local --persist-to`), which is
 * how this path is tested. Parameters are written into the SQL as literals, since `execute` takes none;
 * a batch is sent as one execution, which D1 runs as one transaction. `executeFile` sends a file of SQL
 * through D1's import.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wranglerBin } from '../wrangler.ts';

export type WranglerTarget = { readonly remote: true } | { readonly remote?: false; readonly persistTo?: string | undefined };

type Value = null | undefined | number | bigint | boolean | string | ArrayBuffer | ArrayBufferView;

/** A value as an SQL literal. Text is quoted with '' doubled; bytes become X'…'. */
export function sqlLiteral(value: Value): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('cannot write a non-finite number as SQL');
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new Error('cannot write a NUL character as SQL');
    return `'${value.replaceAll("'", "''")}'`;
  }
  const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return `X'${Buffer.from(bytes).toString('hex')}'`;
}

/** Replaces ?N and ? parameters outside quotes and comments with literals. */
export function inlineParams(sql: string, params: readonly Value[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length; ) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      const m = /^\?(\d*)/.exec(sql.slice(i))!;
      const index = m[1] ? Number(m[1]) - 1 : next;
      next = index + 1;
      if (index >= params.length) throw new Error(`missing SQL parameter ${index + 1}`);
      out += sqlLiteral(params[index]);
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Runs wrangler and returns its standard output; throws with the end of its error output if it fails.
 * It runs in a process group of its own, so a Ctrl-C meant for the CLI lets the current step finish
 * instead of cutting it off half-way; the CLI then stops at the next step.
 */
function wranglerOutput(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      // --json results are printed at the 'log' level, whatever the caller's WRANGLER_LOG.
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG: 'log' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} failed (exit ${code ?? signal}): ${(stderr || stdout).trim().slice(-2000)}`));
    });
  });
}

interface ExecuteResult {
  results: Record<string, unknown>[];
  success: boolean;
  meta?: Record<string, unknown>;
}

// Local `wrangler d1 execute --json` prints BLOBs as "[1, 2, 3]"; the data module expects byte arrays.
const BLOB_TEXT = /^\[(?:\d{1,3}(?:, \d{1,3})*)?\]$/;
function fromWrangler(row: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) if (typeof v === 'string' && BLOB_TEXT.test(v)) row[k] = JSON.parse(v);
  return row;
}

// A command line argument holds at most 128 KiB on Linux; longer SQL goes through a file.
const COMMAND_LIMIT = 100_000;

class WranglerStatement {
  readonly #d1: WranglerD1;
  readonly sql: string;
  readonly #params: Value[];
  constructor(d1: WranglerD1, sql: string, params: Value[] = []) {
    this.#d1 = d1;
    this.sql = sql;
    this.#params = params;
  }
  bind(...values: Value[]) {
    return new WranglerStatement(this.#d1, this.sql, values);
  }
  text(): string {
    return inlineParams(this.sql, this.#params);
  }
  async first<T>(column?: string): Promise<T | null> {
    const row = (await this.#d1.execute([this.text()]))[0]?.results[0];
    if (!row) return null;
    return (column === undefined ? row : (row[column] ?? null)) as T;
  }
  async all<T>() {
    const r = (await this.#d1.execute([this.text()]))[0]!;
    return { results: r.results as T[], success: true, meta: r.meta ?? {} };
  }
  async run() {
    // `execute` reports no change counts, so the statement is followed by a query for its count.
    const [r, count] = await this.#d1.execute([this.text(), 'SELECT changes() AS changes']);
    const changes = Number(count?.results[0]?.changes ?? 0);
    return { results: r!.results, success: true, meta: { ...r!.meta, changes } };
  }
}

export class WranglerD1 {
  readonly #target: WranglerTarget;
  constructor(target: WranglerTarget) {
    this.#target = target;
  }

  #targetArgs(): string[] {
    if (this.#target.remote) return ['--remote'];
    return ['--local', ...(this.#target.persistTo ? ['--persist-to', this.#target.persistTo] : [])];
  }

  /** Where this database is, for naming local files that belong to it. */
  describe(): string {
    return this.#target.remote ? 'remote' : `local:${this.#target.persistTo ?? '.wrangler/state'}`;
  }

  /** Runs statements in one `wrangler d1 execute` (one batch) and returns one result per statement. */
  async execute(statements: readonly string[]): Promise<ExecuteResult[]> {
    const sql = statements.map((s) => s.trim().replace(/;$/, '')).join(';\n');
    if (sql.length > COMMAND_LIMIT && !this.#target.remote) {
      const dir = mkdtempSync(join(tmpdir(), 'amiaffected-sql-'));
      try {
        writeFileSync(join(dir, 'batch.sql'), sql);
        return this.#parse(await wranglerOutput(['d1', 'execute', 'DB', ...this.#targetArgs(), '--json', '--yes', '--file', join(dir, 'batch.sql')]));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return this.#parse(await wranglerOutput(['d1', 'execute', 'DB', ...this.#targetArgs(), '--json', '--yes', '--command', sql]));
  }

  #parse(stdout: string): ExecuteResult[] {
    const json = stdout.slice(stdout.indexOf('['));
    const results = JSON.parse(json) as ExecuteResult[];
    for (const r of results) r.results = (r.results ?? []).map(fromWrangler);
    return results;
  }

  /** Sends a file of SQL statements through D1's import (remote) or a local batch. */
  async executeFile(path: string): Promise<void> {
    await wranglerOutput(['d1', 'execute', 'DB', ...this.#targetArgs(), '--yes', '--file', path]);
  }

  prepare(sql: string) {
    return new WranglerStatement(this, sql);
  }

  async batch(statements: WranglerStatement[]) {
    const results = await this.execute(statements.map((s) => s.text()));
    return results.map((r) => ({ results: r.results, success: true, meta: r.meta ?? {} }));
  }

  async exec(sql: string) {
    await this.execute([sql]);
    return { count: 1, duration: 0 };
  }

  get d1(): D1Database {
    return this as unknown as D1Database;
  }

  /** Nothing stays open between executions. */
  async close(): Promise<void> {}
}
