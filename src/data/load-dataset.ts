/**
 * Replacing an incident's affected set, the one way both the CLI and the tests do it: an identical set
 * (same digest, same key) is left alone; otherwise a new 'loading' dataset is filled and switched on in
 * one transaction, so lookups see the old version or the new one, never a mix. Leftovers of imports that
 * never finished, and the entries of superseded datasets, are pruned because no lookup reads them.
 */
import {
  activateDataset,
  activeDataset,
  beginDataset,
  insertStores,
  prunableDatasets,
  pruneEntries,
  unfinishedDatasets,
} from './db.ts';

export interface LoadedDataset {
  readonly dataset: number;
  /** False when the active dataset already held this set. */
  readonly changed: boolean;
}

export async function loadDataset(
  db: D1Database,
  slug: string,
  set: { keyId: string; digest: string; entries: number; stores: readonly string[] },
  fill: (dataset: number) => Promise<void>,
): Promise<LoadedDataset> {
  const active = await activeDataset(db, slug);
  if (active && active.digest === set.digest && active.keyId === set.keyId) return { dataset: active.id, changed: false };
  for (const id of await unfinishedDatasets(db, slug)) while ((await pruneEntries(db, id)) > 0);
  const dataset = await beginDataset(db, slug, set.keyId);
  await insertStores(db, dataset, set.stores);
  await fill(dataset);
  await activateDataset(db, slug, dataset, { entries: set.entries, digest: set.digest });
  for (const id of await prunableDatasets(db, slug)) while ((await pruneEntries(db, id)) > 0);
  return { dataset, changed: true };
}
