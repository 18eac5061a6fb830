/**
 * The notice workflow end to end against the running portal: the CLI writes the mail-merge file for
 * every recipient, each link opens that person's answer, the reference code verifies as genuine, and a
 * made-up code does not.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { cli, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('notices');

const client = clientAddresses('192.0.2.');

interface NoticeRow {
  email: string;
  locale: string;
  affected: string;
  code: string;
  link: string;
  subject: string;
  body: string;
}

let rows: NoticeRow[];
let summary: string;
let warnings: string;
const out = join(work, 'notices.csv');

beforeAll(async () => {
  const recipients = join(work, 'recipients.csv');
  writeFileSync(
    recipients,
    [
      'email,locale,store',
      'affected@example.com,en,',
      'ＭＥＭＢＥＲ-ＯＮＬＹ＠example.com,ja,',
      'nobody@example.com,ja,Sample Coffee Online',
      'not-an-email,ja,',
      'someone@example.com,fr,',
      'Affected@Example.com,en,',
    ].join('\n'),
  );
  ({ stdout: summary, stderr: warnings } = await cli('notices', '--incident', 'demo', '--recipients', recipients, '--out', out, '--base-url', `${baseURL}/`));
  rows = parse(readFileSync(out), { columns: true });
});

describe('notices → deep link → verify', () => {
  it('writes one notice per valid recipient and reports the others by line', () => {
    expect(rows.map((r) => [r.email, r.locale, r.affected])).toEqual([
      ['affected@example.com', 'en', 'yes'],
      ['ＭＥＭＢＥＲ-ＯＮＬＹ＠example.com', 'ja', 'yes'],
      ['nobody@example.com', 'ja', 'no'],
    ]);
    expect(summary).toContain('invalid_email: 1 (lines 5)');
    expect(summary).toContain('unknown_locale: 1 (lines 6)');
    expect(summary).toContain('duplicate: 1 (lines 7)');
    expect(summary).not.toContain('not-an-email');
    expect(statSync(out).mode & 0o077).toBe(0); // addresses and codes: readable by the operator only
  });

  it('warns that the one person the demo list knows by order ID alone cannot be reached by an email notice', () => {
    expect(warnings).toContain('1 person in the affected list of "demo" is known by order ID alone');
    expect(warnings).not.toContain('ORD-1001');
  });

  it('opens each body with that recipient’s answer and carries code, link, portal and what we never ask', () => {
    const [affected, member, nobody] = rows as [NoticeRow, NoticeRow, NoticeRow];
    expect(affected.body.split('\n')[0]).toBe(en.answer.affected.confirmed);
    expect(member.body.split('\n')[0]).toBe(ja.answer.affected.confirmed);
    expect(nobody.body.split('\n')[0]).toBe(`${ja.answer.notAffected}${ja.answer.notAffectedCard}`);
    expect(nobody.body).toContain('Sample Coffee Online'); // the store the recipient knows
    for (const r of rows) {
      expect(r.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      expect(r.link).toBe(`${baseURL}/n/${r.code}`);
      expect(r.body).toContain(r.link);
      expect(r.body).toContain(`${baseURL}/verify`);
      expect(r.body).toContain(`${baseURL}/i/demo`);
      expect(r.body).toContain(r.locale === 'en' ? en.neverAsk.items[0] : ja.neverAsk.items[0]);
      expect(r.subject.length).toBeGreaterThan(0);
    }
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it('the link shows that person’s answer, in the notice language', async () => {
    const expected = [en.answer.affected.confirmed, ja.answer.affected.confirmed, `${ja.answer.notAffected}${ja.answer.notAffectedCard}`];
    for (const [i, r] of rows.entries()) {
      const res = await fetch(r.link, { headers: client() });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]).toBe(expected[i]);
      expect(html).toContain(`lang="${r.locale}"`);
    }
  });

  it('verify says the codes are genuine notices, and a made-up code is not', async () => {
    for (const r of rows) {
      const res = await fetch(`${baseURL}/api/v1/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...client() },
        body: JSON.stringify({ code: r.code.toLowerCase() }),
      });
      expect(await res.json()).toMatchObject({ genuine: true, kind: 'notice', incident: 'demo' });
    }
    const fake = await fetch(`${baseURL}/api/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...client() },
      body: JSON.stringify({ code: 'K7QM-3XTR-9HWD-FP2N-6BJC' }),
    });
    expect(await fake.json()).toEqual({ genuine: false });
    expect((await fetch(`${baseURL}/n/K7QM-3XTR-9HWD-FP2N-6BJC`, { headers: client() })).status).toBe(404);
  });

  it('refuses to overwrite a notices file, and leaves no partial file behind on a bad run', async () => {
    const recipients = join(work, 'recipients.csv');
    await expect(cli('notices', '--incident', 'demo', '--recipients', recipients, '--out', out, '--base-url', baseURL)).rejects.toMatchObject({
      stderr: expect.stringContaining('already exists'),
    });
    const noHeader = join(work, 'no-email.csv');
    writeFileSync(noHeader, 'name,locale\nx@example.com,ja\n');
    const target = join(work, 'never.csv');
    await expect(cli('notices', '--incident', 'demo', '--recipients', noHeader, '--out', target, '--base-url', baseURL)).rejects.toMatchObject({
      stderr: expect.stringContaining('"email" column'),
    });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.partial`)).toBe(false);
  });

  it('reads the column names real exports use for recipients (メールアドレス, 言語), and refuses one named twice', async () => {
    const japanese = join(work, 'japanese-headers.csv');
    writeFileSync(japanese, '氏名,メールアドレス,言語\nSample,affected@example.com,en\n');
    const target = join(work, 'japanese-notices.csv');
    await cli('notices', '--incident', 'demo', '--recipients', japanese, '--out', target, '--base-url', baseURL);
    const [row] = parse(readFileSync(target), { columns: true }) as NoticeRow[];
    expect([row?.email, row?.locale, row?.affected]).toEqual(['affected@example.com', 'en', 'yes']);

    const twice = join(work, 'twice.csv');
    writeFileSync(twice, 'email,E-Mail\na@example.com,b@example.com\n');
    await expect(cli('notices', '--incident', 'demo', '--recipients', twice, '--out', join(work, 'twice-out.csv'), '--base-url', baseURL)).rejects.toMatchObject({
      stderr: expect.stringContaining('"email" twice'),
    });
  });

  it('stats shows the lookups, opens and verify checks counted meanwhile', async () => {
    // The portal writes counters at most every STATS_FLUSH_SECONDS (10 s); wait for one flush.
    await new Promise((r) => setTimeout(r, 10_500));
    await fetch(`${baseURL}/n/${rows[0]!.code}`, { headers: client() });
    await new Promise((r) => setTimeout(r, 500));
    const { stdout } = await cli('stats', '--incident', 'demo', '--csv');
    const [row] = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(Number(row!.notice_opens)).toBeGreaterThanOrEqual(3);
    expect(Number(row!.verify_checks)).toBeGreaterThanOrEqual(3);
  }, 30_000);
});
