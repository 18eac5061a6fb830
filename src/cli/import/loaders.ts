/**
 * How the entries of a prepared set reach D1. Every loader keeps the dataset lifecycle of
 * src/data/load-dataset.ts: an identical set is left alone; otherwise a new 'loading' dataset is
 * filled and switched on in one transaction at the end, so lookups never see a partial list.
 */
import type { BuiltEntry } from '../../core/affected-set.ts';
import { insertEntries } from '../../data/entries.ts';
import { type DatasetSet, type LoadedDataset, loadDataset } from '../../data/load-dataset.ts';
import type { Progress } from '../progress.ts';
import { groupsOf, RECORD, storeOf } from './packed.ts';
import type { RecordBatch } from './sorted-spill.ts';
import { HASH_BYTES } from '../../core/keyed-hash.ts';
import { OperatorError } from '../operator-error.ts';

export class ImportAborted extends OperatorError {
  override name = 'ImportAborted';
}

export interface LoadJob {
  readonly slug: string;
  readonly set: DatasetSet;
  /** The set's entries in hash order, duplicates merged; may be iterated more than once. */
  readonly batches: () => AsyncIterable<RecordBatch>;
  readonly progress: Progress;
  readonly aborted: () => boolean;
  /** Called once the last chance to stop has passed: what follows switches the new dataset on. */
  readonly switching: () => void;
  /** The token of the incident's import lock this import holds; a resumable loader saves it. */
  readonly lockToken: string;
}

export type EntryLoader = (job: LoadJob) => Promise<LoadedDataset>;

export function stopped(done: number, total: number): ImportAborted {
  return new ImportAborted(`Import stopped after ${done.toLocaleString('en')} of ${total.toLocaleString('en')} entries; nothing was switched on.`);
}

export function entriesOf(batch: RecordBatch): BuiltEntry[] {
  const out: BuiltEntry[] = [];
  for (let i = 0, at = 0; i < batch.count; i++, at += RECORD) {
    out.push({ hash: batch.records.subarray(at, at + HASH_BYTES), groups: groupsOf(batch.records, at), store: storeOf(batch.records, at) });
  }
  return out;
}

/** Batches of bulk INSERTs through any D1Database (`npm start`'s demo list, the Worker tests). */
export function d1BatchLoader(db: D1Database): EntryLoader {
  return (job) =>
    loadDataset(db, job.slug, job.set, async (dataset) => {
      job.progress.start('Loading', job.set.entries);
      let done = 0;
      for await (const batch of job.batches()) {
        await insertEntries(db, dataset, entriesOf(batch));
        done += batch.count;
        job.progress.update(done);
        if (job.aborted()) throw stopped(done, job.set.entries);
      }
      job.switching();
      job.progress.stop();
    });
}
