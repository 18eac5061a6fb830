/**
 * `notices --follow-up` through the running portal: emails first, then a letter only for the people who
 * never opened theirs, each keeping their code, so the first notice's link and the letter's QR code
 * lead to the same answer. A row whose address was edited to another person's code is refused.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ja } from '../../src/i18n/ja.ts';
import { cli, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('follow-up');

type Row = Record<string, string>;
const h1 = (html: string) => /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];
const emails = join(work, 'emails.csv');
let first: Row[];

beforeAll(async () => {
  const recipients = join(work, 'recipients.csv');
  writeFileSync(
    recipients,
    [
      'email,locale,name,postcode,address1,address2',
      'affected@example.com,ja,山田 太郎,100-0001,東京都千代田区千代田1-1,',
      'member-only@example.com,ja,佐藤 花子,530-0001,大阪府大阪市北区梅田1-1,',
      'nobody@example.com,ja,鈴木 一郎,060-0001,北海道札幌市中央区北1条西1,',
    ].join('\n'),
  );
  await cli('notices', '--incident', 'demo', '--recipients', recipients, '--out', emails, '--base-url', baseURL);
  first = parse(readFileSync(emails), { columns: true });
  // affected@ opens their email's link; the portal records the day of that first open.
  const opened = await fetch(`${baseURL}/n/${first[0]!.code}`, { headers: { 'cf-connecting-ip': '203.0.113.77' } });
  expect(opened.status).toBe(200);
  await new Promise((r) => setTimeout(r, 1_000)); // the record is written after the response
});

describe('notices --follow-up', () => {
  it('writes nothing while every unopened notice is younger than the window', async () => {
    const out = join(work, 'too-early.pdf');
    const { stdout } = await cli('notices', '--incident', 'demo', '--follow-up', '--from', emails, '--channel', 'letter', '--out', out, '--base-url', baseURL);
    expect(stdout).toContain('0 of 3 notices');
    expect(stdout).toContain('Nobody to follow up');
    expect(existsSync(out)).toBe(false);
  });

  it('sends a letter only to those who never opened their email, with the same code', async () => {
    const out = join(work, 'letters.pdf');
    const { stdout } = await cli(
      'notices', '--incident', 'demo', '--follow-up', '--from', emails, '--not-opened-for', '0d', '--channel', 'letter', '--out', out, '--base-url', baseURL,
    );
    expect(stdout).toContain('2 of 3 notices');
    const letters: Row[] = parse(readFileSync(join(work, 'letters.manifest.csv')), { columns: true });
    expect(letters.map((r) => [r.email, r.code])).toEqual([
      [first[1]!.email, first[1]!.code],
      [first[2]!.email, first[2]!.code],
    ]);
    // The code the letter carries still opens that person's answer.
    const html = await (await fetch(`${baseURL}/n/${letters[0]!.code}`, { headers: { 'cf-connecting-ip': '203.0.113.78' } })).text();
    expect(h1(html)).toBe(ja.answer.affected.confirmed);
  });

  it('refuses a row whose address was changed to someone else’s code, and reports a file of another incident', async () => {
    const edited = join(work, 'edited.csv');
    // member-only@'s row now carries nobody@'s code (never opened): that code must not go to them.
    // First, a row whose notice was opened, so the refused row's line in this file differs from its line
    // in the selection the follow-up makes.
    const swapped: Row[] = [first[0]!, { ...first[1]!, code: first[2]!.code! }, first[2]!];
    const header = Object.keys(first[0]!);
    writeFileSync(edited, [header.join(','), ...swapped.map((r) => header.map((h) => JSON.stringify(r[h] ?? '')).join(','))].join('\n'));
    const out = join(work, 'edited.pdf');
    const { stdout } = await cli(
      'notices', '--incident', 'demo', '--follow-up', '--from', edited, '--not-opened-for', '0d', '--channel', 'letter', '--out', out, '--base-url', baseURL,
    );
    expect(stdout).toMatch(/code_not_theirs: 1 \(lines 3\)/);
    const letters: Row[] = parse(readFileSync(join(work, 'edited.manifest.csv')), { columns: true });
    expect(letters.map((r) => [r.email, r.code])).toEqual([[first[2]!.email, first[2]!.code]]);

    const other = join(work, 'other.pdf');
    const { stdout: notOurs } = await cli(
      'notices', '--incident', 'kissa-2024', '--follow-up', '--from', emails, '--not-opened-for', '0d', '--channel', 'letter', '--out', other, '--base-url', baseURL,
    ).catch((err: { stdout: string; stderr: string }) => err);
    expect(notOurs).toContain('3 rows carry no notice code of "kissa-2024"');
  });
});
