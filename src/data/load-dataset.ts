/**
 * Replacing an incident's affected set, the one way both the CLI and the tests do it: an identical set
 * (same digest, same key) is left alone; otherwise a new 'loading' dataset is filled and switched on in
 * one transaction, so lookups see the old version or the new one, never a mix. Leftovers of imports that
 * never finished, and the entries of superseded datasets, are pruned because no lookup reads them.
 */
import { type DatasetBinding, type ListContents, bindingText } from '../core/dataset-binding.ts';
import {
  activateDataset,
  activeDataset,
  beginDataset,
  insertStores,
  isLoading,
  prunableDatasets,
  unfinishedDatasets,
} from './datasets.ts';
import { pruneEntries } from './entries.ts';

export interface LoadedDataset {
  readonly dataset: number;
  /** False when the active dataset already held this set. */
  readonly changed: boolean;
}

/** What identifies a prepared set: what made it, its digest, size, store labels and contents. */
export interface DatasetSet {
  readonly keyId: string;
  readonly binding: DatasetBinding;
  readonly contents: ListContents;
  readonly digest: string;
  readonly entries: number;
  readonly stores: readonly string[];
}

export interface LoadOptions {
  /**
   * A dataset an interrupted load of this same set left 'loading': it is filled on instead of starting
   * over, if it is still loading. The caller must know it holds this set's stores and a prefix of it.
   */
  resume?: number | undefined;
  /** Told the new dataset's id once it exists (with its stores), before any entry is written. */
  begun?: (dataset: number) => Promise<void> | void;
  /**
   * How old entries are deleted: at most `limit` a statement, with `pause` after each. The local import
   * keeps each statement short and pauses so that `wrangler dev`'s lookups get the lock in between.
   */
  prune?: { limit: number; pause: () => Promise<void> };
}

export async function loadDataset(
  db: D1Database,
  slug: string,
  set: DatasetSet,
  fill: (dataset: number, resumed: boolean) => Promise<void>,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  const active = await activeDataset(db, slug);
  const binding = bindingText(set.binding);
  // The same entries made under other settings (a new order-ID rule, another mode) are another dataset.
  if (active && active.digest === set.digest && active.keyId === set.keyId && active.binding === binding) {
    return { dataset: active.id, changed: false };
  }
  const resumed = options.resume !== undefined && (await isLoading(db, slug, options.resume, set.keyId, binding));
  const prune = async (id: number) => {
    while ((await pruneEntries(db, id, options.prune?.limit)) > 0) await options.prune?.pause();
  };
  // Callers hold the incident's import lock (import-locks.ts), so no other import is filling any of
  // these: they are leftovers of imports that crashed or were stopped.
  for (const id of await unfinishedDatasets(db, slug)) {
    if (!(resumed && id === options.resume)) await prune(id);
  }
  let dataset: number;
  if (resumed) dataset = options.resume!;
  else {
    dataset = await beginDataset(db, slug, { binding: set.binding, contents: set.contents });
    await insertStores(db, dataset, set.stores);
    await options.begun?.(dataset);
  }
  await fill(dataset, resumed);
  await activateDataset(db, slug, dataset, { entries: set.entries, digest: set.digest });
  for (const id of await prunableDatasets(db, slug)) await prune(id);
  return { dataset, changed: true };
}
