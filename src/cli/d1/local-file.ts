/**
 * Finds the SQLite file behind the local D1 database, the one `wrangler dev` and `wrangler d1 execute
 * --local` use, so the import can write to it directly. Miniflare keeps each D1 database in a Durable
 * Object whose id workerd derives from the database's id, so the file name can be computed:
 *
 *   <persist>/v3/d1/miniflare-D1DatabaseObject/<idFromName(preview_database_id ?? database_id ?? binding)>.sqlite
 *
 * where idFromName, as in workerd, is key = SHA-256(unique key), base = HMAC(key, name)[0..16],
 * id = base ‖ HMAC(key, base)[0..16]. The ids come from wrangler.toml, parsed with smol-toml (the parser
 * wrangler itself uses) rather than by loading wrangler, which takes most of a second. When that finds no
 * file (a TOML error, no such binding, or state never set up), wrangler's own config reader has the last
 * word, so a broken wrangler.toml gives the error `wrangler dev` would give.
 */
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'smol-toml';
import { OperatorError } from '../operator-error.ts';

const D1_OBJECT = 'miniflare-D1DatabaseObject';

export function durableObjectIdFromName(uniqueKey: string, name: string): string {
  const key = createHash('sha256').update(uniqueKey).digest();
  const base = createHmac('sha256', key).update(name).digest().subarray(0, 16);
  const mac = createHmac('sha256', key).update(base).digest().subarray(0, 16);
  return Buffer.concat([base, mac]).toString('hex');
}

interface D1Config {
  binding?: string;
  database_id?: string;
  preview_database_id?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The top-level [[d1_databases]] tables of a wrangler.toml, their names and ids; [] if it is not TOML. */
export function d1Databases(toml: string): D1Config[] {
  let config: Record<string, unknown>;
  try {
    config = parse(toml);
  } catch {
    return [];
  }
  const tables: unknown[] = Array.isArray(config.d1_databases) ? config.d1_databases : [];
  return tables.map((t) => {
    const table = (t ?? {}) as Record<string, unknown>;
    return { binding: text(table.binding), database_id: text(table.database_id), preview_database_id: text(table.preview_database_id) };
  });
}

function localName(db: D1Config | undefined): string | undefined {
  return db?.preview_database_id ?? db?.database_id ?? db?.binding;
}

export async function localD1File(options: { persistTo?: string | undefined; configPath?: string; binding?: string } = {}): Promise<string> {
  const configPath = options.configPath ?? 'wrangler.toml';
  const binding = options.binding ?? 'DB';
  const persist = options.persistTo ?? join(dirname(configPath), '.wrangler', 'state');
  const dir = join(persist, 'v3', 'd1', D1_OBJECT);
  const fileFor = (name: string | undefined) => (name === undefined ? undefined : join(dir, `${durableObjectIdFromName(D1_OBJECT, name)}.sqlite`));

  const quick = fileFor(localName(d1Databases(readFileSync(configPath, 'utf8')).find((d) => d.binding === binding)));
  if (quick && existsSync(quick)) return quick;
  const { unstable_readConfig } = await import('wrangler');
  const config = unstable_readConfig({ config: configPath });
  const file = fileFor(localName(config.d1_databases.find((d: { binding: string }) => d.binding === binding)));
  if (file && existsSync(file)) return file;
  throw new OperatorError(`The local D1 database has not been set up in ${persist}: run \`npm run setup\` (or \`npm start\`) first.`);
}
