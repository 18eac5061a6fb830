/**
 * Configuration changes without a re-import, through the real CLI and the running portal: a pepper
 * regenerated under the same key id, and a republished lookup mode. Each stops the answers (503) instead
 * of changing them, the CLI names the cause and the fix, and a re-import brings the answers back.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cli, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('binding');
const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));

/** Runs the CLI expecting it to fail; returns what it printed. */
async function cliFails(...args: string[]): Promise<string> {
  try {
    await cli(...args);
  } catch (err) {
    const { stdout, stderr } = err as { stdout: string; stderr: string };
    return stdout + stderr;
  }
  throw new Error('the command succeeded');
}

const client = clientAddresses('203.0.113.');
async function check(slug: string, body: Record<string, string>) {
  const res = await fetch(`${baseURL}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...client() },
    body: JSON.stringify({ incident: slug, ...body }),
  });
  return { status: res.status, body: (await res.json()) as { affected?: boolean; error?: string } };
}

// The portal and the CLI's local mode both use the pepper in .dev.vars (written by npm start).
const devPepper = parseEnv(readFileSync('.dev.vars', 'utf8')).PEPPER!;
const keyId = devPepper.split(':')[0]!;
const regenerated = join(work, 'regenerated-pepper.txt');
writeFileSync(regenerated, `${keyId}:${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`);

const list = join(work, 'list.csv');
writeFileSync(list, 'email,order_id,groups\r\naffected@example.com,,members|cards\r\n,ORD-1001,cards\r\n');
const recipients = join(work, 'recipients.csv');
writeFileSync(recipients, 'email\r\naffected@example.com\r\n');

let incidents = 0;
async function publish(lookup: object): Promise<{ slug: string; file: string; stderr: string }> {
  const slug = `binding-cli-${process.pid}-${++incidents}`;
  const file = join(work, `${slug}.json`);
  writeFileSync(file, JSON.stringify({ ...demo, slug, lookup }));
  const { stderr } = await cli('incident', 'publish', file);
  return { slug, file, stderr };
}

beforeAll(async () => {
  expect((await fetch(`${baseURL}/`)).ok).toBe(true);
});

describe('a pepper regenerated under the same key id', () => {
  it('makes the list it hashed answer 503, and notices refuse naming the cause and the fix', async () => {
    const { slug } = await publish({ mode: 'open' });
    await cli('--pepper-file', regenerated, 'import', '--incident', slug, '--file', list);
    expect(await check(slug, { email: 'affected@example.com' })).toMatchObject({ status: 503 });
    expect(await check(slug, { orderId: 'ORD-1001' })).toMatchObject({ status: 503 });

    const out = join(work, `${slug}-notices.csv`);
    const said = await cliFails('notices', '--incident', slug, '--recipients', recipients, '--out', out, '--base-url', 'https://check.example.com');
    expect(said).toContain('same key id, another key');
    expect(said).toContain(`re-import the list of incident "${slug}"`);
    expect(said).not.toContain('affected@example.com');
    expect(existsSync(out)).toBe(false);

    await cli('import', '--incident', slug, '--file', list);
    expect(await check(slug, { email: 'affected@example.com' })).toMatchObject({ status: 200, body: { affected: true } });
  });
});

describe('a lookup mode republished without a re-import', () => {
  it('warns on publish, answers 503 until the re-import, then answers in the new mode', async () => {
    const { slug, file } = await publish({ mode: 'open' });
    await cli('import', '--incident', slug, '--file', list);
    expect(await check(slug, { email: 'affected@example.com' })).toMatchObject({ status: 200, body: { affected: true } });

    writeFileSync(file, JSON.stringify({ ...demo, slug, lookup: { mode: 'second-factor', secondFactor: 'postcode' } }));
    const { stderr } = await cli('incident', 'publish', file);
    expect(stderr).toContain('Warning');
    expect(stderr).toContain('lookup mode "open"');
    expect(stderr).toContain(`re-import the list of incident "${slug}"`);
    expect(await check(slug, { email: 'affected@example.com', factor: '100-0001' })).toMatchObject({ status: 503 });

    const out = join(work, `${slug}-notices.csv`);
    expect(await cliFails('notices', '--incident', slug, '--recipients', recipients, '--out', out, '--base-url', 'https://check.example.com')).toContain(
      'lookup mode',
    );

    const sensitiveList = join(work, `${slug}.csv`);
    writeFileSync(sensitiveList, 'email,groups,postcode\r\naffected@example.com,members|cards,100-0001\r\n');
    await cli('import', '--incident', slug, '--file', sensitiveList);
    expect(await check(slug, { email: 'affected@example.com', factor: '100-0001' })).toMatchObject({ status: 200, body: { affected: true } });
    expect(await check(slug, { email: 'affected@example.com' })).toMatchObject({ status: 400, body: { error: 'factor_required' } });
  });
});
