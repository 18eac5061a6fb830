/** `notices`: the mail-merge file with every recipient's answer-first notice, code and link. */
import { Option } from 'commander';
import type { Jurisdiction } from '../../core/legal-items.ts';
import { issueNotices } from '../notices/issue-notices.ts';
import { legalGapsWarning, parseJurisdiction } from '../notices/jurisdiction.ts';
import { loadPepper } from '../pepper.ts';
import { progress } from '../progress.ts';
import { type CommandContext, rejectionLines } from './context.ts';

/**
 * Said after every notices run whose list holds people known by order ID alone: their email notice says
 * "not affected" because the list has no address for them. Only the operator can reach them otherwise.
 */
function orderIdOnlyWarning(slug: string, count: number | null): string {
  const who = count === null ? 'Some people' : `${count.toLocaleString('en')} ${count === 1 ? 'person' : 'people'}`;
  return (
    `Warning: ${who} in the affected list of "${slug}" ${count === 1 ? 'is' : 'are'} known by order ID alone (no email address in their row). ` +
    'A notice to their email address cannot find them and says "not affected". Import the list with their email addresses ' +
    'beside the order IDs and write the notices again, or reach them another way (a letter for the order).'
  );
}

export function registerNotices({ program, target, withDb }: CommandContext): void {
  program
    .command('notices')
    .description('write the notice mail-merge file (email, locale, affected, code, link, subject, body) for every recipient')
    .requiredOption('--incident <slug>', 'incident slug')
    .requiredOption('--recipients <csv>', 'everyone to notify: an "email" column; optional "locale" (ja|en) and "store"')
    .requiredOption('--out <csv>', 'the mail-merge file to write')
    .requiredOption('--base-url <url>', "the portal's public address, e.g. https://check.example.com")
    .option('--force', 'overwrite --out if it exists')
    .addOption(
      new Option('--jurisdiction <law>', "check the incident against that law's notice items first (refuse if any is missing) and use its headings: jp, us-ca or eu")
        .argParser(parseJurisdiction),
    )
    .action(async (opts: { incident: string; recipients: string; out: string; baseUrl: string; force?: boolean; jurisdiction?: Jurisdiction }) => {
      const t = target();
      const pepper = loadPepper({ pepperFile: t.pepperFile, local: !t.remote });
      const s = await withDb((db) =>
        issueNotices({
          db,
          slug: opts.incident,
          recipients: opts.recipients,
          out: opts.out,
          baseUrl: opts.baseUrl,
          pepper,
          progress: progress(),
          force: opts.force ?? false,
          jurisdiction: opts.jurisdiction,
        }),
      );
      console.log(
        [
          `Rows read:     ${s.rowsRead.toLocaleString('en')}`,
          `Notices:       ${s.written.toLocaleString('en')} (affected ${s.affected.toLocaleString('en')}, not affected ${s.notAffected.toLocaleString('en')}, still open ${s.open.toLocaleString('en')}; ja ${s.perLocale.ja.toLocaleString('en')}, en ${s.perLocale.en.toLocaleString('en')})`,
          `Rejected:      ${(s.rowsRead - s.written).toLocaleString('en')}`,
          ...rejectionLines(s.rejected),
          `Written to ${opts.out}. It holds addresses and codes in plain text: keep it on this machine and delete it once the mailing is sent.`,
        ].join('\n'),
      );
      if (s.orderIdOnly !== 0) console.error(orderIdOnlyWarning(opts.incident, s.orderIdOnly));
      const legal = legalGapsWarning(opts.incident, s.legalGaps);
      if (legal) console.error(legal);
    });
}
