/** `notices`: every recipient's answer-first notice, code and link, as email, letters or SMS; or a preview. */
import { Option } from 'commander';
import type { Jurisdiction } from '../../core/legal-items.ts';
import { emailChannel } from '../notices/email-csv.ts';
import { parseWindow, selectFollowUp } from '../notices/follow-up.ts';
import { legalGapsWarning, parseJurisdiction } from '../notices/jurisdiction.ts';
import { issueNotices, type NoticesOptions, NoticesRefused, type NoticesSummary, parseBaseUrl } from '../notices/issue-notices.ts';
import { letterChannel, letterManifestPath } from '../notices/letters/letter-channel.ts';
import { previewNotices } from '../notices/preview.ts';
import { CHANNELS, type Channel, type ChannelName } from '../notices/sink.ts';
import { smsChannel } from '../notices/sms.ts';
import { loadPepper } from '../pepper.ts';
import { progress } from '../progress.ts';
import { type CommandContext, rejectionLines, type Target } from './context.ts';

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

interface NoticesCommandOptions {
  incident: string;
  recipients?: string;
  channel?: ChannelName;
  out?: string;
  outDir?: string;
  preview?: number;
  baseUrl: string;
  force?: boolean;
  /** `--jurisdiction`: the law whose items are checked first and whose headings every channel follows. */
  jurisdiction?: Jurisdiction;
  followUp?: boolean;
  from?: string;
  notOpenedFor: string;
}

/** The channel the options ask for, refused when its output options do not fit it. */
function channelFor(opts: NoticesCommandOptions): Channel {
  const channel = opts.channel ?? 'email';
  if (channel === 'letter') {
    if (!opts.out === !opts.outDir) throw new NoticesRefused('Letters need either --out letters.pdf (one PDF) or --out-dir DIR (one PDF per recipient).');
    return letterChannel({ out: opts.out, outDir: opts.outDir, jurisdiction: opts.jurisdiction ?? null });
  }
  if (!opts.out || opts.outDir) throw new NoticesRefused(`The ${channel} channel writes one CSV file: give --out <file.csv> (and no --out-dir).`);
  return channel === 'sms' ? smsChannel(opts.out) : emailChannel(opts.out, opts.jurisdiction);
}

function written(opts: NoticesCommandOptions): string {
  if (opts.outDir) return `Written to ${opts.outDir}/ (one PDF per recipient, and manifest.csv).`;
  if (opts.channel === 'letter') return `Written to ${opts.out}, with ${letterManifestPath(opts.out!)} saying which pages hold whose letter.`;
  return `Written to ${opts.out}.`;
}

function summaryLines(s: NoticesSummary, channel: Channel, opts: NoticesCommandOptions): string[] {
  return [
    `Rows read:     ${s.rowsRead.toLocaleString('en')}`,
    `Notices:       ${s.written.toLocaleString('en')} by ${channel.name === 'sms' ? 'SMS' : channel.name} (affected ${s.affected.toLocaleString('en')}, not affected ${s.notAffected.toLocaleString('en')}, still open ${s.open.toLocaleString('en')}; ja ${s.perLocale.ja.toLocaleString('en')}, en ${s.perLocale.en.toLocaleString('en')})`,
    `Rejected:      ${(s.rowsRead - s.written).toLocaleString('en')}`,
    ...rejectionLines(s.rejected),
    `${written(opts)} It holds addresses and codes in plain text: keep it on this machine and delete it once the notices are sent.`,
  ];
}

/** What issueNotices takes from the command line, the same for a first run and a follow-up. */
function issueOptions(opts: NoticesCommandOptions, target: Target): Omit<NoticesOptions, 'db' | 'recipients'> {
  return {
    slug: opts.incident,
    channel: channelFor(opts),
    baseUrl: opts.baseUrl,
    pepper: loadPepper({ pepperFile: target.pepperFile, local: !target.remote }),
    progress: progress(),
    force: opts.force ?? false,
    jurisdiction: opts.jurisdiction,
  };
}

/** `--follow-up`: the unopened notices of an earlier file, again, on the channel now chosen. */
async function followUp(opts: NoticesCommandOptions, target: CommandContext['target'], withDb: CommandContext['withDb']): Promise<void> {
  if (!opts.from) throw new NoticesRefused('--follow-up needs --from <file>: the notices file of the earlier run.');
  if (opts.recipients) throw new NoticesRefused('--follow-up reads its recipients from --from; leave out --recipients.');
  const window = parseWindow(opts.notOpenedFor);
  const issue = issueOptions(opts, target());
  const { selection, summary } = await withDb(async (db) => {
    const selection = await selectFollowUp({ db, slug: opts.incident, from: opts.from!, window, now: new Date() });
    try {
      if (selection.selected === 0) return { selection, summary: null };
      const summary = await issueNotices({ ...issue, db, recipients: selection.recipients, reuseCodes: selection.codes });
      return { selection, summary };
    } finally {
      selection.dispose();
    }
  });
  const lines = [
    `Follow-up:     ${selection.selected.toLocaleString('en')} of ${selection.rowsRead.toLocaleString('en')} notices in ${opts.from} were never opened in ${opts.notOpenedFor} or more; each keeps its code.`,
  ];
  if (selection.unknown > 0) {
    lines.push(`Not ours:      ${selection.unknown.toLocaleString('en')} rows carry no notice code of "${opts.incident}" (another incident's file, or an edited code); they were left out.`);
  }
  if (summary) {
    // Rejections name lines of --from, the file the operator holds, not of the temporary selection.
    for (const r of Object.values(summary.rejected)) r!.lines = r!.lines.map(selection.sourceLine);
    lines.push(...summaryLines(summary, issue.channel, opts));
  }
  else lines.push('Nobody to follow up: nothing was written.');
  console.log(lines.join('\n'));
}

export function registerNotices({ program, target, withDb }: CommandContext): void {
  program
    .command('notices')
    .description('write every recipient\'s notice (email mail-merge CSV, print-ready letters, or SMS texts), or preview samples')
    .requiredOption('--incident <slug>', 'incident slug')
    .option('--recipients <csv>', 'everyone to notify: "email"; optional "locale" (ja|en), "store"; letters: "name", "postcode", "address1"–"address3"; SMS: "phone"')
    .addOption(new Option('--channel <channel>', 'how the notices go out (default: email)').choices(CHANNELS))
    .option('--out <file>', 'the file to write: the mail-merge CSV, letters.pdf, or the SMS CSV')
    .option('--out-dir <dir>', 'letters: one PDF per recipient in this new folder; --preview: where the samples go')
    .option('--preview <n>', 'render n sample notices per channel and language to --out-dir; stores nothing', (v: string) => Number(v))
    .requiredOption('--base-url <url>', "the portal's public address, e.g. https://check.example.com")
    .option('--force', 'overwrite outputs that exist')
    .option('--follow-up', 'notices again, on --channel, for the people of an earlier notices file (--from) who never opened theirs; each keeps their code')
    .option('--from <file>', '--follow-up: the earlier notices file (the email CSV, the letters manifest or the SMS CSV)')
    .option('--not-opened-for <window>', '--follow-up: how long a notice must have gone unopened, e.g. 14d or 36h', '14d')
    .addOption(
      new Option('--jurisdiction <law>', "check the incident against that law's notice items first (refuse if any is missing) and use its headings: jp, us-ca or eu")
        .argParser(parseJurisdiction),
    )
    .action(async (opts: NoticesCommandOptions) => {
      if (opts.preview !== undefined) {
        if (!opts.outDir) throw new NoticesRefused('--preview writes its samples to a folder: give --out-dir DIR.');
        const baseUrl = parseBaseUrl(opts.baseUrl);
        const channels = opts.channel ? [opts.channel] : [...CHANNELS];
        const s = await withDb((db) => previewNotices({ db, slug: opts.incident, count: opts.preview!, outDir: opts.outDir!, baseUrl, channels, jurisdiction: opts.jurisdiction ?? null, force: opts.force ?? false }));
        console.log(
          [
            `Samples:       ${s.samples} per channel and language (${channels.join(', ')}; ja, en). Nothing was stored; the sample codes verify as "not issued".`,
            `Written to ${opts.outDir}/: ${s.files.filter((f) => !f.endsWith('.png')).join(', ')}`,
            s.pngs === null ? 'Letters were not rendered as PNG: install poppler-utils (pdftoppm) for that.' : `Letter pages as PNG: ${s.pngs}`,
          ].join('\n'),
        );
        return;
      }
      if (opts.followUp) return followUp(opts, target, withDb);
      if (!opts.recipients) throw new NoticesRefused('Give the recipients file: --recipients <csv> (or --preview n for samples).');
      const issue = issueOptions(opts, target());
      const s = await withDb((db) => issueNotices({ ...issue, db, recipients: opts.recipients! }));
      console.log(summaryLines(s, issue.channel, opts).join('\n'));
      if (s.orderIdOnly !== 0) console.error(orderIdOnlyWarning(opts.incident, s.orderIdOnly));
      const legal = legalGapsWarning(opts.incident, s.legalGaps);
      if (legal) console.error(legal);
    });
}
