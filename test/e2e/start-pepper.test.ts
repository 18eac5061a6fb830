/**
 * `npm start` never writes a new pepper under a key id that is already in use: with .dev.vars lost (or
 * deleted) while the local D1 keeps lists hashed with the old pepper, a fresh pepper under the same id
 * would look like the old one. It takes the next free id instead, and the demo list is imported again
 * under it. Runs scripts/start.ts --setup-only in a copy of the project, so this checkout's own
 * .dev.vars is never touched.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEnv, promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const copy = mkdtempSync(join(tmpdir(), 'amiaffected-start-'));
for (const part of ['package.json', 'wrangler.toml', 'src', 'scripts', 'demo', 'migrations', 'public']) cpSync(part, join(copy, part), { recursive: true });
symlinkSync(resolve('node_modules'), join(copy, 'node_modules'));

afterAll(() => rmSync(copy, { recursive: true, force: true }));

async function setup(): Promise<string> {
  const { stdout } = await run(process.execPath, ['scripts/start.ts', '--setup-only', '--persist-to', 'state'], { cwd: copy, maxBuffer: 1 << 24 });
  return stdout;
}

const keyId = () => parseEnv(readFileSync(join(copy, '.dev.vars'), 'utf8')).PEPPER!.split(':')[0];

describe('npm start and the development pepper', () => {
  it('takes a key id no list in the local D1 was hashed with, and imports the demo again under it', { timeout: 180_000 }, async () => {
    const first = await setup();
    expect(first).toContain('(key id dev1)');
    expect(keyId()).toBe('dev1');
    expect(await setup()).toContain('unchanged'); // a second run changes nothing

    rmSync(join(copy, '.dev.vars'));
    const again = await setup();
    expect(again).toContain('(key id dev2)');
    expect(keyId()).toBe('dev2');
    expect(again).toMatch(/Demo affected list: \d+ identifiers, loaded as dataset/);
  });
});
