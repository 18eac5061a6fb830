/**
 * The operator CLI against the real local D1 behind a running portal: publish an incident, import its
 * list, and check the answers customers get over HTTP. Re-imports replace; an import that fails or is
 * stopped leaves the previous answers in place; bad rows are reported by line, never by value, and a list
 * with rejections loads only once their count is confirmed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cli, cliArgs, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('cli');
const slug = `cli-${process.pid}`;

const client = clientAddresses('198.51.100.');
async function check(body: Record<string, string>) {
  const res = await fetch(`${baseURL}/api/v1/check`, {
    method: 'POST',
    // A client address per request keeps these checks clear of the per-IP rate limit.
    headers: { 'content-type': 'application/json', ...client(), 'accept-language': 'en' },
    body: JSON.stringify({ incident: slug, ...body }),
  });
  return { status: res.status, body: (await res.json()) as { affected?: boolean; groups?: { code: string }[] } };
}

const codes = (r: Awaited<ReturnType<typeof check>>) => r.body.groups?.map((g) => g.code).sort();

function csv(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
  const file = join(work, 'incident.json');
  writeFileSync(file, JSON.stringify({ ...demo, slug }));
  const { stdout } = await cli('incident', 'publish', file);
  expect(stdout).toContain(`Incident "${slug}": published.`);
});

describe('import', () => {
  it('loads a list, reports bad rows by line without their values, and answers from it', async () => {
    const list = csv(
      'first.csv',
      [
        'email,order_id,groups,store',
        'alice@example.org,,members,Tenant Store A',
        'ＢＯＢ＠ｅｘａｍｐｌｅ．ｏｒｇ,,cards,',
        ',ORD-2001,members|cards,',
        'not-an-email,,members,',
        'carol@example.org,,no-such-group,',
        'alice@example.org,,cards,',
      ].join('\n'),
    );
    const { stdout } = await cli('import', '--incident', slug, '--file', list, '--accept-rejected', '2');
    expect(stdout).toMatch(/Rows read:\s+6/);
    expect(stdout).toMatch(/Accepted:\s+4/);
    expect(stdout).toMatch(/Rejections:\s+2/);
    expect(stdout).toContain('invalid_email: 1 (lines 5)');
    expect(stdout).toContain('unknown_group: 1 (lines 6)');
    expect(stdout).toMatch(/Unique identifiers:\s+3/);
    expect(stdout).not.toContain('not-an-email');
    expect(stdout).not.toContain('carol@');

    // Duplicates merge their groups.
    expect(codes(await check({ email: 'alice@example.org' }))).toEqual(['cards', 'members']);
    expect(codes(await check({ email: 'bob@example.org' }))).toEqual(['cards']);
    expect(codes(await check({ orderId: 'ord2001' }))).toEqual(['cards', 'members']);
    expect((await check({ email: 'carol@example.org' })).body.affected).toBe(false);
  });

  it('replaces the list on re-import, and says so when nothing changed', async () => {
    const second = csv('second.csv', 'email,groups\ncarol@example.org,members\nbob@example.org,cards\n');
    expect((await cli('import', '--incident', slug, '--file', second)).stdout).toContain('switched on');
    expect((await check({ email: 'alice@example.org' })).body.affected).toBe(false);
    expect(codes(await check({ email: 'carol@example.org' }))).toEqual(['members']);
    expect((await cli('import', '--incident', slug, '--file', second)).stdout).toContain('Unchanged');
  });

  it('validates without loading on --dry-run', async () => {
    const dry = csv('dry.csv', 'email,groups\ndave@example.org,members\n');
    expect((await cli('import', '--incident', slug, '--file', dry, '--dry-run')).stdout).toContain('Dry run');
    expect((await check({ email: 'dave@example.org' })).body.affected).toBe(false);
  });

  it('keeps the previous answers when a file is unusable', async () => {
    const noHeader = csv('no-header.csv', 'dave@example.org,members\n');
    await expect(cli('import', '--incident', slug, '--file', noHeader)).rejects.toMatchObject({
      stderr: expect.stringContaining('The first line is not a header row'),
    });
    expect(codes(await check({ email: 'carol@example.org' }))).toEqual(['members']);
  });

  it('keeps the previous answers when an import is stopped with Ctrl-C half-way', async () => {
    const rows = ['email,groups', 'erin@example.org,members'];
    for (let i = 0; i < 300_000; i++) rows.push(`bulk${i}@example.org,cards`);
    const big = csv('big.csv', rows.join('\n'));
    const child: ChildProcess = spawn(process.execPath, cliArgs('import', '--incident', slug, '--file', big));
    let stderr = '';
    let stdout = '';
    child.stdout!.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stderr!.on('data', (d) => {
      stderr += d;
      // Interrupt as soon as loading starts: the import must stop before switching anything on.
      if (stderr.includes('Loading…')) child.kill('SIGINT');
    });
    expect(await exited).not.toBe(0);
    expect(stderr).toContain('nothing was switched on');
    expect(stdout).not.toContain('switched on');
    expect((await check({ email: 'erin@example.org' })).body.affected).toBe(false);
    expect(codes(await check({ email: 'carol@example.org' }))).toEqual(['members']);
    // The stopped import released the incident's import lock: the next one runs.
    const after = csv('after-stop.csv', 'email,groups\nfrank@example.org,cards\n');
    expect((await cli('import', '--incident', slug, '--file', after)).stdout).toContain('switched on');
  });
});
