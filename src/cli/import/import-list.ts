/**
 * `import`: the whole affected list of an incident becomes a new dataset, switched on in one step only
 * once it is complete. Plaintext stays here: rows are normalised and hashed on this machine, and only
 * keyed hashes, group masks and store labels reach D1.
 *
 *   read CSV (stream) → hash → sorted spill (bounded memory) → merged pass: digest and counts
 *   → loadDataset: unchanged? stop : new 'loading' dataset ← merged pass of bulk INSERTs → activate
 */
import { type BuiltEntry, RowReader, SetDigest, StoreLabels } from '../../core/affected-set.ts';
import { hasBit } from '../../core/group-mask.ts';
import { keyedHasher, type Pepper } from '../../core/keyed-hash.ts';
import { groupBits, incidentSalt, insertEntries, loadIncident } from '../../data/db.ts';
import { loadDataset } from '../../data/load-dataset.ts';
import type { Progress } from '../progress.ts';
import { type ReadReport, readList } from './read-list.ts';
import { SortedSpill } from './sorted-spill.ts';

export interface ImportSummary extends ReadReport {
  readonly uniqueIdentifiers: number;
  readonly perGroup: Record<string, number>;
  readonly digest: string;
  /** 'dry-run' when nothing was written; 'unchanged' when the active dataset already holds this list. */
  readonly outcome: 'loaded' | 'unchanged' | 'dry-run';
  readonly dataset: number | null;
}

export class ImportAborted extends Error {
  override name = 'ImportAborted';
}

export interface ImportOptions {
  db: D1Database;
  slug: string;
  file: string;
  pepper: Pepper;
  dryRun?: boolean;
  progress: Progress;
  /** Checked between batches; when it returns true the import stops before switching anything on. */
  aborted?: () => boolean;
  spillEntries?: number;
}

/** Entries per D1 batch: ten 1,000-row INSERTs a round trip. */
const ENTRIES_PER_BATCH = 10_000;

export async function importList(o: ImportOptions): Promise<ImportSummary> {
  const incident = await loadIncident(o.db, o.slug);
  const salt = await incidentSalt(o.db, o.slug);
  if (!incident || !salt) throw new Error(`Incident "${o.slug}" is not published. Run \`incident publish <file>\` first.`);
  const bits = await groupBits(o.db, o.slug);
  const reader = new RowReader({
    hash: keyedHasher(o.pepper),
    salt,
    groupBits: bits,
    orderIdPattern: incident.orderIdPattern,
    secondFactor: incident.content.lookup.secondFactor,
  });
  const stores = new StoreLabels();
  const spill = new SortedSpill(o.spillEntries);
  try {
    // Reading is measured in the share of the file read, so the ETA holds before the row count is known.
    o.progress.start('Reading', 1);
    const report = await readList(o.file, reader, stores, incident.content.lookup.secondFactor, (e) => spill.add(e), (bytes, total, rows) =>
      o.progress.update(bytes / total, rows),
    );
    o.progress.stop();

    // First merged pass: what the set is, before anything is written.
    const labels = stores.labels();
    const digest = new SetDigest();
    const perGroup = Object.fromEntries([...bits.keys()].map((code) => [code, 0]));
    let unique = 0;
    for await (const e of spill.merged()) {
      unique++;
      digest.update(e, e.store === null ? null : labels[e.store]!);
      for (const [code, bit] of bits) if (hasBit(e.groups, bit)) perGroup[code]!++;
    }
    const summary = { ...report, uniqueIdentifiers: unique, perGroup, digest: digest.hex() };
    if (o.dryRun) return { ...summary, outcome: 'dry-run', dataset: null };
    if (report.accepted === 0) throw new Error('No row of the list was accepted; nothing was loaded.');

    const loaded = await loadDataset(
      o.db,
      o.slug,
      { keyId: o.pepper.id, digest: summary.digest, entries: unique, stores: labels },
      async (dataset) => {
        o.progress.start('Loading', unique);
        let done = 0;
        let batch: BuiltEntry[] = [];
        const flush = async () => {
          await insertEntries(o.db, dataset, batch);
          done += batch.length;
          batch = [];
          o.progress.update(done);
          if (o.aborted?.()) throw new ImportAborted(`Import stopped after ${done} of ${unique} entries; nothing was switched on.`);
        };
        for await (const e of spill.merged()) {
          batch.push(e);
          if (batch.length === ENTRIES_PER_BATCH) await flush();
        }
        await flush();
        o.progress.stop();
      },
    );
    return { ...summary, outcome: loaded.changed ? 'loaded' : 'unchanged', dataset: loaded.dataset };
  } finally {
    o.progress.stop();
    await spill.dispose();
  }
}
