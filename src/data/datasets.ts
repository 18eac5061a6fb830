/**
 * Datasets, the versions of an incident's affected list, and their store labels. A dataset is begun
 * 'loading', filled (entries.ts) and switched on in one transaction; load-dataset.ts runs that lifecycle.
 */
import { type DatasetBinding, type ListContents, bindingText } from '../core/dataset-binding.ts';

export interface ActiveDataset {
  readonly id: number;
  readonly keyId: string;
  readonly digest: string | null;
  readonly entries: number;
  /** As stored (JSON text): an identical list under another binding is not "unchanged". */
  readonly binding: string | null;
}

export async function activeDataset(db: D1Database, slug: string): Promise<ActiveDataset | null> {
  const row = await db
    .prepare(
      `SELECT d.id, d.key_id, d.digest, d.entries, d.binding FROM incidents i JOIN datasets d ON d.id = i.active_dataset
        WHERE i.slug = ?1`,
    )
    .bind(slug)
    .first<{ id: number; key_id: string; digest: string | null; entries: number; binding: string | null }>();
  return row ? { id: row.id, keyId: row.key_id, digest: row.digest, entries: row.entries, binding: row.binding } : null;
}

/** Every pepper key id that datasets or notice codes carry: a new pepper must not reuse one. */
export async function usedKeyIds(db: D1Database): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT key_id AS id FROM datasets UNION SELECT subject_key FROM codes WHERE subject_key IS NOT NULL')
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/**
 * Starts a new dataset in state 'loading', bound to what made it and recording what its list holds.
 * Nothing reads it until activateDataset.
 */
export async function beginDataset(
  db: D1Database,
  slug: string,
  made: { binding: DatasetBinding; contents: ListContents },
  now: Date = new Date(),
): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO datasets (incident, key_id, state, created_at, binding, emails, order_ids, order_id_shapes, order_id_only)
       VALUES (?1, ?2, 'loading', ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id`,
    )
    .bind(
      slug,
      made.binding.keyId,
      now.toISOString(),
      bindingText(made.binding),
      made.contents.emails,
      made.contents.orderIds,
      JSON.stringify(made.contents.orderIdShapes),
      made.contents.orderIdOnly ?? null,
    )
    .first<{ id: number }>();
  return row!.id;
}

/** Store labels of a dataset, numbered by the importer. */
export async function insertStores(db: D1Database, dataset: number, labels: readonly string[]): Promise<void> {
  if (labels.length === 0) return;
  await db.batch(
    labels.map((label, id) =>
      db.prepare('INSERT INTO stores (dataset, id, label) VALUES (?1, ?2, ?3)').bind(dataset, id, label),
    ),
  );
}

/** Datasets of an incident that never finished loading (an aborted import), oldest first. */
export async function unfinishedDatasets(db: D1Database, slug: string): Promise<number[]> {
  const { results } = await db
    .prepare(`SELECT id FROM datasets WHERE incident = ?1 AND state = 'loading' ORDER BY id`)
    .bind(slug)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/** Datasets whose entries may be pruned: superseded ones that still hold entries. */
export async function prunableDatasets(db: D1Database, slug: string): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT d.id FROM datasets d WHERE d.incident = ?1 AND d.state = 'superseded'
          AND EXISTS (SELECT 1 FROM entries e WHERE e.dataset = d.id)`,
    )
    .bind(slug)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/**
 * Marks a loaded dataset complete and switches the incident to it, in one transaction: lookups see the
 * old version or the new one, never a mix. The previous dataset is marked superseded.
 */
export async function activateDataset(
  db: D1Database,
  slug: string,
  dataset: number,
  summary: { entries: number; digest: string },
  now: Date = new Date(),
): Promise<void> {
  await db.batch([
    db
      .prepare(`UPDATE datasets SET state = 'superseded' WHERE incident = ?1 AND state = 'complete'`)
      .bind(slug),
    db
      .prepare(`UPDATE datasets SET state = 'complete', entries = ?2, digest = ?3, completed_at = ?4 WHERE id = ?1 AND state = 'loading'`)
      .bind(dataset, summary.entries, summary.digest, now.toISOString()),
    db.prepare('UPDATE incidents SET active_dataset = ?2 WHERE slug = ?1').bind(slug, dataset),
  ]);
}

/**
 * True when the dataset belongs to the incident, was made with this key and binding, and is still loading:
 * a load interrupted between chunks (the chunked import) may fill it on.
 */
export async function isLoading(db: D1Database, slug: string, dataset: number, keyId: string, binding: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT 1 AS loading FROM datasets WHERE id = ?1 AND incident = ?2 AND key_id = ?3 AND binding = ?4 AND state = 'loading'`)
    .bind(dataset, slug, keyId, binding)
    .first<{ loading: number }>();
  return row !== null;
}
