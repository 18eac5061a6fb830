/**
 * `notices`: the mail-merge file for every notified customer, affected or not. Each recipient gets a
 * fresh notice code; D1 stores only the code's hash and the recipient's keyed hash, so the link shows
 * the *current* answer even if the scope grows later. The file is written next to --out and renamed
 * into place only when complete, so a failed run never leaves a half file that looks finished.
 *
 *   recipients CSV (stream) → normalise + keyed hash → batch: entries in the active dataset → answer
 *   → notice text → codes stored (one transaction per batch) → rows appended to the file
 */
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { parse, type CsvError } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { FACTOR_COLUMNS } from '../../core/affected-set.ts';
import { codeHash, newCode, normaliseCode } from '../../core/codes.ts';
import { affectedFlag, decide, listUse } from '../../core/decide.ts';
import { LOCALES, type Locale } from '../../core/incident.ts';
import { bindingMismatch, expectedBinding, subjectBindingText, subjectKind } from '../../core/dataset-binding.ts';
import { identifierHash, readIdentifier } from '../../core/identifier.ts';
import { keyedHasher, type Pepper, pepperFingerprint } from '../../core/keyed-hash.ts';
import { describeMismatch } from '../binding-message.ts';
import { foldColumnName, knownColumn } from '../import/columns.ts';
import { noticeText } from '../../answer-text/notice-email.ts';
import { type CodeRecord, entriesFor, insertCodes, loadIncident } from '../../data/db.ts';
import { csvSafeCast } from '../csv-safe.ts';
import { checkLegalItems, type LegalGaps } from './jurisdiction.ts';
import type { Jurisdiction } from '../../core/legal-items.ts';
import type { Progress } from '../progress.ts';
import { OperatorError } from '../operator-error.ts';

export type RecipientRejection = 'no_email' | 'invalid_email' | 'no_factor' | 'invalid_factor' | 'unknown_locale' | 'duplicate' | 'malformed_csv';

export interface NoticesSummary {
  rowsRead: number;
  written: number;
  affected: number;
  notAffected: number;
  /** Notices whose answer is still open: under investigation, or no exposure confirmed. */
  open: number;
  perLocale: Record<Locale, number>;
  rejected: Partial<Record<RecipientRejection, { count: number; lines: number[] }>>;
  /**
   * People the active list knows by an order ID alone (null: the list predates that count, and holds
   * order IDs). A notice to their email address finds no entry, so it says "not affected".
   */
  orderIdOnly: number | null;
  /** Without a jurisdiction: the legal items each law would still miss (with one, a gap refuses the run). */
  legalGaps: LegalGaps;
}

export class NoticesRefused extends OperatorError {
  override name = 'NoticesRefused';
}

export interface NoticesOptions {
  db: D1Database;
  slug: string;
  recipients: string;
  out: string;
  baseUrl: string;
  pepper: Pepper;
  progress: Progress;
  /** Overwrite an existing output file. */
  force?: boolean;
  /** The law the notices must satisfy: its items are checked first, and the notices follow its headings. */
  jurisdiction?: Jurisdiction | undefined;
  now?: () => Date;
}

/** Recipients answered and stored per round trip. */
const BATCH = 500;
const LINES_KEPT_PER_REASON = 20;
const OUTPUT_COLUMNS = ['email', 'locale', 'answer', 'affected', 'code', 'link', 'subject', 'body'] as const;

/** Checks and tidies --base-url: an absolute http(s) URL, kept without a trailing slash. */
export function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new NoticesRefused(`--base-url must be the portal's full address, like https://check.example.com (got "${raw}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new NoticesRefused('--base-url must start with https://');
  if (url.search || url.hash) throw new NoticesRefused('--base-url must not carry a query or fragment.');
  return url.href.replace(/\/+$/, '');
}

interface Pending {
  email: string; // as written in the file: the address the mail merge sends to
  locale: Locale;
  store: string | null;
  subject: Uint8Array;
}

const LOCALE_NAMES = new Set(['locale', 'language', 'lang', '言語'].map(foldColumnName));

/**
 * The recipients file's columns under the names the import knows too ("メールアドレス" is `email`,
 * "郵便番号" is `postcode`), plus `locale`; other columns (names, addresses for the mail merge) are kept
 * as written. A column named twice is refused: which of the two addresses would get the notice?
 */
function recipientColumns(header: string[]): string[] {
  const names = header.map((h) => knownColumn(h) ?? (LOCALE_NAMES.has(foldColumnName(h)) ? 'locale' : h.trim().toLowerCase()));
  const twice = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (twice) throw new NoticesRefused(`The recipients file names the column "${twice}" twice (under two names, or the same one).`);
  return names;
}

export async function issueNotices(o: NoticesOptions): Promise<NoticesSummary> {
  const baseUrl = parseBaseUrl(o.baseUrl);
  if (existsSync(o.out) && !o.force) {
    throw new NoticesRefused(`${o.out} already exists. Its codes may already be in customers' hands: choose another --out, or pass --force.`);
  }
  const incident = await loadIncident(o.db, o.slug);
  if (!incident) throw new NoticesRefused(`Incident "${o.slug}" is not published. Run \`incident publish <file>\` first.`);
  const legalGaps = checkLegalItems(incident, o.jurisdiction);
  // Investigating without a list, or no exposure confirmed: every notice says so, and no list is read.
  // Its codes are hashed as a list imported later will be, so the same link then shows the person's answer.
  const usesList = listUse(incident.status) === 'required' || (listUse(incident.status) === 'optional' && incident.activeDataset !== null);
  if (listUse(incident.status) === 'required' && incident.activeDataset === null) {
    throw new NoticesRefused(`Incident "${o.slug}" has no affected list yet: run \`import\` first, so every notice can carry its answer.`);
  }
  // The same check as every lookup: a list made with another pepper, mode, rule or normalisation than
  // this run would hash recipients differently, and every notice would say "not affected".
  const expected = expectedBinding(incident.content.lookup, { id: o.pepper.id, fingerprint: pepperFingerprint(o.pepper) });
  if (usesList) {
    const causes = bindingMismatch(incident.binding, expected);
    if (causes.length > 0) throw new NoticesRefused(describeMismatch(o.slug, causes, incident.binding, expected));
    if (incident.contents === null) throw new NoticesRefused(describeMismatch(o.slug, ['unbound'], null, expected));
    if (incident.contents.emails === 0) {
      throw new NoticesRefused(
        `The active list of "${o.slug}" holds no email addresses: every notice would say "not affected". Import a list with the customers' email addresses first.`,
      );
    }
  }
  const subjectBinding = subjectBindingText(expected, subjectKind(expected));
  const rules = { secondFactor: incident.content.lookup.secondFactor, orderIdPattern: incident.orderIdPattern };
  const factor = rules.secondFactor;
  const hash = keyedHasher(o.pepper);
  const now = o.now ?? (() => new Date());

  const contents = usesList ? incident.contents : null;
  const orderIdOnly = !contents || contents.orderIds === 0 ? 0 : (contents.orderIdOnly ?? null);
  const summary: NoticesSummary = { rowsRead: 0, written: 0, affected: 0, notAffected: 0, open: 0, perLocale: { ja: 0, en: 0 }, rejected: {}, orderIdOnly, legalGaps };
  const reject = (reason: RecipientRejection, line: number) => {
    const r = (summary.rejected[reason] ??= { count: 0, lines: [] });
    r.count++;
    if (r.lines.length < LINES_KEPT_PER_REASON) r.lines.push(line);
  };

  const partial = `${o.out}.partial`;
  const file = createWriteStream(partial, { mode: 0o600 });
  // Every cell can carry text from the recipients file (the address, the store label inside the body):
  // none may reach a spreadsheet as a formula (src/cli/csv-safe.ts).
  const csv = stringify({ header: true, columns: [...OUTPUT_COLUMNS], quoted_string: true, record_delimiter: '\r\n', cast: csvSafeCast });
  csv.pipe(file);
  const written = once(file, 'finish');
  // Recipients already in this file, by keyed hash (never by address), so nobody gets two notices.
  const seen = new Set<string>();
  const totalBytes = statSync(o.recipients).size;
  const input = createReadStream(o.recipients);
  let ok = false;

  const flush = async (batch: Pending[]) => {
    if (batch.length === 0) return;
    const entries = usesList ? await entriesFor(o.db, incident.activeDataset!, batch.map((p) => p.subject)) : new Map();
    const issuedAt = now().toISOString();
    const codes: CodeRecord[] = [];
    const rows: Record<(typeof OUTPUT_COLUMNS)[number], string>[] = [];
    for (const p of batch) {
      const code = newCode();
      const entry = entries.get(Buffer.from(p.subject).toString('hex')) ?? null;
      const answer = decide(incident, usesList ? { entry } : null);
      const text = noticeText({ incident, answer, locale: p.locale, code, issuedAt, baseUrl, store: entry?.store ?? p.store, jurisdiction: o.jurisdiction });
      codes.push({
        hash: codeHash(normaliseCode(code)!),
        kind: 'notice',
        incident: incident.slug,
        subject: p.subject,
        subjectKey: o.pepper.id,
        subjectBinding,
        locale: p.locale,
        issuedAt,
        expiresAt: null,
        channel: 'email',
        answer: answer.kind,
      });
      const affected = affectedFlag(answer);
      rows.push({ email: p.email, locale: p.locale, answer: answer.kind, affected: affected === null ? '' : affected ? 'yes' : 'no', code, link: text.link, subject: text.subject, body: text.body });
      if (affected === true) summary.affected++;
      else if (affected === false) summary.notAffected++;
      else summary.open++;
      summary.perLocale[p.locale]++;
    }
    // Codes first: a row only reaches the file once its link works.
    await insertCodes(o.db, codes);
    for (const row of rows) if (!csv.write(row)) await once(csv, 'drain');
    summary.written += rows.length;
  };

  try {
    const parser = input.pipe(
      parse({
        columns: (header: string[]) => {
          const names = recipientColumns(header);
          if (!names.includes('email')) throw new NoticesRefused(`The recipients file must have an "email" column (found: ${names.join(', ')}).`);
          if (factor && !names.includes(FACTOR_COLUMNS[factor])) {
            throw new NoticesRefused(
              `"${o.slug}" asks for a second factor: the recipients file needs a "${FACTOR_COLUMNS[factor]}" column too.`,
            );
          }
          return names;
        },
        bom: true,
        trim: true,
        skip_empty_lines: true,
        info: true,
        skip_records_with_error: true,
      }),
    );
    parser.on('skip', (err: CsvError) => {
      summary.rowsRead++;
      reject('malformed_csv', Number(err.lines ?? 0));
    });
    o.progress.start('Writing notices', 1);
    let batch: Pending[] = [];
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { lines: number } }>) {
      summary.rowsRead++;
      const line = info.lines;
      if (!record.email) {
        reject('no_email', line);
        continue;
      }
      const locale = (record.locale || 'ja').toLowerCase();
      if (!(LOCALES as readonly string[]).includes(locale)) {
        reject('unknown_locale', line);
        continue;
      }
      const factorRaw = factor ? record[FACTOR_COLUMNS[factor]] : undefined;
      if (factor && !factorRaw) {
        reject('no_factor', line);
        continue;
      }
      const id = readIdentifier(factor ? { kind: 'email_factor', raw: record.email, factor: factorRaw! } : { kind: 'email', raw: record.email }, rules);
      if (!id.ok) {
        reject(id.error === 'invalid_factor' ? 'invalid_factor' : 'invalid_email', line);
        continue;
      }
      const subject = identifierHash(hash, incident.salt, id);
      const key = Buffer.from(subject).toString('hex');
      if (seen.has(key)) {
        reject('duplicate', line);
        continue;
      }
      seen.add(key);
      batch.push({ email: record.email, locale: locale as Locale, store: record.store || null, subject });
      if (batch.length === BATCH) {
        await flush(batch);
        batch = [];
        o.progress.update(input.bytesRead / totalBytes, summary.written);
      }
    }
    await flush(batch);
    o.progress.update(1, summary.written);
    ok = true;
  } finally {
    o.progress.stop();
    csv.end();
    await written;
    if (ok) renameSync(partial, o.out);
    else rmSync(partial, { force: true });
  }
  return summary;
}

