/**
 * `import`: the whole affected list of an incident becomes a new dataset, switched on in one step only
 * once it is complete. Plaintext stays here: rows are normalised and hashed on this machine, and only
 * keyed hashes, group masks and store labels reach D1.
 *
 *   take the incident's import lock → read CSV on every core (decode, parse, normalise, hash) → packed
 *   entries → sorted spill (bounded memory); rejections → reconciliation report → merged pass: digest
 *   and counts → rejections confirmed? → loader: unchanged? stop : new 'loading' dataset ← merged pass
 *   → activate → release the lock
 *
 * The loader decides how entries reach D1: by default batches of bulk INSERTs through a D1Database;
 * the CLI writes straight into the local D1 file (local-loader.ts) or sends resumable chunk files
 * through `wrangler d1 execute` (chunked-loader.ts).
 */
import { StoreLabels } from '../../core/affected-set.ts';
import { expectedBinding } from '../../core/dataset-binding.ts';
import { type Pepper, pepperFingerprint } from '../../core/keyed-hash.ts';
import { groupBits, incidentSalt, loadIncident } from '../../data/incidents.ts';
import type { LoadedDataset } from '../../data/load-dataset.ts';
import type { Progress } from '../progress.ts';
import { type HeldLock, holdImportLock, type LockRequest } from './import-lock.ts';
import { d1BatchLoader, type EntryLoader, ImportAborted } from './loaders.ts';
import type { ListEncoding } from './encoding.ts';
import { type ReadReport, readList } from './read-list.ts';
import { SetSummary } from './set-summary.ts';
import { SortedSpill } from './sorted-spill.ts';
import { excelPrecisionLoss } from '../../core/excel-damage.ts';
import { OperatorError } from '../operator-error.ts';

export { ImportAborted } from './loaders.ts';

export interface ImportSummary extends ReadReport {
  readonly uniqueIdentifiers: number;
  readonly perGroup: Record<string, number>;
  readonly digest: string;
  /**
   * 'dry-run' when nothing was written; 'unchanged' when the active dataset already holds this list;
   * 'refused' when rejections were not confirmed (nothing was written).
   */
  readonly outcome: 'loaded' | 'unchanged' | 'dry-run' | 'refused';
  readonly dataset: number | null;
}

export interface ImportOptions {
  /** Where the incident is read from (and, with the default loader, where entries go). */
  db: D1Database;
  slug: string;
  file: string;
  pepper: Pepper;
  dryRun?: boolean;
  /**
   * --allow-empty: a list with a header and no rows is loaded ("we checked, and nobody matched").
   * Without it such a list is refused, as a truncated export would be.
   */
  allowEmpty?: boolean;
  progress: Progress;
  /** Checked between batches; when it returns true the import stops before switching anything on. */
  aborted?: () => boolean;
  /** Told when stopping is no longer possible: the new dataset is about to be switched on. */
  onSwitching?: () => void;
  spillEntries?: number;
  /** Hashing threads; one per core by default. */
  workers?: number;
  loader?: EntryLoader;
  /** --encoding: how the file is decoded (UTF-8 by default). */
  encoding?: ListEncoding;
  /** --ignore-column: header names whose columns are skipped. */
  ignoreColumns?: readonly string[];
  /** Where the reconciliation report is written; none without. */
  report?: string;
  /**
   * The operator's confirmation of the rejection count (--accept-rejected): a list with rejections is
   * loaded only when this equals their number. Unset means none are accepted.
   */
  acceptRejected?: number;
  /** How the incident's import lock is taken (dry runs take none): a saved token, the clear command. */
  lock?: Omit<LockRequest, 'incident'>;
  /** Told once the lock is held, so a process that must end at once can still release it. */
  onLocked?: (lock: HeldLock) => void;
}

/** The list has rejections the operator has not confirmed: nothing was loaded. */
export class RejectionsNotConfirmed extends OperatorError {
  override name = 'RejectionsNotConfirmed';
  readonly summary: ImportSummary;
  constructor(summary: ImportSummary, accepted: number | undefined) {
    const n = summary.rejections.toLocaleString('en');
    const where = summary.reportPath ? `the report ${summary.reportPath}` : 'the summary above';
    super(
      (accepted === undefined
        ? `The list has ${n} rejection${summary.rejections === 1 ? '' : 's'}: each is a person the portal would tell "not affected". `
        : `--accept-rejected ${accepted.toLocaleString('en')} does not match the ${n} rejection${summary.rejections === 1 ? '' : 's'} of this list. `) +
        `Nothing was loaded. See ${where} (line, column, reason); fix the list, or re-run with --accept-rejected ${summary.rejections} to load it without them.`,
    );
    this.summary = summary;
  }
}

export async function importList(o: ImportOptions): Promise<ImportSummary> {
  const incident = await loadIncident(o.db, o.slug);
  const salt = await incidentSalt(o.db, o.slug);
  if (!incident || !salt) throw new OperatorError(`Incident "${o.slug}" is not published. Run \`incident publish <file>\` first.`);
  const bits = await groupBits(o.db, o.slug);
  // Taken before the list is read, so a second import is refused at once instead of after hashing.
  const clearCommand = o.lock?.clearCommand ?? `npm run cli -- unlock --incident ${o.slug}`;
  const lock = o.dryRun ? undefined : await holdImportLock(o.db, { incident: o.slug, saved: o.lock?.saved, clearCommand });
  if (lock) o.onLocked?.(lock);
  const stores = new StoreLabels();
  const spill = new SortedSpill(o.spillEntries);
  try {
    // Reading is measured in the share of the file read, so the ETA holds before the row count is known.
    o.progress.start('Reading', 1);
    const report = await readList(
      o.file,
      {
        key: o.pepper.key,
        salt,
        groupBits: [...bits],
        orderIdPattern: incident.orderIdPattern?.source ?? null,
        secondFactor: incident.content.lookup.secondFactor,
      },
      stores,
      (records, count) => {
        if (o.aborted?.()) throw new ImportAborted('Import stopped while reading the list; nothing was switched on.');
        return spill.add(records, count);
      },
      (bytes, total, rows) => o.progress.update(bytes / total, rows),
      o.workers,
      { encoding: o.encoding, ignoreColumns: o.ignoreColumns, report: o.report },
    );
    o.progress.stop();
    if (excelPrecisionLoss(report.longOrderIds)) {
      throw new OperatorError(
        `Every one of the ${report.longOrderIds.count.toLocaleString('en')} order IDs of 16 or more digits ends in zeros after its 15th digit: ` +
          'Excel keeps only 15 significant digits of a number, so these order IDs were damaged when the export passed through it. ' +
          'Nothing was loaded. Re-export the order ID column as text (or from the source system, without Excel).',
      );
    }
    // First merged pass: what the set is, before anything is written.
    const labels = stores.labels();
    const set = new SetSummary(labels);
    for await (const batch of spill.merged()) set.update(batch.records, batch.count);
    const unique = set.entries;
    const summary = { ...report, uniqueIdentifiers: unique, perGroup: set.perGroup(bits), digest: set.digest() };
    if (o.dryRun) return { ...summary, outcome: 'dry-run', dataset: null };
    // Before anything is written: a rejection is someone who would be told "not affected".
    if (report.rejections !== (o.acceptRejected ?? 0)) throw new RejectionsNotConfirmed({ ...summary, outcome: 'refused', dataset: null }, o.acceptRejected);
    if (report.accepted === 0 && !(o.allowEmpty && report.rowsRead === 0 && report.rejections === 0)) {
      throw new OperatorError(
        report.rowsRead === 0
          ? 'The list has a header and no rows; nothing was loaded. If nobody matched, load it with --allow-empty: everyone will be told "not affected".'
          : 'No row of the list was accepted; nothing was loaded.',
      );
    }

    const loader = o.loader ?? d1BatchLoader(o.db);
    const loaded: LoadedDataset = await loader({
      slug: o.slug,
      set: {
        keyId: o.pepper.id,
        binding: expectedBinding(incident.content.lookup, { id: o.pepper.id, fingerprint: pepperFingerprint(o.pepper) }),
        contents: report.contents,
        digest: summary.digest,
        entries: unique,
        stores: labels,
      },
      batches: () => spill.merged(),
      progress: o.progress,
      aborted: o.aborted ?? (() => false),
      switching: o.onSwitching ?? (() => {}),
      lockToken: lock!.token,
    });
    return { ...summary, outcome: loaded.changed ? 'loaded' : 'unchanged', dataset: loaded.dataset };
  } finally {
    o.progress.stop();
    await spill.dispose();
    // A failed release must not hide why the import ended; the operator is told how to clear it.
    await lock?.release().catch(() => process.stderr.write(`Could not release the import lock of "${o.slug}"; clear it with: ${clearCommand}\n`));
  }
}
