/**
 * The portal keeps answering while a local import loads into the D1 file it reads: during an import
 * of 80,000 rows, lookups of customers whose answer cannot change (on the previous list and the new
 * one, or on neither) all get 200 with the right answer, never a 503. bench/import-under-load.ts
 * measures the same at 300,000 rows.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, inject, it } from 'vitest';
import { type ProbeCase, probeLookups } from '../../scripts/lib/lookup-probe.ts';
import { cli, cliArgs, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('under-load');
const slug = `under-load-${process.pid}`;
const KEPT = 500;
const ADDED = 80_000;

async function writeList(path: string, parts: { count: number; prefix: string }[]): Promise<void> {
  const out = createWriteStream(path);
  out.write('email,groups\n');
  for (const { count, prefix } of parts) {
    for (let i = 0; i < count; i++) if (!out.write(`${prefix}${i}@example.org,members\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

beforeAll(async () => {
  const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
  const file = join(work, 'incident.json');
  writeFileSync(file, JSON.stringify({ ...demo, slug }));
  await cli('incident', 'publish', file);
  await writeList(join(work, 'previous.csv'), [{ count: KEPT, prefix: 'kept' }]);
  await cli('import', '--incident', slug, '--file', join(work, 'previous.csv'));
});

it('answers every lookup from the previous list while a large import loads', { timeout: 120_000 }, async () => {
  const next = join(work, 'next.csv');
  await writeList(next, [
    { count: KEPT, prefix: 'kept' },
    { count: ADDED, prefix: 'added' },
  ]);
  const cases: ProbeCase[] = [];
  for (let i = 0; i < 50; i++) cases.push({ email: `kept${i * 7}@example.org`, affected: true }, { email: `stranger${i}@example.org`, affected: false });

  const child = spawn(process.execPath, cliArgs('import', '--incident', slug, '--file', next), { stdio: 'ignore' });
  let exit: number | null | undefined;
  const exited = once(child, 'exit').then(([code]) => (exit = code as number | null));
  const tally = await probeLookups({ base: baseURL, incident: slug, cases, connections: 3, done: () => exit !== undefined, maxLookups: 20_000 });
  await exited;

  expect(exit).toBe(0);
  expect(tally.lookups).toBeGreaterThan(10);
  expect(tally).toMatchObject({ unavailable: 0, otherStatus: 0, failed: 0, wrong: 0 });
  // And the new list is on now.
  const after = await probeLookups({ base: baseURL, incident: slug, cases: [{ email: `added${ADDED - 1}@example.org`, affected: true }], done: () => false, maxLookups: 1 });
  expect(after).toMatchObject({ ok: 1, wrong: 0 });
});
