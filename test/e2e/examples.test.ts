/**
 * The shipped example incident (examples/kissa-2024: two groups over different periods, looked up by
 * email and postcode) goes through the operator workflow as the README describes it: publish, import,
 * notices; then customers' lookups answer over HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { cli, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('examples');

const client = clientAddresses('203.0.113.');
async function check(body: Record<string, string>) {
  const res = await fetch(`${baseURL}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...client() },
    body: JSON.stringify({ incident: 'kissa-2024', locale: 'en', ...body }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  await cli('incident', 'publish', 'examples/kissa.incident.json');
  const { stdout } = await cli('import', '--incident', 'kissa-2024', '--file', 'examples/kissa.affected.csv');
  expect(stdout).toContain('Unique identifiers:  3');
});

describe('examples/kissa-2024 (second-factor incident)', () => {
  it('answers an email with its postcode, and only the pair', async () => {
    expect(await check({ email: 'hanako@example.com', factor: '1000001' })).toMatchObject({ status: 200, body: { affected: true } });
    const wrong = await check({ email: 'hanako@example.com', factor: '100-0002' });
    expect(wrong.body).toMatchObject({ affected: false, headline: en.secondFactor.noMatchHeadline });
    expect((await check({ email: 'hanako@example.com' })).status).toBe(400);
  });

  it('writes notices whose links show each recipient’s answer', async () => {
    const out = join(work, 'notices.csv');
    await cli('notices', '--incident', 'kissa-2024', '--recipients', 'examples/kissa.recipients.csv', '--out', out, '--base-url', baseURL);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.email, r.affected])).toEqual([
      ['hanako@example.com', 'yes'],
      ['jiro@example.com', 'yes'],
      ['shiro@example.com', 'no'],
    ]);
    const page = await (await fetch(rows[2]!.link!, { headers: { 'cf-connecting-ip': '203.0.113.250' } })).text();
    // A notice knows its recipient's exact pair, so it may say "not included" outright.
    expect(page).toContain(ja.answer.notAffected);
  });
});
