/**
 * `audit`: the support console's audit log, newest first, as a table or CSV. Rows name the agent, the
 * time, the incident, the kind of identifier and its keyed hash (never the identifier), the answer and
 * whether the agent was past the hourly limit. The same keyed hash in rows of several agents is the
 * same customer looked up more than once.
 */
import { stringify } from 'csv-stringify/sync';
import { type AuditRow, readAudit } from '../../data/audit.ts';
import { csvSafeCast } from '../csv-safe.ts';
import { OperatorError } from '../redact.ts';
import type { CommandContext } from './context.ts';
import { dayAfter, fromOption, toOption } from './options.ts';

const COLUMNS = ['at', 'agent', 'action', 'incident', 'identifierKind', 'hash', 'answer', 'groups', 'overLimit'] as const;

function cells(r: AuditRow): string[] {
  return [r.at, r.agent, r.action, r.incident, r.identifierKind ?? '', r.hash ?? '', r.answer, r.groups === null ? '' : String(r.groups), r.overLimit ? 'yes' : ''];
}

function table(rows: readonly AuditRow[]): string {
  const header = ['at (UTC)', 'agent', 'action', 'incident', 'kind', 'keyed hash', 'answer', 'groups', 'over limit'];
  const all = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export function registerAudit({ program, withDb }: CommandContext): void {
  program
    .command('audit')
    .description('the support console audit log: agent lookups and contact codes (newest first)')
    .option('--agent <id>', 'only this agent (their Access email, or dev:<name>; case is ignored)')
    .option('--incident <slug>', 'only this incident')
    .addOption(fromOption('first day, YYYY-MM-DD (UTC)'))
    .addOption(toOption('last day, YYYY-MM-DD (UTC, inclusive)'))
    .option('--flagged', 'only rows past the agent’s hourly limit')
    .option('--limit <n>', 'at most this many rows', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new OperatorError(`--limit must be a positive whole number (got "${v}").`);
      return n;
    })
    .option('--csv', 'print CSV instead of a table')
    .action(async (opts: { agent?: string; incident?: string; from?: string; to?: string; flagged?: boolean; limit?: number; csv?: boolean }) => {
      const filter = {
        agent: opts.agent,
        incident: opts.incident,
        from: opts.from,
        before: opts.to && dayAfter(opts.to),
        flagged: opts.flagged ?? false,
        limit: opts.limit,
      };
      const rows = await withDb((db) => readAudit(db, filter));
      // The agent comes from the identity provider, so it is text an outsider may have chosen.
      if (opts.csv) process.stdout.write(stringify(rows.map(cells), { header: true, columns: [...COLUMNS], cast: csvSafeCast }));
      else if (rows.length === 0) console.log('No audit rows for this selection.');
      else console.log(table(rows));
    });
}
