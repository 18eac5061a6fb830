/** `stats`: the counters per incident and day. Numbers only; D1 holds nothing else about visitors. */
import { stringify } from 'csv-stringify/sync';
import { readStats, STAT_FIELDS, type StatRow } from '../../data/stats.ts';
import { csvSafeCast } from '../csv-safe.ts';
import type { CommandContext } from './context.ts';
import { fromOption, toOption } from './options.ts';

function table(rows: readonly StatRow[]): string {
  const header = ['incident', 'day', ...STAT_FIELDS];
  const totals = STAT_FIELDS.map((f) => rows.reduce((sum, r) => sum + r[f], 0));
  const body = rows.map((r) => [r.incident || '(unknown code)', r.day, ...STAT_FIELDS.map((f) => r[f].toLocaleString('en'))]);
  const all = [header, ...body, ['total', '', ...totals.map((t) => t.toLocaleString('en'))]];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

export function registerStats({ program, withDb }: CommandContext): void {
  program
    .command('stats')
    .description('aggregate counters per incident and UTC day: lookups, affected answers, notice links opened, verify checks')
    .option('--incident <slug>', 'only this incident')
    .addOption(fromOption('first day, YYYY-MM-DD'))
    .addOption(toOption('last day, YYYY-MM-DD'))
    .option('--csv', 'print CSV instead of a table')
    .action(async (opts: { incident?: string; from?: string; to?: string; csv?: boolean }) => {
      const filter = { incident: opts.incident, from: opts.from, to: opts.to };
      const rows = await withDb((db) => readStats(db, filter));
      // The incident slug is the one text cell; neutralised like every CSV cell the CLI writes.
      if (opts.csv) process.stdout.write(stringify(rows, { header: true, columns: ['incident', 'day', ...STAT_FIELDS], cast: csvSafeCast }));
      else if (rows.length === 0) console.log('No counts recorded for this selection yet.');
      else console.log(table(rows));
    });
}
