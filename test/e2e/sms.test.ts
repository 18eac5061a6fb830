/**
 * SMS notices end to end: for each answer (affected, not affected, under investigation, no exposure
 * confirmed) in both languages the text is one sentence, the reference code and the portal's address,
 * asks for nothing, and fits ONE segment (70 UCS-2 characters in Japanese, 160 GSM-7 in English); the
 * code in it verifies as genuine. A run in which any text cannot fit is refused, naming the lines, and
 * leaves no file and no stored code behind.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { normaliseCode } from '../../src/core/codes.ts';
import { smsLength } from '../../src/answer-text/sms-text.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { noticeCodes } from '../support/pdf-tools.ts';
import { cli, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const stateDir = inject('stateDir');
const work = scratchDir('sms');
const slug = 'sms-answers';

const client = clientAddresses('198.18.0.');

interface SmsRow {
  phone: string;
  text: string;
  email: string;
  locale: string;
  answer: string;
  code: string;
}

function publish(status: 'investigating' | 'confirmed' | 'not_confirmed') {
  const file = join(work, `${status}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      slug,
      status,
      company: { ja: 'サンプル通販', en: 'Sample Shop' },
      text: {
        ja: { title: '会員情報の漏えいについて', summary: '調査しています。', whatHappened: '不正アクセスを受けました。' },
        en: { title: 'Member data incident', summary: 'We are investigating.', whatHappened: 'Our shop was accessed without authorisation.' },
      },
      updates: [{ date: '2026-11-20', text: { ja: '調査を始めました。', en: 'We started investigating.' } }],
      groups: [
        { code: 'members', label: { ja: '会員', en: 'Members' }, period: { from: '2024-01-01' }, dataClasses: ['name', 'email'], certainty: 'confirmed' },
        {
          code: 'cards',
          label: { ja: 'カード利用者', en: 'Card users' },
          period: { from: '2024-01-01' },
          dataClasses: ['card'],
          certainty: 'possible',
          reason: { ja: '決済画面が改ざんされていました。', en: 'The payment page was altered.' },
        },
      ],
      contacts: { senders: ['notice@example.com'], phones: [] },
      lookup: { mode: 'open' },
    }),
  );
  return cli('incident', 'publish', file);
}

const recipients = join(work, 'recipients.csv');
let n = 0;

/** Writes the SMS file for everyone and returns its rows, each checked against one segment. */
async function smsRun(): Promise<SmsRow[]> {
  const out = join(work, `sms-${++n}.csv`);
  await cli('notices', '--incident', slug, '--recipients', recipients, '--channel', 'sms', '--out', out, '--base-url', baseURL);
  expect(statSync(out).mode & 0o077).toBe(0);
  return parse(readFileSync(out), { columns: true });
}

function expectOneSegment(r: SmsRow, sentence: string): void {
  const { encoding, length } = smsLength(r.text);
  expect(encoding, r.text).toBe(r.locale === 'ja' ? 'ucs2' : 'gsm7');
  expect(length, r.text).toBeLessThanOrEqual(r.locale === 'ja' ? 70 : 160);
  expect(r.text).toContain(sentence);
  expect(r.text).toContain(baseURL);
  expect(r.text).toContain(r.locale === 'ja' ? 'サンプル通販' : 'Sample Shop');
  const printed = /[0-9A-Z]{4}(?:-?[0-9A-Z]{4}){4}/.exec(r.text)?.[0];
  expect(normaliseCode(printed ?? '')).toBe(normaliseCode(r.code));
  expect(r.text).not.toMatch(/enter|入力|type|reply|返信/i);
}

const sentence = (r: SmsRow, pick: (m: typeof ja) => string) => pick(r.locale === 'ja' ? ja : en);

beforeAll(async () => {
  await publish('investigating');
  writeFileSync(
    recipients,
    ['email,locale,携帯電話番号', 'member@example.com,ja,090-1234-5678', 'member@example.net,en,+44 7700 900123', 'card@example.com,ja,080 0000 0001', 'card@example.net,en,+81 80 0000 0002', 'other@example.com,ja,070-0000-0003', 'other@example.net,en,07000000004', 'no-phone@example.com,ja,'].join('\n'),
  );
});

describe('SMS notices fit one segment for every answer, in both languages', () => {
  it('under investigation, before any list', async () => {
    const rows = await smsRun();
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.answer).toBe('under_investigation');
      expectOneSegment(r, sentence(r, (m) => m.sms.noListYet));
    }
    expect(rows.map((r) => r.phone)).toEqual(['09012345678', '+447700900123', '08000000001', '+818000000002', '07000000003', '07000000004']);
  });

  it('affected (exposed, and may have been) and not found so far, once a list is imported', async () => {
    const list = join(work, 'list.csv');
    writeFileSync(list, 'email,groups\nmember@example.com,members\nmember@example.net,members\ncard@example.com,cards\ncard@example.net,cards\n');
    await cli('import', '--incident', slug, '--file', list);
    const rows = await smsRun();
    expect(rows.map((r) => r.answer)).toEqual(['affected', 'affected', 'affected', 'affected', 'under_investigation', 'under_investigation']);
    const [m1, m2, c1, c2, o1, o2] = rows as [SmsRow, SmsRow, SmsRow, SmsRow, SmsRow, SmsRow];
    for (const r of [m1, m2]) expectOneSegment(r, sentence(r, (m) => m.sms.affected.confirmed));
    for (const r of [c1, c2]) expectOneSegment(r, sentence(r, (m) => m.sms.affected.possible));
    for (const r of [o1, o2]) expectOneSegment(r, sentence(r, (m) => m.sms.notFoundSoFar));
  });

  it('not affected, once the exposure is confirmed', async () => {
    await publish('confirmed');
    const rows = await smsRun();
    const others = rows.filter((r) => r.email.startsWith('other@'));
    expect(others.map((r) => r.answer)).toEqual(['not_affected', 'not_affected']);
    for (const r of others) expectOneSegment(r, sentence(r, (m) => m.sms.notAffected));
  });

  it('no exposure confirmed', async () => {
    await publish('not_confirmed');
    const rows = await smsRun();
    expect(new Set(rows.map((r) => r.answer))).toEqual(new Set(['no_exposure_confirmed']));
    for (const r of rows) expectOneSegment(r, sentence(r, (m) => m.sms.noExposure));
  });

  it('prints a code the verify page knows as genuine', async () => {
    const [row] = await smsRun();
    const printed = /[0-9A-Z]{4}(?:-?[0-9A-Z]{4}){4}/.exec(row!.text)![0];
    const res = await fetch(`${baseURL}/api/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...client() },
      body: JSON.stringify({ code: printed }),
    });
    expect(await res.json()).toMatchObject({ genuine: true, kind: 'notice', incident: slug });
  });
});

describe('SMS refusals', () => {
  it('refuses the whole run when a text cannot fit, naming the lines, and stores and writes nothing', async () => {
    const before = await noticeCodes(stateDir, slug);
    const out = join(work, 'too-long.csv');
    const longUrl = 'https://portal-address-too-long-for-a-text.example.com';
    const failed = await cli('notices', '--incident', slug, '--recipients', recipients, '--channel', 'sms', '--out', out, '--base-url', longUrl).then(
      () => null,
      (err: { stderr: string }) => err.stderr,
    );
    expect(failed).not.toBeNull();
    // Every Japanese text is too long at this address; the English ones still fit 160 GSM-7 characters.
    expect(failed).toContain('3 recipients (lines 2, 4, 6): the text is longer than one SMS segment (70 UCS-2 characters)');
    for (const value of ['member@example.com', 'card@example.com', '090-1234-5678']) expect(failed).not.toContain(value);
    expect(await noticeCodes(stateDir, slug)).toBe(before);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('reports a recipient without a phone number by line, and refuses a file without a phone column', async () => {
    const { stdout } = await cli('notices', '--incident', slug, '--recipients', recipients, '--channel', 'sms', '--out', join(work, 'phones.csv'), '--base-url', baseURL);
    expect(stdout).toContain('no_phone: 1 (lines 8)');
    const noPhone = join(work, 'no-phone-column.csv');
    writeFileSync(noPhone, 'email,locale\nmember@example.com,ja\n');
    await expect(cli('notices', '--incident', slug, '--recipients', noPhone, '--channel', 'sms', '--out', join(work, 'never.csv'), '--base-url', baseURL)).rejects.toMatchObject({
      stderr: expect.stringContaining('"phone"'),
    });
  });
});
