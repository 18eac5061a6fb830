/**
 * Affected entries (keyed hashes with their group bits and store): the read behind every lookup, bulk
 * loads of a dataset's entries, many entries at once for the notices, and pruning what no lookup reads.
 */
import { bytes, hex } from './blobs.ts';
import type { D1Reader } from './reader.ts';

/** The result of the single read behind every lookup. */
export interface LookupRow {
  /** Lets the caller notice that its cached incident is stale (republished, or another dataset switched on). */
  readonly revision: number;
  readonly activeDataset: number | null;
  readonly keyId: string | null;
  /** The active dataset's binding as stored (JSON text), compared with what the Worker expects. */
  readonly binding: string | null;
  /** Null when the identifier is not in the active dataset. */
  readonly entry: { readonly groups: number; readonly store: string | null } | null;
}

/**
 * The lookup: one indexed read that returns the entry for a keyed hash in the incident's active dataset,
 * together with what identifies that dataset, so a stale cache cannot answer from an old version.
 * Null when the incident does not exist. A null hash matches no entry: the read then only reports the
 * incident's state (invalid input is answered only once that state shows the cache is current).
 */
export async function lookupEntry(db: D1Reader, slug: string, hash: Uint8Array | null): Promise<LookupRow | null> {
  const row = await db
    .prepare(
      `SELECT i.revision, i.active_dataset, d.key_id, d.binding, e.groups, s.label AS store
         FROM incidents i
         LEFT JOIN datasets d ON d.id = i.active_dataset
         LEFT JOIN entries e ON e.dataset = i.active_dataset AND e.hash = ?2
         LEFT JOIN stores s ON s.dataset = e.dataset AND s.id = e.store
        WHERE i.slug = ?1`,
    )
    .bind(slug, hash)
    .first<{ revision: number; active_dataset: number | null; key_id: string | null; binding: string | null; groups: number | null; store: string | null }>();
  if (!row) return null;
  return {
    revision: row.revision,
    activeDataset: row.active_dataset,
    keyId: row.key_id,
    binding: row.binding,
    entry: row.groups === null ? null : { groups: row.groups, store: row.store },
  };
}

export interface EntryRecord {
  readonly hash: Uint8Array;
  readonly groups: number;
  readonly store: number | null;
}

// Larger, parameter-free INSERTs for bulk loads: D1 caps a statement at 100 KB of SQL, and each entry
// takes at most ~60 characters as a literal, so 1,000 entries stay well inside it.
export const ENTRIES_PER_BULK_STATEMENT = 1000;

/**
 * One INSERT of entries written as SQL literals, for bulk loads (locally through the platform proxy,
 * remotely as files for D1's import). Every value is a number or bytes the importer produced itself,
 * never text from the list, so there is nothing to escape.
 */
export function entriesInsertSql(dataset: number, entries: readonly EntryRecord[]): string {
  const rows = entries.map(
    (e) => `(${Math.trunc(dataset)},X'${hex(e.hash)}',${Math.trunc(e.groups)},${e.store === null ? 'NULL' : Math.trunc(e.store)})`,
  );
  return `INSERT INTO entries (dataset, hash, groups, store) VALUES ${rows.join(',')};`;
}

/**
 * Appends entries to a loading dataset, in one batch of bulk INSERTs. Callers send entries sorted by
 * hash, which packs the b-tree pages full (about 30 bytes a record instead of about 40).
 */
export async function insertEntries(db: D1Database, dataset: number, entries: readonly EntryRecord[]): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < entries.length; i += ENTRIES_PER_BULK_STATEMENT) {
    statements.push(db.prepare(entriesInsertSql(dataset, entries.slice(i, i + ENTRIES_PER_BULK_STATEMENT))));
  }
  if (statements.length > 0) await db.batch(statements);
}

/**
 * Deletes up to `limit` entries of a dataset that no lookup reads (superseded or abandoned) and returns
 * how many went; callers repeat until 0, which keeps each statement short on large datasets.
 */
export async function pruneEntries(db: D1Database, dataset: number, limit = 50_000): Promise<number> {
  const result = await db
    .prepare(
      `DELETE FROM entries WHERE dataset = ?1 AND hash IN (SELECT hash FROM entries WHERE dataset = ?1 LIMIT ?2)
         AND NOT EXISTS (SELECT 1 FROM incidents WHERE active_dataset = ?1)`,
    )
    .bind(dataset, limit)
    .run();
  return result.meta.changes;
}

// D1 binds at most 100 parameters per statement.
const HASHES_PER_STATEMENT = 99;

/**
 * Entries of a dataset for many keyed hashes at once (the notices command answers every recipient),
 * keyed by the hash in hex. Hashes not in the dataset are absent from the map.
 */
export async function entriesFor(
  db: D1Database,
  dataset: number,
  hashes: readonly Uint8Array[],
): Promise<Map<string, { groups: number; store: string | null }>> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < hashes.length; i += HASHES_PER_STATEMENT) {
    const chunk = hashes.slice(i, i + HASHES_PER_STATEMENT);
    statements.push(
      db
        .prepare(
          `SELECT e.hash, e.groups, s.label AS store FROM entries e
             LEFT JOIN stores s ON s.dataset = e.dataset AND s.id = e.store
            WHERE e.dataset = ?1 AND e.hash IN (${chunk.map((_, j) => `?${j + 2}`).join(',')})`,
        )
        .bind(dataset, ...chunk),
    );
  }
  const found = new Map<string, { groups: number; store: string | null }>();
  if (statements.length === 0) return found;
  for (const result of await db.batch<{ hash: ArrayBuffer | number[]; groups: number; store: string | null }>(statements)) {
    for (const r of result.results) found.set(hex(bytes(r.hash)), { groups: r.groups, store: r.store });
  }
  return found;
}

// Resuming a load interrupted between chunks (the chunked import through `wrangler d1 execute`): how many
// entries the dataset holds, and dropping a partly written chunk so it can be sent again.

export async function countEntries(db: D1Database, dataset: number): Promise<number> {
  const row = await db.prepare('SELECT count(*) AS n FROM entries WHERE dataset = ?1').bind(dataset).first<{ n: number }>();
  return row?.n ?? 0;
}

/** Deletes the entries of a dataset from this hash on (entries are loaded in hash order). */
export async function dropEntriesFrom(db: D1Database, dataset: number, hash: Uint8Array): Promise<number> {
  const result = await db.prepare('DELETE FROM entries WHERE dataset = ?1 AND hash >= ?2').bind(dataset, hash).run();
  return result.meta.changes;
}
