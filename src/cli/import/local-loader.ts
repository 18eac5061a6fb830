/**
 * The local loader: entries go straight into the local D1 file (node:sqlite) with a prepared INSERT in
 * hash order, in short transactions that leave the lock to `wrangler dev`'s lookups in between
 * (src/cli/d1/local-entries.ts), while the dataset lifecycle runs the data module's own statements on the
 * same connection. Lookups stay on the previous dataset until the one short activation at the end; an
 * aborted or crashed run leaves a 'loading' dataset that the next import prunes.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { loadDataset } from '../../data/load-dataset.ts';
import { entryInserter, pauseForReaders } from '../d1/local-entries.ts';
import type { SqliteD1 } from '../d1/sqlite-d1.ts';
import { HASH_BYTES } from '../../core/keyed-hash.ts';
import { type EntryLoader, stopped } from './loaders.ts';
import { groupsOf, RECORD, storeOf } from './packed.ts';

/** Entries between looks at Ctrl-C and progress. */
const ENTRIES_PER_TURN = 50_000;
/** Entries between looks at the clock: whether the open transaction is due to commit. */
const ENTRIES_PER_CLOCK = 128;
/** Entries a pruning statement deletes at most: a few milliseconds of lock each, then a pause. */
const PRUNE_PER_STATEMENT = 2_000;

export function localFileLoader(local: SqliteD1): EntryLoader {
  // Each commit need not reach the disk before the next one starts: a power cut may lose the last
  // transactions, which leaves the previous dataset active or a 'loading' one the next import prunes.
  local.sqlite.exec('PRAGMA synchronous = NORMAL');
  return (job) =>
    loadDataset(
      local.d1,
      job.slug,
      job.set,
      async (dataset) => {
        job.progress.start('Loading', job.set.entries);
        const insert = entryInserter(local.sqlite, dataset);
        try {
          let done = 0;
          let turn = 0;
          for await (const { records, count } of job.batches()) {
            for (let i = 0, at = 0; i < count; i++, at += RECORD) {
              insert.add(records.subarray(at, at + HASH_BYTES), groupsOf(records, at), storeOf(records, at));
              if (i % ENTRIES_PER_CLOCK === 0 && insert.due) await insert.commit();
            }
            // A transaction may stay open while the next batch is read (a quick read of the spill
            // files), but not once it is due, nor across the turn where a Ctrl-C handler may run
            // statements (the lock's release) on this connection.
            if (insert.due) await insert.commit();
            done += count;
            if (done - turn >= ENTRIES_PER_TURN) {
              await insert.commit();
              turn = done;
              job.progress.update(done);
              await nextTurn(); // lets a Ctrl-C be noticed
              if (job.aborted()) throw stopped(done, job.set.entries);
            }
          }
          await insert.commit();
          job.progress.update(done);
          if (job.aborted()) throw stopped(done, job.set.entries);
          // From here to the switch there is no await that lets a signal in: the activation runs
          // straight through.
          job.switching();
        } catch (err) {
          insert.abandon();
          throw err;
        }
        job.progress.stop();
      },
      { prune: { limit: PRUNE_PER_STATEMENT, pause: pauseForReaders } },
    );
}
