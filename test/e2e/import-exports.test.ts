/**
 * Realistic exports through the real CLI into the portal's local D1, checked over HTTP: Japanese and
 * full-width headers, unknown and doubled columns, a missing header row, Excel damage beside a valid
 * email (loaded only once the rejection count is confirmed), the reconciliation report, BOM and CRLF,
 * Shift_JIS, and invalid UTF-8. A refused file leaves the previous answers in place.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cli, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('exports');
const slug = `exports-${process.pid}`;

const importFile = (file: string, ...args: string[]) => cli('import', '--incident', slug, '--file', file, ...args);

/** The CLI's stderr when it refuses, failing the test if it does not. */
async function refused(file: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    await importFile(file, ...args);
  } catch (err) {
    return err as { stdout: string; stderr: string };
  }
  throw new Error('the import was not refused');
}

const client = clientAddresses('192.0.2.', 250);
async function check(body: Record<string, string>) {
  const res = await fetch(`${baseURL}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...client(), 'accept-language': 'en' },
    body: JSON.stringify({ incident: slug, ...body }),
  });
  return (await res.json()) as { affected?: boolean; store?: string | null; groups?: { code: string }[] };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** Shift_JIS, encoded by hand (Node decodes it but has no encoder); checked against the decoder below. */
const SJIS = {
  'メールアドレス': [0x83, 0x81, 0x81, 0x5b, 0x83, 0x8b, 0x83, 0x41, 0x83, 0x68, 0x83, 0x8c, 0x83, 0x58],
  'グループ': [0x83, 0x4f, 0x83, 0x8b, 0x81, 0x5b, 0x83, 0x76],
  '店舗名': [0x93, 0x58, 0x95, 0xdc, 0x96, 0xbc],
  '渋谷店': [0x8f, 0x61, 0x92, 0x4a, 0x93, 0x58],
};

beforeAll(async () => {
  const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
  const incident = join(work, 'incident.json');
  writeFileSync(incident, JSON.stringify({ ...demo, slug }));
  await cli('incident', 'publish', incident);
  await importFile(file('base.csv', 'email,groups\nbase@example.org,members\n'));
});

describe('column names of real exports', () => {
  it('loads Japanese and full-width headers', async () => {
    const list = file('ja.csv', 'メールアドレス,注文番号,グループ,店舗名\nhanako@example.org,ORD-3001,members,本店\n');
    expect((await importFile(list)).stdout).toContain('switched on');
    expect(await check({ email: 'hanako@example.org' })).toMatchObject({ affected: true, store: '本店' });
    expect((await check({ orderId: 'ORD-3001' })).affected).toBe(true);

    const wide = file('wide.csv', 'Ｅ－ｍａｉｌ,Order No.,ＧＲＯＵＰＳ,Ｓｈｏｐ\ntaro@example.org,ORD-3002,cards,Online\n');
    expect((await importFile(wide)).stdout).toContain('switched on');
    expect(await check({ email: 'taro@example.org' })).toMatchObject({ affected: true, store: 'Online' });
    expect((await check({ orderId: 'ORD-3002' })).affected).toBe(true);
  });

  it('refuses an unknown column, and loads without it when told to ignore it', async () => {
    const list = file('memo.csv', 'email,groups,備考\nmemo@example.org,members,VIP\n');
    expect((await refused(list)).stderr).toContain('Unknown column "備考" (column 3)');
    expect((await check({ email: 'memo@example.org' })).affected).toBe(false);
    const { stdout } = await importFile(list, '--ignore-column', '備考');
    expect(stdout).toContain('Ignored columns:     "備考"');
    expect((await check({ email: 'memo@example.org' })).affected).toBe(true);
  });

  it('refuses a column named twice, also under two names', async () => {
    const list = file('twice.csv', 'email,groups,メールアドレス\ntwice@example.org,members,other@example.org\n');
    const { stderr } = await refused(list);
    expect(stderr).toContain('both hold "email"');
    expect(stderr).not.toContain('@example.org');
    expect((await check({ email: 'twice@example.org' })).affected).toBe(false);
  });

  it('refuses a list without a header row, printing nothing of its first line', async () => {
    const list = file('headless.csv', 'headless@example.org,ORD-3999,members,Secret Shop\n');
    const { stdout, stderr } = await refused(list);
    expect(stderr).toContain('The first line is not a header row');
    for (const value of ['headless', 'ORD-3999', 'members', 'Secret Shop']) expect(stdout + stderr).not.toContain(value);
    expect((await check({ email: 'memo@example.org' })).affected).toBe(true);
  });
});

describe('rejections', () => {
  const damaged = () => file('damaged.csv', 'email,order_id,groups\nexcel@example.org,1.23457E+11,members\nplain@example.org,ORD-3100,cards\n');

  it('loads a row with Excel damage only once the count is confirmed, keeping its email', async () => {
    const list = damaged();
    const first = await refused(list);
    expect(first.stdout).toMatch(/Rejections:\s+1/);
    expect(first.stdout).toContain('excel_scientific: 1 (lines 2): Excel turned this order ID into a number in scientific notation');
    expect(first.stderr).toContain('--accept-rejected 1');
    expect(first.stderr).toContain(`${list}.rejections.csv`);
    expect((await check({ email: 'excel@example.org' })).affected).toBe(false);

    const wrong = await refused(list, '--accept-rejected', '2');
    expect(wrong.stderr).toContain('--accept-rejected 2 does not match the 1 rejection');
    expect((await check({ email: 'plain@example.org' })).affected).toBe(false);

    expect((await importFile(list, '--accept-rejected', '1')).stdout).toContain('switched on');
    expect((await check({ email: 'excel@example.org' })).affected).toBe(true);
    expect((await check({ orderId: 'ORD-3100' })).affected).toBe(true);
  });

  it('writes the reconciliation report (line, column as written, reason; no values, mode 600), on a dry run too', async () => {
    const list = file(
      'report.csv',
      ['Mail Address,Order No,Groups', 'a1@example.org,#N/A,members', 'not-an-email,ORD-3200,members', 'a3@example.org,12345.0,no-such', '"unclosed,row', ',,members'].join('\r\n'),
    );
    const report = join(work, 'custom-report.csv');
    const { stdout } = await importFile(list, '--dry-run', '--report', report);
    expect(stdout).toMatch(/Rejections:\s+6/);
    expect(stdout).toContain(`Report:              ${report}`);
    expect(stdout).toContain('--accept-rejected 6');
    expect(readFileSync(report, 'utf8').trim().split(/\r?\n/)).toEqual([
      'line,column,reason,explanation',
      expect.stringMatching(/^2,Order No,excel_error,/),
      expect.stringMatching(/^3,Mail Address,invalid_email,/),
      expect.stringMatching(/^4,Groups,unknown_group,/),
      expect.stringMatching(/^4,Order No,excel_float,/),
      expect.stringMatching(/^5,,malformed_csv,/),
      expect.stringMatching(/^6,,no_identifier,/),
    ]);
    const text = readFileSync(report, 'utf8');
    for (const value of ['a1@', 'not-an-email', 'ORD-3200', '12345', 'no-such', 'unclosed']) expect(text).not.toContain(value);
    expect(statSync(report).mode & 0o777).toBe(0o600);
    expect(stdout + text).not.toContain('@example.org');
  });
});

describe('encodings', () => {
  it('loads UTF-8 with a BOM and CRLF line ends', async () => {
    // Spreadsheets write rows of empty cells below the data: they hold no one.
    const list = file('bom.csv', bytes([0xef, 0xbb, 0xbf], 'email,groups,store\r\nbom@example.org,members,渋谷店\r\ncrlf@example.org,cards,\r\n,,\r\n,,\r\n'));
    const { stdout } = await importFile(list);
    expect(stdout).toMatch(/Rows read:\s+2/);
    expect(stdout).toMatch(/Rejections:\s+0/);
    expect(await check({ email: 'bom@example.org' })).toMatchObject({ affected: true, store: '渋谷店' });
    expect((await check({ email: 'crlf@example.org' })).groups?.map((g) => g.code)).toEqual(['cards']);
    expect(existsSync(`${list}.rejections.csv`)).toBe(false);
  });

  it('refuses Shift_JIS with advice, and decodes it with --encoding shift_jis (Japanese header and store)', async () => {
    const decoder = new TextDecoder('shift_jis', { fatal: true });
    for (const [text, sjis] of Object.entries(SJIS)) expect(decoder.decode(Uint8Array.from(sjis))).toBe(text);
    const list = file('sjis.csv', bytes(SJIS['メールアドレス'], ',', SJIS['グループ'], ',', SJIS['店舗名'], '\r\nsjis@example.org,members,', SJIS['渋谷店'], '\r\n'));
    const { stderr } = await refused(list);
    expect(stderr).toContain('This file looks like Shift_JIS, as Japanese Excel saves "CSV": re-run with --encoding shift_jis');
    expect((await check({ email: 'sjis@example.org' })).affected).toBe(false);
    expect((await importFile(list, '--encoding', 'cp932')).stdout).toContain('switched on');
    expect(await check({ email: 'sjis@example.org' })).toMatchObject({ affected: true, store: '渋谷店' });
  });

  it('refuses invalid UTF-8 anywhere, naming the line, and loads nothing', async () => {
    const rows = ['email,groups,store'];
    for (let i = 0; i < 60_000; i++) rows.push(`bulk${i}@example.org,members,`);
    const list = file('invalid.csv', bytes(`${rows.join('\n')}\nlate@example.org,members,Shop `, [0xff, 0xc3], '\n'));
    const { stderr } = await refused(list);
    expect(stderr).toContain('Line 60002 is not valid UTF-8');
    expect((await check({ email: 'bulk1@example.org' })).affected).toBe(false);
    expect(await check({ email: 'sjis@example.org' })).toMatchObject({ affected: true, store: '渋谷店' });
  });

  it('refuses UTF-16 with advice', async () => {
    const list = file('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('email,groups\r\nu16@example.org,members\r\n', 'utf16le')]));
    expect((await refused(list)).stderr).toContain('UTF-16');
  });
});

describe('long numeric order IDs', () => {
  // No declared pattern: the order IDs are digits only, as many shop systems number them.
  const numeric = `${slug}-numeric`;
  const importNumeric = (list: string) => cli('import', '--incident', numeric, '--file', list);
  const checkNumeric = async (orderId: string) => {
    const res = await fetch(`${baseURL}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...client() },
      body: JSON.stringify({ incident: numeric, orderId }),
    });
    return { status: res.status, body: (await res.json()) as { affected?: boolean } };
  };

  beforeAll(async () => {
    const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
    const incident = join(work, 'numeric.json');
    writeFileSync(incident, JSON.stringify({ ...demo, slug: numeric, lookup: { mode: 'open' } }));
    await cli('incident', 'publish', incident);
  });

  it('refuses a column that Excel cut to 15 significant digits, loading nothing', async () => {
    const damaged = file('precision.csv', 'order_id,groups\n12345678901234500,cards\n98765432109876500,cards\n11112222333344400,members\n');
    let said = '';
    try {
      await importNumeric(damaged);
    } catch (err) {
      said = (err as { stderr: string }).stderr;
    }
    expect(said).toContain('Excel keeps only 15 significant digits');
    expect(said).not.toContain('12345678901234500');
    expect((await checkNumeric('12345678901234500')).status).toBe(503); // still no list at all
  });

  it('keeps a genuine 16-digit order ID that happens to end in 0, and answers for it', async () => {
    const genuine = file('genuine.csv', 'order_id,groups\n1234567890123450,cards\n1234567890123457,members\n9876543210987654,cards\n');
    expect((await importNumeric(genuine)).stdout).toMatch(/Rejections:\s+0/);
    expect(await checkNumeric('1234567890123450')).toMatchObject({ status: 200, body: { affected: true } });
    expect(await checkNumeric('1234567890123459')).toMatchObject({ status: 200, body: { affected: false } });
  });
});

describe('an empty list', () => {
  const empty = `${slug}-empty`;
  const checkEmpty = async (body: Record<string, string>) => {
    const res = await fetch(`${baseURL}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...client() },
      body: JSON.stringify({ incident: empty, ...body }),
    });
    return { status: res.status, body: (await res.json()) as { affected?: boolean; error?: string } };
  };

  it('is refused as a truncated export unless --allow-empty says nobody matched; then it answers "not affected"', async () => {
    const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
    const incident = join(work, 'empty.json');
    writeFileSync(incident, JSON.stringify({ ...demo, slug: empty, lookup: { mode: 'open' } }));
    await cli('incident', 'publish', incident);
    const list = file('empty.csv', 'email,order_id,groups\r\n');
    let said = '';
    try {
      await cli('import', '--incident', empty, '--file', list);
    } catch (err) {
      said = (err as { stderr: string }).stderr;
    }
    expect(said).toContain('--allow-empty');
    expect((await checkEmpty({ email: 'nobody@example.com' })).status).toBe(503);

    await cli('import', '--incident', empty, '--file', list, '--allow-empty');
    expect(await checkEmpty({ email: 'nobody@example.com' })).toMatchObject({ status: 200, body: { affected: false } });
    expect(await checkEmpty({ orderId: 'Test' })).toMatchObject({ status: 400, body: { error: 'email_required' } });
  });
});
