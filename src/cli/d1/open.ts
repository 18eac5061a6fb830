/**
 * The one way Node code reaches the project's D1 database: the CLI's commands and import, `npm start`,
 * the benchmarks and the tests all open it here. Each target has one way in:
 * - local: the SQLite file that `wrangler dev` serves (local-file.ts), opened with node:sqlite behind the
 *   D1 facade (sqlite-d1.ts), so the data module's statements run unchanged and the import can write
 *   its entries in bulk on the same connection;
 * - remote: `wrangler d1 execute --remote` (wrangler-d1.ts), which needs `wrangler login` (or
 *   CLOUDFLARE_API_TOKEN) and the real database_id in wrangler.toml.
 * The remote way can also be pointed at local state (`throughWrangler`): that is how the chunked
 * import, the path `--remote` takes, is tested.
 */
import { DatabaseSync } from 'node:sqlite';
import { localD1File } from './local-file.ts';
import { SqliteD1 } from './sqlite-d1.ts';
import { WranglerD1 } from './wrangler-d1.ts';

export interface D1Target {
  /** The database in the Cloudflare account rather than the local one. */
  readonly remote?: boolean | undefined;
  /** The local state directory (as wrangler --persist-to); wrangler's default state when absent. */
  readonly persistTo?: string | undefined;
  /** Local state through `wrangler d1 execute --local`, the way the remote database is reached. */
  readonly throughWrangler?: boolean | undefined;
}

/** The local D1 file, and nothing else. */
export interface LocalFileTarget extends D1Target {
  readonly remote?: false | undefined;
  readonly throughWrangler?: false | undefined;
}

/** An open database: `.d1` is the D1Database the data module takes; close it when done. */
export type OpenD1 = SqliteD1 | WranglerD1;

/**
 * Opens the target's database. The local file is opened for writing next to a running `wrangler dev`:
 * it is in WAL mode, so the portal reads the committed state while the CLI writes, and this connection
 * waits for the portal's writes (busy timeout) instead of failing. The portal does not wait: each of
 * its queries takes the write lock for a moment, so bulk writers keep their transactions short
 * (local-entries.ts). A local state that was never set up is refused with a hint.
 *
 * @example
 * const local = await openD1({ persistTo: stateDir });
 * try {
 *   await publishFile(local.d1, 'demo/demo.incident.json');
 * } finally {
 *   await local.close();
 * }
 */
export async function openD1(target: LocalFileTarget): Promise<SqliteD1>;
export async function openD1(target: D1Target): Promise<OpenD1>;
export async function openD1(target: D1Target): Promise<OpenD1> {
  if (target.remote) return new WranglerD1({ remote: true });
  if (target.throughWrangler) return new WranglerD1({ persistTo: target.persistTo });
  return new SqliteD1(new DatabaseSync(await localD1File({ persistTo: target.persistTo }), { timeout: 30_000 }));
}

/** Opens the target's database for `run` and closes it after, whatever `run` does. */
export async function withD1<T>(target: D1Target, run: (db: D1Database) => Promise<T>): Promise<T> {
  const opened = await openD1(target);
  try {
    return await run(opened.d1);
  } finally {
    await opened.close();
  }
}
