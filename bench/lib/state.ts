/**
 * A throwaway local D1 state for the lookup and soak benchmarks: migrations and the demo incident (as
 * `npm run setup` makes them), then an affected list of `rows` synthetic customers loaded through the
 * operator CLI (`npm run cli -- --persist-to <dir> import`), the way an operator loads a real list.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localD1File } from '../../src/cli/d1/local-file.ts';
import { openD1 } from '../../src/cli/d1/open.ts';

/** The email of synthetic customer i; customers 0 … rows-1 are in the list. */
export const customerEmail = (i: number) => `customer${i}@bench.example`;

export interface BenchState {
  readonly dir: string;
  readonly sqliteFile: string;
  readonly activeDataset: number;
  readonly records: number;
  readonly fileBytes: number;
}

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
}

export async function prepareState(rows: number): Promise<BenchState> {
  const dir = mkdtempSync(join(tmpdir(), 'amiaffected-bench-'));
  run(['scripts/start.ts', '--setup-only', '--persist-to', dir]);
  const csv = join(dir, 'affected.csv');
  const out = createWriteStream(csv);
  out.write('email,order_id,groups,store\n');
  for (let i = 0; i < rows; i++) {
    const groups = i % 3 === 0 ? 'members|cards' : i % 3 === 1 ? 'members' : 'cards';
    if (!out.write(`${customerEmail(i)},,${groups},\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  run(['src/cli/main.ts', '--persist-to', dir, 'import', '--incident', 'demo', '--file', csv]);

  const sqliteFile = await localD1File({ persistTo: dir });
  const local = await openD1({ persistTo: dir });
  try {
    // Fold the WAL into the main file, so the file size is the whole database.
    local.sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const { id, entries } = local.sqlite
      .prepare('SELECT d.id, d.entries FROM incidents i JOIN datasets d ON d.id = i.active_dataset WHERE i.slug = ?')
      .get('demo') as { id: number; entries: number };
    return { dir, sqliteFile, activeDataset: id, records: entries, fileBytes: statSync(sqliteFile).size };
  } finally {
    await local.close();
  }
}

/** `count` hashes of the active dataset, as hex, for the bare Worker's requests. */
export async function sampleHashes(state: BenchState, count: number): Promise<string[]> {
  const local = await openD1({ persistTo: state.dir });
  try {
    const rows = local.sqlite
      .prepare('SELECT hex(hash) AS h FROM entries WHERE dataset = ? ORDER BY random() LIMIT ?')
      .all(state.activeDataset, count) as { h: string }[];
    return rows.map((r) => r.h.toLowerCase());
  } finally {
    await local.close();
  }
}
