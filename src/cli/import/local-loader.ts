/**
 * The local loader: entries go straight into the local D1 file (node:sqlite), in one transaction with a
 * prepared INSERT in hash order, while the dataset lifecycle runs the data module's own statements on
 * the same connection. An aborted or crashed run rolls the entries back; the 'loading' dataset row it
 * leaves is pruned by the next import, and lookups never leave the previous dataset.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { loadDataset } from '../../data/load-dataset.ts';
import { entryInserter, inTransaction } from '../../data/local-entries.ts';
import type { SqliteD1 } from '../../data/sqlite-d1.ts';
import { HASH_BYTES } from '../../core/keyed-hash.ts';
import { type EntryLoader, stopped } from './loaders.ts';
import { groupsOf, RECORD, storeOf } from './packed.ts';

/** Entries between looks at Ctrl-C and progress: the insert loop is synchronous in between. */
const ENTRIES_PER_TURN = 50_000;

export function localFileLoader(local: SqliteD1): EntryLoader {
  return (job) =>
    loadDataset(local.d1, job.slug, job.set, async (dataset) => {
      job.progress.start('Loading', job.set.entries);
      await inTransaction(local.sqlite, async () => {
        const insert = entryInserter(local.sqlite, dataset);
        let done = 0;
        let turn = 0;
        for await (const { records, count } of job.batches()) {
          for (let at = 0; at < count * RECORD; at += RECORD) {
            insert.add(records.subarray(at, at + HASH_BYTES), groupsOf(records, at), storeOf(records, at));
          }
          done += count;
          if (done - turn >= ENTRIES_PER_TURN) {
            turn = done;
            job.progress.update(done);
            await nextTurn(); // lets a Ctrl-C be noticed
            if (job.aborted()) throw stopped(done, job.set.entries);
          }
        }
        insert.flush();
        job.progress.update(done);
        await nextTurn();
        if (job.aborted()) throw stopped(done, job.set.entries);
        // From here to the switch there is no await that lets a signal in: the commit and the
        // activation run straight through.
        job.switching();
      });
      job.progress.stop();
    });
}
