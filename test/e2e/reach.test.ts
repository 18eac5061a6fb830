/**
 * Reach end to end: the CLI publishes an incident of this test's own, imports its list and writes the
 * notices; their links are opened on the running portal (one of them twice); then `reach` counts them
 * by channel and answer, with the opened share per UTC day, as a table and as CSV. Nothing it prints
 * names a recipient or a code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cli, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('reach');
const slug = `reach-e2e-${Date.now().toString(36)}`;

const client = clientAddresses('198.51.100.');

interface NoticeRow {
  email: string;
  code: string;
  link: string;
}
let rows: NoticeRow[];

type CsvRow = Record<string, string>;
async function reachCsv(): Promise<CsvRow[]> {
  return parse((await cli('reach', '--incident', slug, '--csv')).stdout, { columns: true });
}

beforeAll(async () => {
  const definition = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
  writeFileSync(join(work, 'incident.json'), JSON.stringify({ ...definition, slug }));
  await cli('incident', 'publish', join(work, 'incident.json'));
  await cli('import', '--incident', slug, '--file', 'demo/demo.affected.csv');
  const recipients = join(work, 'recipients.csv');
  writeFileSync(recipients, 'email,locale\naffected@example.com,en\nmember-only@example.com,ja\nnobody@example.com,ja\n');
  const out = join(work, 'notices.csv');
  await cli('notices', '--incident', slug, '--recipients', recipients, '--out', out, '--base-url', baseURL);
  rows = parse(readFileSync(out), { columns: true });
});

describe('reach', () => {
  it('counts notices issued before any is opened', async () => {
    const { stdout } = await cli('reach', '--incident', slug);
    expect(stdout).toContain(`Notices of "${slug}": 3 issued, 0 opened (0.0%).`);
  });

  it('counts each opened notice once, by channel and answer, with the opened share per UTC day', async () => {
    const [affected, , nobody] = rows as [NoticeRow, NoticeRow, NoticeRow];
    for (const link of [affected.link, affected.link, nobody.link]) expect((await fetch(link, { headers: client() })).status).toBe(200);
    // The portal records an opening after answering (waitUntil): give it a moment.
    let total: CsvRow | undefined;
    for (let i = 0; i < 20; i++) {
      total = (await reachCsv()).find((r) => r.row === 'total');
      if (total?.opened === '2') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(total).toMatchObject({ issued: '3', opened: '2', share: '0.6667' });

    const { stdout } = await cli('reach', '--incident', slug);
    const today = new Date().toISOString().slice(0, 10);
    expect(stdout).toContain(`Notices of "${slug}": 3 issued, 2 opened (66.7%).`);
    expect(stdout).toMatch(/^email\s+3\s+2\s+66\.7%$/m);
    expect(stdout).toMatch(/^letter\s+0\s+0\s+–$/m);
    expect(stdout).toMatch(/^affected\s+2\s+1\s+50\.0%$/m);
    expect(stdout).toMatch(/^not affected\s+1\s+1\s+100\.0%$/m);
    expect(stdout).toMatch(/^open: under investigation\s+0\s+0\s+–$/m);
    expect(stdout).toMatch(new RegExp(`^${today}\\s+3\\s+2\\s+66\\.7%$`, 'm'));
    expect(stdout).toMatch(/^Verify checks: \d+/m);
    // Numbers only: no address, no code, no hash.
    for (const r of rows) {
      expect(stdout).not.toContain(r.email);
      expect(stdout).not.toContain(r.code);
    }
    expect(stdout).not.toMatch(/[0-9a-f]{32}/);
  });

  it('gives the same figures as CSV, a row per channel, answer, channel and answer, and day', async () => {
    const csv = await reachCsv();
    const pick = (row: string, key: (r: CsvRow) => string) =>
      Object.fromEntries(csv.filter((r) => r.row === row).map((r) => [key(r), [r.issued, r.opened, r.share]]));
    expect(pick('channel', (r) => r.channel!)).toEqual({ email: ['3', '2', '0.6667'], letter: ['0', '0', ''], sms: ['0', '0', ''] });
    expect(pick('answer', (r) => r.answer!)).toEqual({
      affected: ['2', '1', '0.5000'],
      not_affected: ['1', '1', '1.0000'],
      under_investigation: ['0', '0', ''],
      no_exposure_confirmed: ['0', '0', ''],
    });
    expect(pick('channel_answer', (r) => `${r.channel}/${r.answer}`)).toEqual({
      'email/affected': ['2', '1', '0.5000'],
      'email/not_affected': ['1', '1', '1.0000'],
    });
    const days = csv.filter((r) => r.row === 'day');
    expect(days.at(-1)).toMatchObject({ day: new Date().toISOString().slice(0, 10), issued: '3', opened: '2' });
    const text = JSON.stringify(csv);
    for (const r of rows) expect(text).not.toContain(r.code);
  });

  it('refuses an incident that is not published', async () => {
    await expect(cli('reach', '--incident', `${slug}-missing`)).rejects.toMatchObject({ stderr: expect.stringContaining('is not published') });
  });
});
