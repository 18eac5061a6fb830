/**
 * The letter channel: print-ready A4 letters, either all in one PDF (`--out letters.pdf`, for a print
 * shop: every letter starts on a new sheet when printed duplex) or one PDF per recipient (`--out-dir`).
 * Beside them a manifest CSV (`letters.manifest.csv`, or `manifest.csv` in the folder) says which pages
 * or file hold whose letter, with the answer, code, link and address, for follow-up.
 *
 * Files are named by sequence, never by name or address: a folder listing must not be a customer list.
 * Everything is written under ".partial" names and renamed into place when the run succeeds.
 */
import type { Jurisdiction } from '../../../core/legal-items.ts';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { basename, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { letterText } from '../../../answer-text/notice-letter.ts';
import type { RecipientRejection } from '../recipients.ts';
import { type Channel, CsvOut, MANIFEST_COLUMNS, manifestRow, type ManifestRow, type Notice, type NoticeSink, noticeTextInput, PartialFile } from '../sink.ts';
import { addressSize } from './envelope.ts';
import { drawLetter } from './layout.ts';
import { letterLegalSections } from './legal.ts';
import { type Doc, newDocument } from './pdf.ts';

export interface LetterOptions {
  /** One PDF holding every letter. */
  readonly out?: string | undefined;
  /** One PDF per recipient in this folder (created; it must not exist). */
  readonly outDir?: string | undefined;
  /** The law whose items and headings the letter carries (legal.ts); null: the incident's items, plain headings. */
  readonly jurisdiction: Jurisdiction | null;
  /** Printed across every page of a preview; null for letters that are sent. */
  readonly sample?: string | null;
}

const COLUMNS = [...MANIFEST_COLUMNS, 'file', 'first_page', 'pages'] as const;
type LetterRow = ManifestRow & { file: string; first_page: string; pages: string };

/** `letters.pdf` → `letters.manifest.csv`. */
export function letterManifestPath(out: string): string {
  return `${out.replace(/\.pdf$/i, '')}.manifest.csv`;
}

/**
 * pdfkit pushes pages without waiting for the file, and drawing never yields to the event loop; past
 * this much unwritten output the run waits for the file to take it, so memory stays flat.
 */
const HIGH_WATER = 1 << 20;

async function drained(doc: Doc): Promise<void> {
  while (doc.readableLength > HIGH_WATER) await nextTurn();
}

function draw(doc: Doc, n: Notice, o: LetterOptions, padToEven: boolean): number {
  const { locale } = n.recipient;
  const legal = letterLegalSections(n.incident, locale, o.jurisdiction, n.issuedAt);
  const t = letterText({ ...noticeTextInput(n), legal });
  return drawLetter(doc, t, n.recipient.postal, locale, { sample: o.sample ?? null, padToEven });
}

export function letterChannel(o: LetterOptions): Channel {
  if (!o.out === !o.outDir) throw new Error('letterChannel needs exactly one of out and outDir');
  let measure: Doc | undefined;
  return {
    name: 'letter',
    needs: ['name', 'address1'],
    unreachable(r): RecipientRejection | null {
      if (!r.postal.name.trim() || !r.postal.address1.trim()) return 'no_address';
      if (!measure) {
        measure = newDocument('measure');
        measure.addPage();
      }
      return addressSize(measure, r.postal, r.locale) === null ? 'address_too_long' : null;
    },
    outputs: o.out ? [o.out, letterManifestPath(o.out)] : [o.outDir!],
    open: () => (o.out ? onePdf(o.out, o) : pdfPerRecipient(o.outDir!, o)),
  };
}

function onePdf(out: string, o: LetterOptions): NoticeSink {
  const manifest = new CsvOut<LetterRow>(letterManifestPath(out), COLUMNS);
  const file = new PartialFile(out);
  let doc: Doc | undefined;
  let page = 1;
  return {
    async write(n) {
      if (!doc) {
        doc = newDocument(n.incident.content.text[n.recipient.locale].title);
        doc.pipe(file.stream);
      }
      const pages = draw(doc, n, o, true);
      await manifest.write({ ...manifestRow(n), file: basename(out), first_page: String(page), pages: String(pages) });
      page += pages;
      await drained(doc);
    },
    async commit() {
      if (doc) {
        const written = once(file.stream, 'finish');
        doc.end();
        await written;
      }
      await manifest.commit();
      await file.commit();
    },
    async discard() {
      doc?.unpipe(file.stream);
      doc?.destroy();
      await manifest.discard();
      await file.discard();
    },
  };
}

function pdfPerRecipient(dir: string, o: LetterOptions): NoticeSink {
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  const manifest = new CsvOut<LetterRow>(join(partial, 'manifest.csv'), COLUMNS);
  let sequence = 0;
  return {
    async write(n) {
      const name = `${String(++sequence).padStart(6, '0')}.pdf`;
      const file = new PartialFile(join(partial, name));
      const doc = newDocument(n.incident.content.text[n.recipient.locale].title);
      doc.pipe(file.stream);
      const pages = draw(doc, n, o, false);
      const written = once(file.stream, 'finish');
      doc.end();
      await written;
      await file.commit();
      await manifest.write({ ...manifestRow(n), file: name, first_page: '1', pages: String(pages) });
    },
    async commit() {
      await manifest.commit();
      rmSync(dir, { recursive: true, force: true }); // only reached with --force when it exists
      renameSync(partial, dir);
    },
    async discard() {
      await manifest.discard();
      rmSync(partial, { recursive: true, force: true });
    },
  };
}
