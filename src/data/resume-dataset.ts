/**
 * Statements for resuming a dataset load that was interrupted between chunks (the chunked import
 * through `wrangler d1 execute`): whether the dataset is still loading, how many entries it holds, and
 * dropping a partly written chunk so it can be sent again.
 */

/** True when the dataset belongs to the incident, was made with this key and binding, and is still loading. */
export async function isLoading(db: D1Database, slug: string, dataset: number, keyId: string, binding: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT 1 AS loading FROM datasets WHERE id = ?1 AND incident = ?2 AND key_id = ?3 AND binding = ?4 AND state = 'loading'`)
    .bind(dataset, slug, keyId, binding)
    .first<{ loading: number }>();
  return row !== null;
}

export async function countEntries(db: D1Database, dataset: number): Promise<number> {
  const row = await db.prepare('SELECT count(*) AS n FROM entries WHERE dataset = ?1').bind(dataset).first<{ n: number }>();
  return row?.n ?? 0;
}

/** Deletes the entries of a dataset from this hash on (entries are loaded in hash order). */
export async function dropEntriesFrom(db: D1Database, dataset: number, hash: Uint8Array): Promise<number> {
  const result = await db.prepare('DELETE FROM entries WHERE dataset = ?1 AND hash >= ?2').bind(dataset, hash).run();
  return result.meta.changes;
}
