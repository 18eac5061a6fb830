/**
 * The operator CLI: `npm run cli -- <command>`. It runs on the incident team's machine; identifiers are
 * normalised and hashed here, and only keyed hashes reach D1.
 */
import { Command, Option } from 'commander';
import type { CommandContext } from './commands/context.ts';
import { registerNotices } from './commands/notices.ts';
import { registerStats } from './commands/stats.ts';
import { openLocalD1 } from './d1.ts';
import { importList, type ImportSummary } from './import/import-list.ts';
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

async function withDb<T>(target: Target, run: (db: D1Database) => Promise<T>): Promise<T> {
  if (target.remote) {
    throw new Error('--remote is not available in this version: run the CLI against local D1.');
  }
  const d1 = await openLocalD1(target.persistTo);
  try {
    return await run(d1.db);
  } finally {
    await d1.close();
  }
}

const incident = program.command('incident').description('incident definitions');
incident
  .command('publish')
  .description('validate an incident definition (JSON) and publish it')
  .argument('<file>', 'incident definition, e.g. demo/demo.incident.json')
  .action(async (file: string) => {
    const result = await withDb(program.opts<Target>(), (db) => publishFile(db, file));
    console.log(`Incident "${result.slug}": ${result.created ? 'published' : result.changed ? 'updated' : 'unchanged'}.`);
  });

function printSummary(s: ImportSummary) {
  const lines = [
    `Rows read:           ${s.rowsRead.toLocaleString('en')}`,
    `Accepted:            ${s.accepted.toLocaleString('en')}`,
    `Rejected:            ${(s.rowsRead - s.accepted).toLocaleString('en')}`,
    ...Object.entries(s.rejected).map(
      ([reason, r]) => `  ${reason}: ${r.count.toLocaleString('en')} (lines ${r.lines.join(', ')}${r.count > r.lines.length ? ', …' : ''})`,
    ),
    `Unique identifiers:  ${s.uniqueIdentifiers.toLocaleString('en')}`,
    ...Object.entries(s.perGroup).map(([code, n]) => `  group ${code}: ${n.toLocaleString('en')}`),
    s.outcome === 'dry-run'
      ? 'Dry run: nothing was loaded.'
      : s.outcome === 'unchanged'
        ? `Unchanged: the active dataset ${s.dataset} already holds this list.`
        : `Loaded as dataset ${s.dataset} and switched on.`,
  ];
  console.log(lines.join('\n'));
}

program
  .command('import')
  .description('load the full affected list of an incident as a new dataset (CSV: email, order_id, groups[, store])')
  .requiredOption('--incident <slug>', 'incident slug')
  .requiredOption('--file <csv>', 'affected list; a header row, then one customer per row')
  .option('--dry-run', 'validate and count without loading anything')
  .action(async (opts: { incident: string; file: string; dryRun?: boolean }) => {
    const target = program.opts<Target>();
    const pepper = loadPepper({ pepperFile: target.pepperFile, local: !target.remote });
    let stop = false;
    // The local D1 proxy ends the process on Ctrl-C right after this handler, so say what that means now.
    // Either way the new dataset is never switched on: lookups keep answering from the previous list.
    process.once('SIGINT', () => {
      stop = true;
      process.stderr.write('\nImport stopped: nothing was switched on; lookups still answer from the previous list.\n');
    });
    const summary = await withDb(target, (db) =>
      importList({ db, slug: opts.incident, file: opts.file, pepper, dryRun: opts.dryRun ?? false, progress: progress(), aborted: () => stop }),
    );
    printSummary(summary);
  });

const context: CommandContext = {
  program,
  target: () => program.opts<Target>(),
  withDb: (run) => withDb(program.opts<Target>(), run),
};
registerNotices(context);
registerStats(context);

try {
  await program.parseAsync();
} catch (err) {
  // Operator-facing errors are written to be read as they are; no stack trace, no values from files.
  console.error(`Error: ${(err as Error).message}`);
  process.exitCode = 1;
}
