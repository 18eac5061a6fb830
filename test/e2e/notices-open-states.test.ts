/**
 * Notices for an incident whose outcome is still open (the Temu case): while it is investigated with
 * no list, every notice and its link say "still investigating" and give the date of the latest update,
 * never "not affected". Once a list is imported, the same links answer for each person; when the
 * company finds no exposure, the same links say so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { cli, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('open-states');
const slug = 'notices-open-states';

const client = clientAddresses('198.51.100.');

interface NoticeRow {
  email: string;
  locale: string;
  answer: string;
  affected: string;
  code: string;
  link: string;
  subject: string;
  body: string;
}

function incident(status: 'investigating' | 'not_confirmed', updates: { date: string; en: string; ja: string }[]) {
  const file = join(work, `${status}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      slug,
      status,
      company: { ja: 'サンプル通販', en: 'Sample Shop' },
      text: {
        ja: { title: '顧客データ流出の主張について', summary: '調査しています。', whatHappened: '第三者が当社の顧客データを持っていると主張しています。' },
        en: { title: 'A claim that our customer data leaked', summary: 'We are investigating.', whatHappened: 'A third party claims to hold our customer data.' },
      },
      updates: updates.map((u) => ({ date: u.date, text: { ja: u.ja, en: u.en } })),
      groups: [
        {
          code: 'claimed',
          label: { ja: '流出したと主張されたデータのお客様', en: 'Customers in the claimed data' },
          period: { from: '2024-01-01' },
          dataClasses: ['name', 'email', 'address'],
          certainty: 'possible',
        },
      ],
      contacts: { senders: ['notice@example.com'], phones: [] },
      lookup: { mode: 'open' },
    }),
  );
  return file;
}

const h1 = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];

let rows: NoticeRow[];

beforeAll(async () => {
  await cli('incident', 'publish', incident('investigating', [{ date: '2026-11-20', en: 'We are examining the sample rows.', ja: 'サンプルの行を調べています。' }]));
  const recipients = join(work, 'recipients.csv');
  writeFileSync(recipients, 'email,locale\nclaimed@example.com,en\nother@example.com,ja\n');
  const out = join(work, 'notices.csv');
  await cli('notices', '--incident', slug, '--recipients', recipients, '--out', out, '--base-url', baseURL);
  rows = parse(readFileSync(out), { columns: true });
});

describe('notices while the outcome is open', () => {
  it('say "still investigating" with the date of the latest update, and never "not affected"', () => {
    expect(rows.map((r) => [r.answer, r.affected])).toEqual([
      ['under_investigation', ''],
      ['under_investigation', ''],
    ]);
    const [claimed, other] = rows as [NoticeRow, NoticeRow];
    expect(claimed.body.split('\n')[0]).toBe(en.answer.noListYet);
    expect(claimed.body).toContain(en.answer.weWillNotify);
    expect(claimed.body).toContain('20 November 2026');
    expect(claimed.body).toContain('We are examining the sample rows.');
    expect(other.body.split('\n')[0]).toBe(ja.answer.noListYet);
    for (const r of rows) expect(r.body).not.toContain(r.locale === 'en' ? en.answer.notAffected : ja.answer.notAffected);
  });

  it('their links answer "still investigating" (200), then each person once a list is imported', async () => {
    const [claimed, other] = rows as [NoticeRow, NoticeRow];
    const before = await fetch(`${baseURL}/n/${claimed.code}`, { headers: client() });
    expect(before.status).toBe(200);
    expect(h1(await before.text())).toBe(en.answer.noListYet);

    const list = join(work, 'list.csv');
    writeFileSync(list, 'email,groups\nclaimed@example.com,claimed\n');
    await cli('import', '--incident', slug, '--file', list);
    const listed = await (await fetch(`${baseURL}/n/${claimed.code}`, { headers: client() })).text();
    expect(h1(listed)).toBe(en.answer.affected.possible);
    expect(listed).toContain(en.answer.investigationContinuing);
    const notFound = await (await fetch(`${baseURL}/n/${other.code}`, { headers: client() })).text();
    expect(h1(notFound)).toMatch(/^これまでに調べたデータ（\d{4}年\d{1,2}月\d{1,2}日時点）には、お客様の情報は見つかっていません。$/);
    expect(notFound).not.toContain(ja.answer.nothingToDo);
  });

  it('say "no exposure confirmed" once the company finds none, to everyone alike', async () => {
    await cli(
      'incident',
      'publish',
      incident('not_confirmed', [
        { date: '2026-11-20', en: 'We are examining the sample rows.', ja: 'サンプルの行を調べています。' },
        { date: '2026-11-27', en: 'None of the sample rows matches our data.', ja: 'サンプルの行はいずれも当社のデータと一致しませんでした。' },
      ]),
    );
    for (const r of rows) {
      const res = await fetch(`${baseURL}/n/${r.code}`, { headers: client() });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(h1(html)).toBe(r.locale === 'en' ? en.answer.noExposure : ja.answer.noExposure);
      expect(html).toContain(r.locale === 'en' ? 'None of the sample rows matches our data.' : 'サンプルの行はいずれも当社のデータと一致しませんでした。');
    }
    const api = await fetch(`${baseURL}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...client() },
      body: JSON.stringify({ incident: slug, email: 'claimed@example.com', locale: 'en' }),
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ answer: 'no_exposure_confirmed', affected: null, status: 'not_confirmed', statusDate: '2026-11-27', listDate: null });
  });
});
