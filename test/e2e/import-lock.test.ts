/**
 * One import at a time per incident, through the real CLI on the portal's local D1: a second import
 * while one is loading is refused with the incident, the time and the clear command, and leaves the
 * running import's entries alone; a finished import frees the incident; a lock left by a killed import
 * is cleared with `unlock`; a resumed chunked import takes its own lock over after its process died.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cli, cliArgs, clientAddresses, run, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const stateDir = inject('stateDir');
const work = scratchDir('lock');
const unlock = (slug: string) => `npm run cli -- --persist-to ${stateDir} unlock --incident ${slug}`;

/** Starts the CLI; `until` resolves once its error output (progress, chunk lines) matches. */
function start(args: string[]) {
  const child: ChildProcess = spawn(process.execPath, cliArgs(...args));
  let stderr = '';
  let stdout = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const until = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const look = () => (stderr.includes(text) ? resolve() : undefined);
      child.stderr!.on('data', look);
      look();
      void exited.then(() => reject(new Error(`exited before "${text}":\n${stderr}`)));
    });
  return { child, until, exited, output: () => ({ stdout, stderr }) };
}

const client = clientAddresses('192.0.2.', 250);
async function affected(slug: string, email: string): Promise<boolean | undefined> {
  const res = await fetch(`${baseURL}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...client(), 'accept-language': 'en' },
    body: JSON.stringify({ incident: slug, email }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { affected?: boolean }).affected;
}

function list(name: string, emails: string[]): string {
  const path = join(work, name);
  writeFileSync(path, ['email,groups', ...emails.map((e) => `${e},members`)].join('\n'));
  return path;
}

async function publish(slug: string) {
  const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
  const file = join(work, `${slug}.json`);
  writeFileSync(file, JSON.stringify({ ...demo, slug }));
  await cli('incident', 'publish', file);
}

const slug = `lock-${process.pid}`;
beforeAll(() => publish(slug));

describe('the import lock', () => {
  it('refuses a second import while one loads, leaves its entries alone, and frees the incident when it ends', { timeout: 240_000 }, async () => {
    // Eight chunks, each its own `wrangler d1 execute`: time enough for both refused imports to run.
    const firstEmails = Array.from({ length: 8 }, (_, i) => `first${i}@example.org`);
    const first = start(['import', '--incident', slug, '--file', list('first.csv', firstEmails), '--chunked', '--chunk-entries', '1']);
    await first.until('Loaded chunk 1 of 8');

    const second = list('second.csv', ['second@example.org']);
    for (const extra of [[], ['--chunked']]) {
      const refused = await cli('import', '--incident', slug, '--file', second, ...extra).catch((err: { stderr: string; code: number }) => err);
      expect('code' in refused && refused.code).toBe(1);
      expect(refused.stderr).toContain(`Incident "${slug}" is already being imported: the lock was taken at 20`);
      expect(refused.stderr).toContain(unlock(slug));
      expect(refused.stderr).not.toContain('second@');
    }

    expect(await first.exited).toBe(0);
    // Every chunk, those sent before the refused imports too, is in the list that was switched on.
    expect(first.output().stdout).toMatch(/Unique identifiers:\s+8/);
    for (const e of firstEmails) expect(await affected(slug, e)).toBe(true);

    const { stdout } = await cli('import', '--incident', slug, '--file', second);
    expect(stdout).toContain('switched on');
    expect(await affected(slug, 'second@example.org')).toBe(true);
  });

  it('left by a killed import is cleared with unlock', { timeout: 120_000 }, async () => {
    const big = Array.from({ length: 200_000 }, (_, i) => `killed${i}@example.org`);
    const killed = start(['import', '--incident', slug, '--file', list('killed.csv', big)]);
    await killed.until('Reading');
    killed.child.kill('SIGKILL');
    await killed.exited;

    const next = list('next.csv', ['next@example.org']);
    const refused = await cli('import', '--incident', slug, '--file', next).catch((err: { stderr: string }) => err);
    expect(refused.stderr).toContain('That process is no longer running on this machine');
    expect(refused.stderr).toContain(unlock(slug));
    expect(await affected(slug, 'second@example.org')).toBe(true);

    const cleared = await run('sh', ['-c', unlock(slug)]);
    expect(cleared.stdout).toContain(`Cleared the import lock of "${slug}"`);
    expect((await cli('unlock', '--incident', slug)).stdout).toContain('had no import lock');
    expect((await cli('import', '--incident', slug, '--file', next)).stdout).toContain('switched on');
    expect(await affected(slug, 'next@example.org')).toBe(true);
  });

  it('of a killed chunked import is taken over when that import is resumed', { timeout: 240_000 }, async () => {
    const emails = Array.from({ length: 3 }, (_, i) => `resumed${i}@example.org`);
    const args = ['import', '--incident', slug, '--file', list('resumed.csv', emails), '--chunked', '--chunk-entries', '1'];
    const killed = start(args);
    await killed.until('Loaded chunk 1 of 3');
    killed.child.kill('SIGKILL');
    await killed.exited;

    const other = await cli('import', '--incident', slug, '--file', list('other.csv', ['other@example.org'])).catch((err: { stderr: string }) => err);
    expect(other.stderr).toContain('is already being imported');

    const again = await cli(...args);
    expect(again.stderr).toMatch(/Resuming dataset \d+ at chunk [23] of 3/);
    expect(again.stdout).toContain('switched on');
    for (const e of emails) expect(await affected(slug, e)).toBe(true);
  });
});
