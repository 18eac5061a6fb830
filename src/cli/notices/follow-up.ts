/**
 * `notices --follow-up`: notices again, for the people whose first notice was never opened. It reads
 * the operator's earlier notices file (any channel's manifest: the email CSV, letters' manifest, the
 * SMS CSV), asks D1 which of its codes were never opened and are older than the window, and hands only
 * those people to `notices` on the channel now chosen (email first, then a letter for the rest, as
 * Tully's did by post). Each keeps their code, so links from the first notice keep working; a row whose
 * address no longer hashes to the person its code was issued to is refused, never given that code.
 *
 * The selected rows go to a temporary recipients file (mode 600, in a private temp folder, removed
 * afterwards): it holds nothing the earlier file did not.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { codeHash, normaliseCode } from '../../core/codes.ts';
import { hex } from '../../data/blobs.ts';
import { countNotices, unopenedNotices } from '../../data/reach.ts';
import { CsvOut } from './sink.ts';
import { NoticesRefused } from './recipients.ts';

/** Manifest columns a follow-up carries over to its recipients file. */
const CARRIED = ['email', 'locale', 'store', 'name', 'postcode', 'address1', 'address2', 'address3', 'phone'] as const;
type Carried = Record<(typeof CARRIED)[number], string>;

/** Rows looked up per D1 round trip (unopenedNotices batches them further). */
const CHUNK = 5_000;

/**
 * "14d", "36h" or "0d" to milliseconds.
 *
 * @example parseWindow('14d') // 1_209_600_000
 */
export function parseWindow(raw: string): number {
  const m = /^\s*(\d{1,4})\s*([dh])\s*$/i.exec(raw);
  if (!m) throw new NoticesRefused(`--not-opened-for takes days or hours, like 14d or 36h (got "${raw}").`);
  return Number(m[1]) * (m[2]!.toLowerCase() === 'd' ? 86_400_000 : 3_600_000);
}

export interface FollowUpSelection {
  /** The temporary recipients file; remove it with `dispose`. */
  readonly recipients: string;
  /** Recipient keyed hash (hex) → the code their first notice carried. */
  readonly codes: ReadonlyMap<string, string>;
  readonly rowsRead: number;
  /** Rows whose notice was never opened and is older than the window. */
  readonly selected: number;
  /** Rows without a code this incident issued (another incident's file, an edited code). */
  readonly unknown: number;
  /** A line of the temporary recipients file as the line of --from it came from, for reports. */
  sourceLine(line: number): number;
  dispose(): void;
}

export interface FollowUpOptions {
  readonly db: D1Database;
  readonly slug: string;
  readonly from: string;
  /** Milliseconds a notice must have gone unopened. */
  readonly window: number;
  readonly now: Date;
}

export async function selectFollowUp(o: FollowUpOptions): Promise<FollowUpSelection> {
  const dir = mkdtempSync(join(tmpdir(), 'amiaffected-follow-up-'));
  const recipients = join(dir, 'recipients.csv');
  const out = new CsvOut<Carried & { code: string }>(recipients, [...CARRIED, 'code']);
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const codes = new Map<string, string>();
  const sourceLines: number[] = [];
  const cutoff = o.now.getTime() - o.window;
  let rowsRead = 0;
  let selected = 0;
  let unknown = 0;
  try {
    let chunk: { row: Carried; code: string; hash: Uint8Array; line: number }[] = [];
    const flush = async () => {
      const unopened = await unopenedNotices(o.db, o.slug, chunk.map((c) => c.hash));
      // Codes this incident never issued as notices (another incident's file, an edited code) are
      // counted, so such a file is reported instead of quietly giving nobody a follow-up.
      unknown += chunk.length - (await countNotices(o.db, o.slug, chunk.map((c) => c.hash)));
      for (const c of chunk) {
        const n = unopened.get(hex(c.hash));
        if (!n || Date.parse(n.issuedAt) > cutoff || n.subject === null) continue;
        codes.set(n.subject, c.code);
        await out.write({ ...c.row, code: c.code });
        sourceLines.push(c.line);
        selected++;
      }
      chunk = [];
    };
    const parser = createReadStream(o.from).pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }));
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { lines: number } }>) {
      rowsRead++;
      if (rowsRead === 1 && (record.code === undefined || record.email === undefined)) {
        throw new NoticesRefused(`${o.from} is not a notices file: it needs the "email" and "code" columns that every notices run writes.`);
      }
      const code = normaliseCode(record.code ?? '');
      if (!code) {
        unknown++;
        continue;
      }
      const row = Object.fromEntries(CARRIED.map((c) => [c, record[c] ?? ''])) as Carried;
      chunk.push({ row, code: record.code!, hash: codeHash(code), line: info.lines });
      if (chunk.length === CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    await out.commit();
  } catch (err) {
    await out.discard();
    dispose();
    throw err;
  }
  // The temporary file has a header row, then the selected rows in order.
  const sourceLine = (line: number) => sourceLines[line - 2] ?? line;
  return { recipients, codes, rowsRead, selected, unknown, sourceLine, dispose };
}
