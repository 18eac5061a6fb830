/**
 * After every kind of notice run (email, letters, SMS, a follow-up), every notice link opened, and reach,
 * no identifier of a recipient (email address, name, postal address, phone number) and no notice code is
 * anywhere in the portal's local state (D1's files and whatever else the local runtime keeps there), in
 * what the portal logged, or in what the CLI printed. Only the notice files themselves hold them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { filesUnder, cli as runCli, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const stateDir = inject('stateDir');
const portalLog = inject('portalLog');
const work = scratchDir('no-plaintext');
const printed: string[] = [];

async function cli(...args: string[]) {
  const { stdout, stderr } = await runCli(...args);
  printed.push(stdout, stderr);
}

// Unique probes, so a hit can only come from this test's recipients.
const probe = {
  email: 'plaintext-probe-7f3q@example.com',
  listed: 'affected@example.com',
  name: 'Probe Kenji Watanabe',
  postcode: '987-6543',
  address: '9-8-7 Probeshima Nishi',
  phone: '+819012347788',
};

let codes: string[] = [];

beforeAll(async () => {
  const recipients = join(work, 'recipients.csv');
  writeFileSync(
    recipients,
    [
      'email,locale,name,postcode,address1,phone',
      `${probe.email},en,${probe.name},${probe.postcode},${probe.address},${probe.phone}`,
      `${probe.listed},en,${probe.name} II,${probe.postcode},${probe.address} II,+819012347789`,
    ].join('\n'),
  );
  const email = join(work, 'emails.csv');
  await cli('notices', '--incident', 'demo', '--recipients', recipients, '--out', email, '--base-url', baseURL);
  await cli('notices', '--incident', 'demo', '--recipients', recipients, '--channel', 'letter', '--out', join(work, 'letters.pdf'), '--base-url', baseURL);
  await cli('notices', '--incident', 'demo', '--recipients', recipients, '--channel', 'sms', '--out', join(work, 'sms.csv'), '--base-url', baseURL);
  await cli('notices', '--incident', 'demo', '--follow-up', '--from', email, '--not-opened-for', '0d', '--out', join(work, 'again.csv'), '--base-url', baseURL);
  await cli('reach', '--incident', 'demo');
  for (const file of ['emails.csv', 'letters.manifest.csv', 'sms.csv']) {
    codes.push(...(parse(readFileSync(join(work, file)), { columns: true }) as { code: string }[]).map((r) => r.code));
  }
  // The links were opened too, so the reach record exists.
  for (const code of codes) await fetch(`${baseURL}/n/${code}`, { headers: { 'cf-connecting-ip': '203.0.113.90' } });
  await new Promise((r) => setTimeout(r, 1_000));
  codes = [...new Set(codes)];
}, 120_000);

describe('no plaintext outside the notice files', () => {
  it('the notice files do hold them (the probes are real)', () => {
    expect(readFileSync(join(work, 'emails.csv'), 'utf8')).toContain(probe.email);
    expect(readFileSync(join(work, 'sms.csv'), 'utf8')).toContain(probe.phone);
    expect(codes.length).toBe(6);
  });

  it("the portal's state and log hold no address, name, postal address, phone number or notice code", () => {
    // The whole state directory: D1's files, and anything else the local runtime keeps (`npm start` turns
    // off wrangler's local request-trace store, which would record every /n/<code> URL), and the log.
    const files = filesUnder(stateDir);
    expect(files.some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect(files).toContain(portalLog);
    // The scan does see what D1 stores in the clear (the incident's published text), so a miss means absence.
    expect(files.some((f) => readFileSync(f).includes(Buffer.from('Member and card data exposed at Sample Mall')))).toBe(true);
    const needles = [probe.email, probe.listed, probe.name, probe.address, probe.postcode, probe.phone, '9012347788', ...codes, ...codes.map((c) => c.replaceAll('-', ''))];
    for (const file of files) {
      const content = readFileSync(file);
      for (const needle of needles) expect(content.includes(Buffer.from(needle)), `${needle.slice(0, 6)}… in ${file}`).toBe(false);
    }
  });

  it('nothing the CLI printed names a recipient or a code', () => {
    const all = printed.join('\n');
    for (const needle of [probe.email, probe.listed, probe.name, probe.address, probe.phone, ...codes]) expect(all.includes(needle), needle.slice(0, 6)).toBe(false);
  });
});
