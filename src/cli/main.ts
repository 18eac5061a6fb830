/**
 * The operator CLI: `npm run cli -- <command>`. It runs on the incident team's machine; identifiers are
 * normalised and hashed here, and only keyed hashes reach D1.
 */
import { Command, InvalidArgumentError, Option } from 'commander';

// Wrangler's informational lines ("Using secrets defined in .dev.vars") would land in stdout, which
// belongs to results (stats --csv, audit exports). Its warnings and errors still show.
process.env.WRANGLER_LOG ??= 'warn';

import { registerAudit } from './commands/audit.ts';
import type { CommandContext } from './commands/context.ts';
import { registerNotices } from './commands/notices.ts';
import { registerReach } from './commands/reach.ts';
import { registerStats } from './commands/stats.ts';
import { registerUnlock, unlockCommand } from './commands/unlock.ts';
import { openD1, withD1 } from './d1/open.ts';
import { SqliteD1 } from './d1/sqlite-d1.ts';
import { chunkedLoader, savedLockToken } from './import/chunked-loader.ts';
import type { HeldLock } from './import/import-lock.ts';
import { localFileLoader } from './import/local-loader.ts';
import { knownColumnsHelp } from './import/columns.ts';
import { type ListEncoding, parseEncoding } from './import/encoding.ts';
import { importList, type ImportSummary, RejectionsNotConfirmed } from './import/import-list.ts';
import { REJECTION_EXPLANATIONS } from './import/rejection-reasons.ts';
import { publishFile } from './load-incident.ts';
import { loadPepper } from './pepper.ts';
import { progress } from './progress.ts';

interface Target {
  remote?: boolean;
  persistTo?: string;
  pepperFile?: string;
}

const program = new Command('amiaffected')
  .description('Operator CLI for the amiaffected portal.')
  .showHelpAfterError()
  .configureHelp({ showGlobalOptions: true });

program
  .addOption(new Option('--local', 'work on the local D1 database used by `npm start` (default)').conflicts('remote'))
  .addOption(new Option('--remote', 'work on the D1 database in your Cloudflare account'))
  .option('--persist-to <dir>', 'local D1 state directory (as wrangler --persist-to)')
  .option('--pepper-file <file>', 'read the pepper from this file instead of PEPPER or .dev.vars');

const incident = program.command('incident').description('incident definitions');
incident
  .command('publish')
  .description('validate an incident definition (JSON) and publish it')
  .argument('<file>', 'incident definition, e.g. demo/demo.incident.json')
  .action(async (file: string) => {
    const result = await withD1(program.opts<Target>(), (db) => publishFile(db, file));
    console.log(`Incident "${result.slug}": ${result.created ? 'published' : result.changed ? 'updated' : 'unchanged'}.`);
    if (result.listStopsAnswering) console.error(`Warning: ${result.listStopsAnswering}`);
    for (const line of result.advice) console.error(`Note: ${line}`);
  });

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

/** A count as the summary prints it ("1,234") or plain. */
function rejectionCount(value: string): number {
  if (!/^(?:\d+|\d{1,3}(?:,\d{3})+)$/.test(value)) throw new InvalidArgumentError('give the number of rejections the summary reported, e.g. 12.');
  return Number(value.replaceAll(',', ''));
}

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
    const target = program.opts<Target>();
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

const context: CommandContext = {
  program,
  target: () => program.opts<Target>(),
  withDb: (run) => withD1(program.opts<Target>(), run),
};
registerNotices(context);
registerReach(context);
registerStats(context);
registerAudit(context);
registerUnlock(context);

try {
  await program.parseAsync();
} catch (err) {
  // No stack trace, and no value from a file: library messages can quote what they read (src/cli/redact.ts).
  const { operatorMessage } = await import('./redact.ts');
  console.error(`Error: ${operatorMessage(err)}`);
  process.exitCode = 1;
}
