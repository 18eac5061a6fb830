/**
 * Import benchmark: an affected list of N rows (1M by default) goes from CSV to the active dataset in
 * local D1 through the operator CLI, against the baseline of `wrangler d1 execute --local --file` running
 * 500-row INSERT statements that hold the same keys. Both run here, one after the other, each on fresh
 * state. Prints both times, rows per second, the speed-up and the CLI's peak memory, and merges them
 * into bench-results.json under "import".
 *
 *   npm run bench:import -- [--rows 1000000]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RowReader } from '../src/core/affected-set.ts';
import { openD1 } from '../src/cli/d1/open.ts';
import { importHasher } from '../src/cli/import/import-hasher.ts';
import { loadPepper } from '../src/cli/pepper.ts';
import { entriesInsertSql } from '../src/data/entries.ts';
import { groupBits, incidentSalt } from '../src/data/incidents.ts';
import { customerLine, writeCustomerCsv } from './lib/state.ts';

const { values: opts } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const rows = Number(opts.rows);
const work = mkdtempSync(join(tmpdir(), 'amiaffected-bench-import-'));

function freshState(name: string): string {
  const state = join(work, name);
  const setup = spawnSync(process.execPath, ['scripts/start.ts', '--setup-only', '--persist-to', state], { stdio: 'ignore' });
  if (setup.status !== 0) throw new Error('could not prepare local D1');
  return state;
}

function timed(args: string[]): { seconds: number; stderr: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return { seconds, stderr: result.stderr };
}

try {
  const csv = join(work, 'affected.csv');
  console.log(`Writing a ${rows.toLocaleString('en')}-row list…`);
  await writeCustomerCsv(csv, rows);

  console.log('Baseline: building the same keys as 500-row INSERT statements…');
  const baseState = freshState('baseline');
  const d1 = await openD1({ persistTo: baseState });
  const salt = (await incidentSalt(d1.d1, 'demo'))!;
  const reader = new RowReader({ hash: importHasher(loadPepper({ local: true })), salt, groupBits: await groupBits(d1.d1, 'demo') });
  await d1.close();
  const sql = join(work, 'baseline.sql');
  const out = createWriteStream(sql);
  for (let i = 0; i < rows; i += 500) {
    const chunk = [];
    for (let j = i; j < Math.min(i + 500, rows); j++) {
      const [email, , groups] = customerLine(j).split(',');
      const read = reader.read({ email, groups });
      if (read.rejections.length > 0) throw new Error('bench row rejected');
      chunk.push({ hash: read.hashes[0]!, groups: read.mask, store: null });
    }
    // Dataset 1000 is not the active one: the baseline measures loading the same rows, nothing more.
    if (!out.write(`${entriesInsertSql(1000, chunk)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  console.log('Baseline: wrangler d1 execute --local --file …');
  const wranglerBin = join('node_modules', 'wrangler', 'bin', 'wrangler.js');
  const baseline = timed([wranglerBin, 'd1', 'execute', 'DB', '--local', '--persist-to', baseState, '--file', sql, '--yes']);

  console.log('The CLI: npm run cli -- import …');
  const cliState = freshState('cli');
  const cli = timed(['--import', './bench/peak-rss.ts', 'src/cli/main.ts', '--persist-to', cliState, 'import', '--incident', 'demo', '--file', csv]);
  const peakKb = Number(/peak-rss-kb=(\d+)/.exec(cli.stderr)?.[1] ?? NaN);

  const results = {
    rows,
    baselineSeconds: Number(baseline.seconds.toFixed(2)),
    cliSeconds: Number(cli.seconds.toFixed(2)),
    baselineRowsPerSecond: Math.round(rows / baseline.seconds),
    cliRowsPerSecond: Math.round(rows / cli.seconds),
    speedup: Number((baseline.seconds / cli.seconds).toFixed(2)),
    cliPeakMemoryMB: Math.round(peakKb / 1024),
    measuredAt: new Date().toISOString(),
  };
  console.table({
    rows,
    'baseline seconds (wrangler d1 execute, 500-row INSERTs)': results.baselineSeconds.toFixed(1),
    'baseline rows/s': results.baselineRowsPerSecond,
    'CLI import seconds (CSV → active dataset)': results.cliSeconds.toFixed(1),
    'CLI rows/s': results.cliRowsPerSecond,
    importSpeedup: results.speedup.toFixed(2),
    'CLI peak memory MB': results.cliPeakMemoryMB,
  });
  const resultsFile = 'bench-results.json';
  const previous = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(resultsFile, `${JSON.stringify({ ...previous, import: results }, null, 2)}\n`);
  console.log(`Figures written to ${resultsFile} (key "import").`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
