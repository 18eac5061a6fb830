/**
 * A throwaway local D1 state for the lookup and soak benchmarks: migrations and the demo incident (as
 * `npm run setup` makes them), then an affected list of `rows` synthetic customers loaded through the
 * operator CLI (`npm run cli -- --persist-to <dir> import`), the way an operator loads a real list.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localD1File } from '../../src/cli/d1/local-file.ts';
import { openD1 } from '../../src/cli/d1/open.ts';

/** The email of synthetic customer i; customers 0 … rows-1 are in the list. */
export const customerEmail = (i: number) => `customer${i}@bench.example`;

/**
 * Request n's slot among `size`: a multiplicative hash of n, so the keys of a run spread over the whole
 * table instead of walking it in order.
 */
export const spread = (n: number, size: number) => Math.floor(((n * 2654435761) % 4294967296) / 4294967296 * size);

/** The app's check body for request n against a list of `rows`: even n a listed customer, odd n one not listed. */
export function checkBody(rows: number): (n: number) => string {
  return (n) => JSON.stringify({ incident: 'demo', email: customerEmail(spread(n, rows) + (n % 2 === 0 ? 0 : rows)) });
}

export interface BenchState {
  readonly dir: string;
  readonly sqliteFile: string;
  readonly activeDataset: number;
  readonly records: number;
  readonly fileBytes: number;
  /** Wall time of the CLI import alone (not writing the CSV), and the import process's peak memory. */
  readonly importSeconds: number;
  readonly importPeakMemoryMB: number;
  readonly csvBytes: number;
}

export interface PrepareOptions {
  /** Print the CLI's progress lines (long imports). */
  readonly progress?: boolean;
}

const CSV_HEADER = 'email,order_id,groups,store\n';

/** One CSV line of synthetic customer i, in the groups pattern every benchmark uses. */
export function customerLine(i: number): string {
  const groups = i % 3 === 0 ? 'members|cards' : i % 3 === 1 ? 'members' : 'cards';
  return `${customerEmail(i)},,${groups},\n`;
}

/** The bytes of the whole CSV of `rows` customers, computed without writing it (for disk checks). */
export function csvBytes(rows: number): number {
  // Lines differ only in the digits of i and in the groups, which repeat every three rows.
  const fixed = customerLine(0).length - 1 - 'members|cards'.length;
  let bytes = CSV_HEADER.length + rows * fixed;
  for (let from = 0, digits = 1; from < rows; from = 10 ** digits, digits++) bytes += (Math.min(rows, 10 ** digits) - from) * digits;
  for (let r = 0; r < 3; r++) bytes += Math.floor((rows + 2 - r) / 3) * [13, 7, 5][r]!;
  return bytes;
}

/** Writes the list of customers 0 … rows-1 as the operator's CSV. */
export async function writeCustomerCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(CSV_HEADER);
  // Lines go out in blocks: one write call per line costs minutes at tens of millions of rows.
  for (let i = 0; i < rows; ) {
    let block = '';
    for (const end = Math.min(rows, i + 4096); i < end; i++) block += customerLine(i);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function run(args: string[]): void {
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
}

/** Runs the CLI import with its peak memory reported; progress lines pass through when asked. */
function importCsv(dir: string, csv: string, showProgress: boolean): Promise<{ seconds: number; peakMemoryMB: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', './bench/peak-rss.ts', 'src/cli/main.ts', '--persist-to', dir, 'import', '--incident', 'demo', '--file', csv],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    if (showProgress) process.stderr.write(text.replace(/\npeak-rss-kb=\d+\n/, ''));
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`the CLI import failed:\n${stderr.slice(-4000)}`));
      const kb = Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ seconds: (performance.now() - started) / 1000, peakMemoryMB: Math.round(kb / 1024) });
    });
  });
}

export async function prepareState(rows: number, o: PrepareOptions = {}): Promise<BenchState> {
  const dir = mkdtempSync(join(tmpdir(), 'amiaffected-bench-'));
  try {
    return await prepareIn(dir, rows, o);
  } catch (err) {
    // A failed run must not leave gigabytes behind in the temporary directory.
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function prepareIn(dir: string, rows: number, o: PrepareOptions): Promise<BenchState> {
  run(['scripts/start.ts', '--setup-only', '--persist-to', dir]);
  const csv = join(dir, 'affected.csv');
  await writeCustomerCsv(csv, rows);
  const csvSize = statSync(csv).size;
  const imported = await importCsv(dir, csv, o.progress ?? false);
  // Imported: its disk space goes back before the lookups (gigabytes at Temu's size).
  rmSync(csv);

  const sqliteFile = await localD1File({ persistTo: dir });
  const local = await openD1({ persistTo: dir });
  try {
    // Fold the WAL into the main file, so the file size is the whole database.
    local.sqlite.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const { id, entries } = local.sqlite
      .prepare('SELECT d.id, d.entries FROM incidents i JOIN datasets d ON d.id = i.active_dataset WHERE i.slug = ?')
      .get('demo') as { id: number; entries: number };
    // The import leaves a few hundred MB of written pages for the kernel to flush. Flushed in the
    // background, they would slow the first server's writes (the local limiter and D1 commit on every
    // call) and hand the first side measured a handicap the others do not get.
    spawnSync('sync');
    return {
      dir,
      sqliteFile,
      activeDataset: id,
      records: entries,
      fileBytes: statSync(sqliteFile).size,
      importSeconds: imported.seconds,
      importPeakMemoryMB: imported.peakMemoryMB,
      csvBytes: csvSize,
    };
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
