/**
 * Loads a built affected set as a new dataset and switches the incident to it. The switch is the last,
 * single-transaction step (activateDataset): until then lookups answer from the previous version, and an
 * import that stops half-way leaves only an inactive 'loading' dataset behind.
 */
import type { BuiltEntry } from '../core/affected-set.ts';
import { activateDataset, activeDataset, beginDataset, insertEntries, insertStores } from './db.ts';

export interface ImportOutcome {
  readonly dataset: number;
  /** False when the active dataset already holds exactly this set, hashed with the same key. */
  readonly changed: boolean;
}

export async function importAffectedSet(
  db: D1Database,
  slug: string,
  keyId: string,
  set: { entries: readonly BuiltEntry[]; digest: string; stores: readonly string[] },
  onProgress: (loaded: number) => void = () => {},
): Promise<ImportOutcome> {
  const active = await activeDataset(db, slug);
  if (active && active.digest === set.digest && active.keyId === keyId) return { dataset: active.id, changed: false };
  const dataset = await beginDataset(db, slug, keyId);
  await insertStores(db, dataset, set.stores);
  const BATCH = 2500;
  for (let i = 0; i < set.entries.length; i += BATCH) {
    await insertEntries(db, dataset, set.entries.slice(i, i + BATCH));
    onProgress(Math.min(i + BATCH, set.entries.length));
  }
  await activateDataset(db, slug, dataset, { entries: set.entries.length, digest: set.digest });
  return { dataset, changed: true };
}
