/**
 * The chunked import, the path `--remote` takes (chunk files through `wrangler d1 execute`), run here
 * against the portal's local D1 with `--chunked`: stopped after a chunk it switches nothing on; run
 * again with the same list it fills the same dataset on from where it stopped, and the portal answers
 * from the new list. The resume state names no identifier (the lock token is random).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cli, cliArgs, clientAddresses, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('chunked');
const slug = `chunked-${process.pid}`;
const resumeDir = join('.wrangler', 'amiaffected-import');

const client = clientAddresses('203.0.113.');
async function affected(email: string): Promise<boolean | undefined> {
  const res = await fetch(`${baseURL}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...client(), 'accept-language': 'en' },
    body: JSON.stringify({ incident: slug, email }),
  });
  return ((await res.json()) as { affected?: boolean }).affected;
}

function csv(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

const resumeFiles = () => (existsSync(resumeDir) ? readdirSync(resumeDir).filter((f) => f.startsWith(`${slug}-`)) : []);

beforeAll(async () => {
  const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
  const file = join(work, 'incident.json');
  writeFileSync(file, JSON.stringify({ ...demo, slug }));
  await cli('incident', 'publish', file);
  await cli('import', '--incident', slug, '--file', csv('old.csv', 'email,groups\nold@example.org,members\n'));
});

describe('chunked import', () => {
  it('stops after a chunk without switching on, then resumes the same dataset and switches it on', { timeout: 240_000 }, async () => {
    const emails = Array.from({ length: 9 }, (_, i) => `new${i}@example.org`);
    const list = csv('new.csv', ['email,groups,store', ...emails.map((e, i) => `${e},${i % 2 ? 'cards' : 'members'},Shop ${i % 2}`)].join('\n'));
    const args = ['import', '--incident', slug, '--file', list, '--chunked', '--chunk-entries', '2'];

    const child: ChildProcess = spawn(process.execPath, cliArgs(...args));
    let stderr = '';
    let stdout = '';
    let interrupted = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => {
      stderr += d;
      if (!interrupted && stderr.includes('Loaded chunk 1 of 5')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('nothing was switched on');
    expect(stdout).not.toContain('switched on');
    expect(await affected('old@example.org')).toBe(true);
    expect(await affected('new0@example.org')).toBe(false);

    // What is kept between runs: ids, a digest and counters, nothing from the list.
    const [state] = resumeFiles();
    const saved = JSON.parse(readFileSync(join(resumeDir, state!), 'utf8'));
    expect(Object.keys(saved).sort()).toEqual(['chunkEntries', 'dataset', 'digest', 'keyId', 'lockToken', 'nextChunk']);
    expect(saved.nextChunk).toBeGreaterThanOrEqual(1);

    // Chunk files of runs killed outright go with the next chunked import; a running import's stay.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = join(tmpdir(), `amiaffected-chunks-${gone}-killed`);
    const live = join(tmpdir(), `amiaffected-chunks-${process.pid}-running`);
    for (const dir of [stale, live]) {
      mkdirSync(dir);
      writeFileSync(join(dir, 'chunk-0.sql'), 'INSERT INTO entries VALUES (1);');
    }

    const again = await cli(...args);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    rmSync(live, { recursive: true });
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`amiaffected-chunks-${child.pid}-`))).toEqual([]);
    const resumed = /Resuming dataset (\d+) at chunk (\d+) of 5/.exec(again.stderr);
    expect(resumed, again.stderr).not.toBeNull();
    expect(Number(resumed![1])).toBe(saved.dataset);
    expect(Number(resumed![2])).toBeGreaterThan(1);
    expect(again.stderr).not.toContain('Loaded chunk 1 of 5');
    expect(again.stdout).toContain(`Loaded as dataset ${saved.dataset} and switched on.`);
    expect(again.stdout).toMatch(/Unique identifiers:\s+9/);
    expect(resumeFiles()).toEqual([]);

    for (const e of emails) expect(await affected(e)).toBe(true);
    expect(await affected('old@example.org')).toBe(false);

    // The same list again is recognised as loaded.
    expect((await cli(...args)).stdout).toContain('Unchanged');
  });
});
