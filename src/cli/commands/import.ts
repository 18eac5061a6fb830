/**
 * `import`: loads an incident's full affected list as a new dataset and switches it on. Identifiers are
 * normalised and hashed on this machine (src/cli/import/); only keyed hashes reach D1. The summary
 * prints counts and line numbers, never a value from the list.
 */
import { InvalidArgumentError, Option } from 'commander';
import { chunkedLoader, savedLockToken } from '../import/chunked-loader.ts';
import { knownColumnsHelp } from '../import/columns.ts';
import { type ListEncoding, parseEncoding } from '../import/encoding.ts';
import type { HeldLock } from '../import/import-lock.ts';
import { importList, type ImportSummary, RejectionsNotConfirmed } from '../import/import-list.ts';
import { localFileLoader } from '../import/local-loader.ts';
import { REJECTION_EXPLANATIONS } from '../import/rejection-reasons.ts';
import { openD1 } from '../d1/open.ts';
import { SqliteD1 } from '../d1/sqlite-d1.ts';
import { loadPepper } from '../pepper.ts';
import { progress } from '../progress.ts';
import type { CommandContext } from './context.ts';
import { unlockCommand } from './unlock.ts';

interface ImportCommandOptions {
  incident: string;
  file: string;
  dryRun?: boolean;
  allowEmpty?: boolean;
  acceptRejected?: number;
  report?: string;
  ignoreColumn: string[];
  encoding?: ListEncoding;
  chunked?: boolean;
  chunkEntries?: number;
}

function printSummary(s: ImportSummary) {
  const n = (v: number) => v.toLocaleString('en');
  const lines = [
    `Rows read:           ${n(s.rowsRead)}`,
    `Accepted:            ${n(s.accepted)} (rows that gave at least one entry)`,
    `Rejections:          ${n(s.rejections)}${s.rejections > 0 ? ' (fields or rows; each is a person the portal would tell "not affected")' : ''}`,
    ...Object.entries(s.rejected).map(
      ([reason, r]) =>
        `  ${reason}: ${n(r.count)} (lines ${r.lines.join(', ')}${r.count > r.lines.length ? ', …' : ''}): ${REJECTION_EXPLANATIONS[reason as keyof typeof REJECTION_EXPLANATIONS]}`,
    ),
    ...(s.reportPath ? [`Report:              ${s.reportPath} (line, column, reason; no values)`] : []),
    ...(s.ignoredColumns.length > 0 ? [`Ignored columns:     ${s.ignoredColumns.map((c) => JSON.stringify(c)).join(', ')}`] : []),
    ...(s.encoding !== 'utf-8' ? [`Encoding:            ${s.encoding}`] : []),
    `Unique identifiers:  ${n(s.uniqueIdentifiers)}`,
    ...Object.entries(s.perGroup).map(([code, count]) => `  group ${code}: ${n(count)}`),
    s.outcome === 'dry-run'
      ? `Dry run: nothing was loaded.${s.rejections > 0 ? ` Loading this list needs --accept-rejected ${s.rejections}.` : ''}`
      : s.outcome === 'refused'
        ? 'Not loaded: lookups still answer from the previous list.'
        : s.outcome === 'unchanged'
          ? `Unchanged: the active dataset ${s.dataset} already holds this list.`
          : `Loaded as dataset ${s.dataset} and switched on.`,
  ];
  console.log(lines.join('\n'));
}

/** A count as the summary prints it ("1,234") or plain. */
function rejectionCount(value: string): number {
  if (!/^(?:\d+|\d{1,3}(?:,\d{3})+)$/.test(value)) throw new InvalidArgumentError('give the number of rejections the summary reported, e.g. 12.');
  return Number(value.replaceAll(',', ''));
}

export function registerImport({ program, target: globalTarget }: CommandContext): void {
  program
    .command('import')
    .description('load the full affected list of an incident as a new dataset (CSV: email, order_id, groups[, store])')
    .requiredOption('--incident <slug>', 'incident slug')
    .requiredOption('--file <csv>', 'affected list; a header row, then one customer per row')
    .option('--dry-run', 'validate and count without loading anything (writes the report too)')
    .option('--accept-rejected <n>', 'load a list with rejections: n must equal their count', rejectionCount)
    .option('--allow-empty', 'load a list with a header and no rows: "we checked, and nobody matched"')
    .option('--report <path>', 'where the reconciliation report goes (default: <csv>.rejections.csv)')
    .option('--ignore-column <name>', 'skip a column the import does not know (repeatable)', (name: string, all: string[]) => [...all, name], [] as string[])
    .option('--encoding <name>', 'utf-8 (default) or shift_jis (also cp932, sjis, windows-31j)', (name: string) => parseEncoding(name))
    .addOption(new Option('--chunked', 'load through `wrangler d1 execute` in resumable chunks (always so with --remote)').hideHelp())
    .addOption(new Option('--chunk-entries <n>', 'entries per chunk of a chunked load').argParser(Number).hideHelp())
    .addHelpText('after', `\nRecognised column names (any case or width): ${knownColumnsHelp()}.`)
    .action(async (opts: ImportCommandOptions) => {
      const target = globalTarget();
      const pepper = loadPepper({ pepperFile: target.pepperFile, local: !target.remote });
      let stop = false;
      let switching = false;
      let held: HeldLock | undefined;
      // The import notices a Ctrl-C between batches and stops before switching anything on: lookups keep
      // answering from the previous list. A second one ends the process at once, with the same effect
      // (uncommitted entries are rolled back; the next import prunes the unfinished dataset).
      process.on('SIGINT', () => {
        if (switching) {
          process.stderr.write('\nThe new list is being switched on; finishing.\n');
          return;
        }
        process.stderr.write('\nImport stopped: nothing was switched on; lookups still answer from the previous list.\n');
        if (stop) {
          // Ending at once must not leave the incident locked against the next import.
          const gone = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
          void Promise.race([held?.release(), gone]).finally(() => process.exit(130));
          return;
        }
        stop = true;
      });
      const clearCommand = unlockCommand(target, opts.incident);
      const options = {
        slug: opts.incident,
        file: opts.file,
        pepper,
        dryRun: opts.dryRun ?? false,
        allowEmpty: opts.allowEmpty ?? false,
        progress: progress(),
        aborted: () => stop,
        onSwitching: () => (switching = true),
        encoding: opts.encoding,
        ignoreColumns: opts.ignoreColumn,
        report: opts.report ?? `${opts.file}.rejections.csv`,
        acceptRejected: opts.acceptRejected,
        onLocked: (lock: HeldLock) => (held = lock),
      };
      let summary: ImportSummary;
      try {
        // Locally the entries go straight into the D1 file; remotely (or --chunked) as resumable chunk files.
        const d1 = await openD1({ ...target, throughWrangler: opts.chunked });
        try {
          const loading =
            d1 instanceof SqliteD1
              ? { lock: { clearCommand }, loader: localFileLoader(d1) }
              : { lock: { saved: savedLockToken(d1, opts.incident), clearCommand }, loader: chunkedLoader(d1, { chunkEntries: opts.chunkEntries }) };
          summary = await importList({ ...options, db: d1.d1, ...loading });
        } finally {
          await d1.close();
        }
      } catch (err) {
        // Refused for unconfirmed rejections: the counts show what the operator is asked to confirm.
        if (err instanceof RejectionsNotConfirmed) printSummary(err.summary);
        throw err;
      }
      printSummary(summary);
    });
}
