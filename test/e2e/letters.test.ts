/**
 * Printed letters end to end, against the running portal: the CLI writes one PDF for everyone (and one
 * per recipient), each letter opens with its recipient's answer in their language on page 1, the address
 * sits where a 長3 window envelope shows it, the QR code a phone reads off the printed page is that
 * person's link, and the link answers with the same sentence. The fonts travel inside the PDF.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { WINDOW } from '../../src/cli/notices/letters/envelope.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { flat, fonts, noticeCodes, pageText, qrCodes, textInBox } from '../support/pdf-tools.ts';
import { cli, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const stateDir = inject('stateDir');
const work = scratchDir('letters');

const client = clientAddresses('203.0.113.');
const h1 = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];

interface LetterRow {
  email: string;
  locale: string;
  answer: string;
  code: string;
  link: string;
  name: string;
  postcode: string;
  file: string;
  first_page: string;
  pages: string;
}

const recipients = join(work, 'recipients.csv');
const pdf = join(work, 'letters.pdf');
const manifest = join(work, 'letters.manifest.csv');
let rows: LetterRow[];
let summary: string;

// What each recipient's letter must open with: their answer sentence, as the result page words it.
const expected: Record<string, string> = {
  'affected@example.com': ja.answer.affected.confirmed,
  'nobody@example.com': `${en.answer.notAffected} ${en.answer.notAffectedCard}`,
  'member-only@example.com': en.answer.affected.confirmed,
};

beforeAll(async () => {
  writeFileSync(
    recipients,
    [
      'メールアドレス,言語,宛名,郵便番号,住所1,住所2,住所3',
      'affected@example.com,ja,山田 太郎,100-0001,東京都千代田区千代田1-1,サンプルマンション101号室,',
      'nobody@example.com,en,Jane Doe,530-0001,1-1 Umeda,Kita-ku,Osaka',
      'no-address@example.com,ja,佐藤 花子,060-0001,,,',
      'member-only@example.com,en,John Smith,060-0001,2-2 Kita 1-jo,Chuo-ku,Sapporo',
    ].join('\n'),
  );
  ({ stdout: summary } = await cli('notices', '--incident', 'demo', '--recipients', recipients, '--channel', 'letter', '--out', pdf, '--base-url', baseURL));
  rows = parse(readFileSync(manifest), { columns: true });
});

describe('letters: one PDF for the print shop', () => {
  it('writes a letter per reachable recipient, a manifest beside it, both readable by the operator only', () => {
    expect(rows.map((r) => [r.email, r.locale, r.answer])).toEqual([
      ['affected@example.com', 'ja', 'affected'],
      ['nobody@example.com', 'en', 'not_affected'],
      ['member-only@example.com', 'en', 'affected'],
    ]);
    expect(summary).toContain('no_address: 1 (lines 4)');
    expect(summary).not.toContain('佐藤');
    for (const file of [pdf, manifest]) expect(statSync(file).mode & 0o077).toBe(0);
    expect(readdirSync(work).filter((f) => f.endsWith('.partial'))).toEqual([]);
    // Every letter starts on a new sheet in duplex: even page counts, pages in sequence.
    let page = 1;
    for (const r of rows) {
      expect(Number(r.first_page)).toBe(page);
      expect(Number(r.pages) % 2).toBe(0);
      page += Number(r.pages);
    }
  });

  it('opens page 1 of each letter with the answer sentence, in the recipient’s language', async () => {
    for (const r of rows) {
      const text = flat(await pageText(pdf, Number(r.first_page)));
      expect(text, r.email).toContain(expected[r.email]);
      expect(text).toContain(r.code);
      expect(text).toContain(`${baseURL}/i/demo`); // the portal address, typed out
      expect(text).toContain(`${baseURL}/verify`);
    }
  });

  it('prints name and address inside the envelope window, and nothing of the letter body there', async () => {
    for (const r of rows) {
      const text = flat(await textInBox(pdf, Number(r.first_page), { x: WINDOW.left, y: WINDOW.top, width: WINDOW.width, height: WINDOW.height }));
      expect(text).toContain(r.name);
      expect(text).toContain(r.postcode);
      expect(text).not.toContain(expected[r.email]!.slice(0, 10));
    }
  });

  it('carries a QR code a phone reads as the recipient’s link, which answers with the same sentence', async () => {
    for (const r of rows) {
      expect(await qrCodes(pdf, Number(r.first_page))).toEqual([r.link]);
      expect(r.link).toBe(`${baseURL}/n/${r.code}`);
      const res = await fetch(r.link, { headers: client() });
      expect(res.status).toBe(200);
      expect(flat(h1(await res.text()) ?? '')).toBe(expected[r.email]);
    }
  });

  it('embeds subsets of its fonts: no system font is needed to print it', async () => {
    const used = await fonts(pdf);
    expect(used.length).toBeGreaterThan(0);
    for (const f of used) expect(f, f.name).toMatchObject({ embedded: true, subset: true });
    expect(used.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(expect.arrayContaining(['NotoSansJP-Regular', 'NotoSansJP-Bold']));
  });

  it('refuses to overwrite letters, and refuses a file without postal columns before storing a code', async () => {
    await expect(cli('notices', '--incident', 'demo', '--recipients', recipients, '--channel', 'letter', '--out', pdf, '--base-url', baseURL)).rejects.toMatchObject({
      stderr: expect.stringContaining('already exists'),
    });
    const noPostal = join(work, 'no-postal.csv');
    writeFileSync(noPostal, 'email,locale\naffected@example.com,ja\n');
    const before = await noticeCodes(stateDir, 'demo');
    const target = join(work, 'never.pdf');
    await expect(cli('notices', '--incident', 'demo', '--recipients', noPostal, '--channel', 'letter', '--out', target, '--base-url', baseURL)).rejects.toMatchObject({
      stderr: expect.stringContaining('"name", "address1"'),
    });
    expect(await noticeCodes(stateDir, 'demo')).toBe(before);
    expect(readdirSync(work).filter((f) => f.startsWith('never'))).toEqual([]);
  });
});

describe('letters: one PDF per recipient', () => {
  it('writes numbered PDFs (no names in file names) and a manifest into a new folder', async () => {
    const dir = join(work, 'letters');
    await cli('notices', '--incident', 'demo', '--recipients', recipients, '--channel', 'letter', '--out-dir', dir, '--base-url', baseURL);
    expect(existsSync(`${dir}.partial`)).toBe(false);
    expect(statSync(dir).mode & 0o077).toBe(0);
    const listed: LetterRow[] = parse(readFileSync(join(dir, 'manifest.csv')), { columns: true });
    expect(readdirSync(dir).sort()).toEqual(['000001.pdf', '000002.pdf', '000003.pdf', 'manifest.csv']);
    for (const r of listed) {
      expect(flat(await pageText(join(dir, r.file), 1))).toContain(expected[r.email]);
      expect(await qrCodes(join(dir, r.file), 1)).toEqual([r.link]);
    }
  });
});

describe('preview', () => {
  it('renders marked samples per channel and language, affected and not, and stores nothing', async () => {
    const before = await noticeCodes(stateDir, 'demo');
    const dir = join(work, 'preview');
    const { stdout } = await cli('notices', '--incident', 'demo', '--preview', '2', '--out-dir', dir, '--base-url', baseURL);
    expect(stdout).toContain('Nothing was stored');
    expect(await noticeCodes(stateDir, 'demo')).toBe(before);
    const files = readdirSync(dir);
    for (const locale of ['ja', 'en'] as const) {
      const m = locale === 'ja' ? ja : en;
      const email = readFileSync(join(dir, `email-${locale}.txt`), 'utf8');
      const sms = readFileSync(join(dir, `sms-${locale}.txt`), 'utf8');
      for (const text of [email, sms]) expect(text).toContain(m.letter.sample);
      expect(email).toContain(m.answer.affected.confirmed);
      expect(email).toContain(m.answer.notAffected);
      expect(sms).toContain(m.sms.affected.confirmed);
      expect(sms).toContain(m.sms.notAffected);
      const letters = join(dir, `letters-${locale}.pdf`);
      const samples: LetterRow[] = parse(readFileSync(join(dir, `letters-${locale}.manifest.csv`)), { columns: true });
      expect(samples.map((r) => r.answer)).toEqual(['affected', 'not_affected']);
      for (const r of samples) {
        const page = flat(await pageText(letters, Number(r.first_page)));
        expect(page).toContain(m.letter.sample);
        expect(page).toContain(r.answer === 'affected' ? m.answer.affected.confirmed : m.answer.notAffected);
      }
      expect(files.some((f) => new RegExp(`^letters-${locale}-0*1\\.png$`).test(f))).toBe(true);
    }
  });
});
