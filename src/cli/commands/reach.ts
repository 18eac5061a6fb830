/**
 * `reach`: how far the notices of an incident got. Notices issued and opened, by channel and by the
 * answer they carried; the opened share day by day since the first notice; the verify checks. Only
 * numbers: D1 keeps no more than the day each notice link was first opened, and this prints no code,
 * address or hash.
 */
import { stringify } from 'csv-stringify/sync';
import { percent, type Reached, type ReachReport, summariseReach } from '../../core/reach.ts';
import { utcDay } from '../../core/dates.ts';
import { incidentSalt } from '../../data/incidents.ts';
import { readReach } from '../../data/reach.ts';
import { csvSafeCast } from '../csv-safe.ts';
import { OperatorError } from '../redact.ts';
import type { CommandContext } from './context.ts';

const ANSWER_NAMES: Record<string, string> = {
  affected: 'affected',
  not_affected: 'not affected',
  under_investigation: 'open: under investigation',
  no_exposure_confirmed: 'open: no exposure confirmed',
};
const answerName = (answer: string | null) => (answer === null ? 'not recorded (older notices)' : ANSWER_NAMES[answer]!);

const CSV_COLUMNS = ['row', 'channel', 'answer', 'day', 'issued', 'opened', 'share', 'lookups', 'affected', 'notice_opens', 'verify_checks'] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

const n = (v: number) => v.toLocaleString('en');

/** Columns padded to their widest cell: the first one left-aligned, the numbers right-aligned. */
function table(header: string[], body: string[][]): string {
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

const reachedCells = (r: Reached) => [n(r.issued), n(r.opened), percent(r.share)];

function text(slug: string, r: ReachReport): string {
  if (r.total.issued === 0) {
    return [`No notices issued for "${slug}" yet.`, `Verify checks: ${n(r.verifyChecks)}`].join('\n');
  }
  const since = r.days.filter((d) => d.day >= r.firstNotice!);
  return [
    `Notices of "${slug}": ${n(r.total.issued)} issued, ${n(r.total.opened)} opened (${percent(r.total.share)}).`,
    '',
    table(['channel', 'issued', 'opened', 'share'], r.byChannel.map((c) => [c.channel, ...reachedCells(c)])),
    '',
    table(['answer at issue', 'issued', 'opened', 'share'], r.byAnswer.map((a) => [answerName(a.answer), ...reachedCells(a)])),
    '',
    'Opened share over time (UTC day; notices issued and opened up to that day):',
    table(['day', 'issued', 'opened', 'share'], since.map((d) => [d.day, ...reachedCells(d)])),
    '',
    `Verify checks: ${n(r.verifyChecks)} (all codes of this incident, from the daily counters)`,
  ].join('\n');
}

/** One CSV: a total row, rows per channel, per answer and per channel and answer, then one per UTC day. */
function csvRows(r: ReachReport): CsvRow[] {
  const share = (v: number | null) => (v === null ? '' : v.toFixed(4));
  const reached = (x: Reached) => ({ issued: x.issued, opened: x.opened, share: share(x.share) });
  return [
    { row: 'total', ...reached(r.total), verify_checks: r.verifyChecks },
    ...r.byChannel.map((c) => ({ row: 'channel', channel: c.channel, ...reached(c) })),
    ...r.byAnswer.map((a) => ({ row: 'answer', answer: a.answer ?? '', ...reached(a) })),
    ...r.cells.map((c) => ({ row: 'channel_answer', channel: c.channel, answer: c.answer ?? '', issued: c.issued, opened: c.opened, share: share(c.opened / c.issued) })),
    ...r.days.map((d) => ({
      row: 'day',
      day: d.day,
      ...reached(d),
      lookups: d.lookups,
      affected: d.affected,
      notice_opens: d.noticeOpens,
      verify_checks: d.verifyChecks,
    })),
  ];
}

export function registerReach({ program, withDb }: CommandContext): void {
  program
    .command('reach')
    .description('notices issued and opened, by channel and by answer, and the opened share per UTC day (numbers only)')
    .requiredOption('--incident <slug>', 'incident slug')
    .option('--csv', 'print CSV instead of tables (day rows: issued, opened and share up to that day, plus that day’s counters)')
    .action(async (opts: { incident: string; csv?: boolean }) => {
      const report = await withDb(async (db) => {
        if (!(await incidentSalt(db, opts.incident))) throw new OperatorError(`Incident "${opts.incident}" is not published.`);
        return summariseReach(await readReach(db, opts.incident), utcDay(new Date()));
      });
      // Every cell is a number, a fixed word or a date; neutralised anyway, like every CSV the CLI writes.
      if (opts.csv) process.stdout.write(stringify(csvRows(report), { header: true, columns: [...CSV_COLUMNS], cast: csvSafeCast }));
      else console.log(text(opts.incident, report));
    });
}
