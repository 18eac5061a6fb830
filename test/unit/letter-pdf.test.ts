/**
 * The letter layout in-process, without D1: legal sections render whatever the legal module returns
 * (heading, then lines, after the rest of the letter), the answer sentence stays on page 1, and an
 * address too long for the envelope window is caught before anything is printed.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { letterText } from '../../src/answer-text/notice-letter.ts';
import { addressSize } from '../../src/cli/notices/letters/envelope.ts';
import { drawLetter } from '../../src/cli/notices/letters/layout.ts';
import { newDocument } from '../../src/cli/notices/letters/pdf.ts';
import { decide } from '../../src/core/decide.ts';
import type { Incident } from '../../src/core/incident.ts';
import { ja } from '../../src/i18n/ja.ts';
import { flat, pageText } from '../support/pdf-tools.ts';

const definition = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
const incident = {
  ...definition,
  content: definition,
  groups: definition.groups.map((g: object, bit: number) => ({ ...g, bit })),
  listActivatedAt: '2026-11-20T00:00:00Z',
} as Incident;
const address = { name: '山田 太郎', postcode: '100-0001', address1: '東京都千代田区千代田1-1', address2: '', address3: '' };

describe('letter layout', () => {
  it('prints the legal sections it is given, after the answer on page 1', async () => {
    const legal = [
      { heading: '個人情報保護法に基づくお知らせ', lines: ['概要: 第三者による不正アクセス', '原因: 決済画面の改ざん'] },
      { heading: 'その他参考となる事項', lines: ['ご不明な点は下記の窓口へ'] },
    ];
    const answer = decide(incident, { entry: { groups: 0b11, store: null } });
    const t = letterText({ incident, answer, locale: 'ja', code: 'K7QM-3XTR-9HWD-FP2N-6BJC', issuedAt: '2026-11-30T01:00:00Z', baseUrl: 'https://check.example.com', store: null, legal });
    const dir = mkdtempSync(join(tmpdir(), 'amiaffected-letter-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const pdf = join(dir, 'letter.pdf');
    const doc = newDocument('test');
    const file = createWriteStream(pdf);
    doc.pipe(file);
    const pages = drawLetter(doc, t, address, 'ja', { sample: null, padToEven: false });
    doc.end();
    await once(file, 'finish');
    expect(flat(await pageText(pdf, 1))).toContain(ja.answer.affected.confirmed);
    let all = '';
    for (let p = 1; p <= pages; p++) all += flat(await pageText(pdf, p));
    for (const section of legal) {
      expect(all).toContain(section.heading);
      for (const line of section.lines) expect(all).toContain(line);
    }
    expect(all.indexOf(legal[0]!.heading)).toBeGreaterThan(all.indexOf(ja.neverAsk.title));
  });

  it('finds no type size for an address that cannot fit the window', () => {
    const doc = newDocument('measure');
    doc.addPage();
    expect(addressSize(doc, address, 'ja')).toBe(11);
    const endless = { ...address, address1: '東京都千代田区千代田'.repeat(30) };
    expect(addressSize(doc, endless, 'ja')).toBeNull();
  });
});
