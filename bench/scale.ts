/**
 * `npm run bench:scale`: the portal at the size of the largest list SPEC plans for (87 million records,
 * the number the Temu seller claimed), on local D1, against a 1M-record list in the same run.
 *
 *   npm run bench:scale -- [--rows 87000000] [--baseline-rows 1000000] [--seconds 60] [--warmup 5]
 *                          [--rounds 2] [--connections 10]
 *
 * - Import: the CLI import of a generated CSV (the operator's path), its wall time and peak memory. The
 *   import sorts through bounded spill runs, so its memory must not grow with the list.
 * - Storage: the local D1 file after the import (WAL folded in), bytes per record, and the share of D1's
 *   10 GB database limit the list takes; the records one database would hold at that density.
 * - Lookup: POST /api/v1/check of the app under `wrangler dev` on each state, half hits and half misses
 *   spread over the whole list, the two states alternating over the rounds (A B, B A, …). Each state is
 *   measured with one connection (the latency of a lookup itself) and with `connections` (throughput,
 *   and latency with queueing). p50 and p99 at the large size against the baseline size are the figures:
 *   a b-tree point lookup should grow by a level or two, not by the list's factor. Each run lasts one
 *   window of the rate limiter, whose local emulation costs more the later a call comes in its window.
 *
 * Before it writes anything it checks the free disk space of the temporary directory against what the run
 * will need at its peak (the CSV, the import's spill runs and the database side by side). If the disk is
 * too small it says so and runs the largest size that fits, rounded down to a million.
 */
import { rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { RECORD } from '../src/cli/import/packed.ts';
import { startDev } from './lib/dev-server.ts';
import { LIMITER_WINDOW_SECONDS, load, runFigures } from './lib/load.ts';
import { mergeResults } from './lib/results.ts';
import { type BenchState, checkBody, csvBytes, prepareState } from './lib/state.ts';

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '87000000' },
    'baseline-rows': { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: String(LIMITER_WINDOW_SECONDS) },
    warmup: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
  },
});
const baselineRows = Number(opts['baseline-rows']);
const requestedRows = Number(opts.rows);
const seconds = Number(opts.seconds);
const connections = Number(opts.connections);
if (![requestedRows, baselineRows, seconds, connections].every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error('--rows, --baseline-rows, --seconds and --connections take positive whole numbers');
}

/** D1's size limit for one database (paid plan). */
const D1_LIMIT_BYTES = 10 * 10 ** 9;
/**
 * Bytes per record to reserve for the database while it is written: the measured 29.4 plus room for
 * the b-tree's partly filled pages and the WAL between checkpoints.
 */
const DB_RESERVE_PER_RECORD = 40;
/** Left free for everything else on the machine. */
const HEADROOM_BYTES = 2 * 2 ** 30;

/** Peak disk use of one state: CSV, spill runs (one packed record per row) and the database at once. */
const peakBytes = (rows: number) => csvBytes(rows) + rows * RECORD + rows * DB_RESERVE_PER_RECORD;

function largestRowsThatFit(freeBytes: number): number {
  const budget = freeBytes - HEADROOM_BYTES - peakBytes(baselineRows);
  let lo = 0;
  let hi = requestedRows;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (peakBytes(mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo >= 1_000_000 ? lo - (lo % 1_000_000) : lo;
}

const gib = (bytes: number) => (bytes < 2 ** 30 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 2 ** 30).toFixed(2)} GiB`);
const fs = statfsSync(tmpdir());
const freeBytes = fs.bavail * fs.bsize;
const needed = peakBytes(requestedRows) + peakBytes(baselineRows) + HEADROOM_BYTES;
let rows = requestedRows;
console.log(`Disk: ${gib(freeBytes)} free under ${tmpdir()}; ${requestedRows.toLocaleString('en')} records need about ${gib(needed)} at the peak.`);
if (needed > freeBytes) {
  rows = largestRowsThatFit(freeBytes);
  if (rows <= baselineRows) {
    console.error(`Not enough disk for more than the ${baselineRows.toLocaleString('en')}-record baseline: stopping before writing anything.`);
    process.exit(1);
  }
  console.log(`Too small for ${requestedRows.toLocaleString('en')}: running the largest size that fits, ${rows.toLocaleString('en')} records.`);
}

const states: BenchState[] = [];
try {
  console.log(`— Baseline: ${baselineRows.toLocaleString('en')} records through the CLI —`);
  states.push(await prepareState(baselineRows));
  console.log(`— Scale: ${rows.toLocaleString('en')} records through the CLI (progress below) —`);
  states.push(await prepareState(rows, { progress: true }));
  const [small, large] = states as [BenchState, BenchState];

  type Run = { records: number; connections: number } & ReturnType<typeof runFigures>;
  const runs: Run[] = [];
  for (let round = 0; round < Number(opts.rounds); round++) {
    const order = round % 2 === 0 ? [small, large] : [large, small];
    for (const state of order) {
      const server = await startDev(state.dir);
      try {
        const url = `${server.base}/api/v1/check`;
        // Half the lookups hit and half miss, keys spread over the whole list (as in npm run bench).
        const body = checkBody(state.records);
        console.log(`round ${round + 1}, ${state.records.toLocaleString('en')} records: ${opts.warmup} s warm-up, ${seconds} s measured`);
        await load({ url, connections, seconds: Number(opts.warmup), body });
        // One connection: the latency of a lookup itself. Then `connections`: throughput, and latency with queueing.
        for (const c of [1, connections]) {
          const r = await load({ url, connections: c, seconds, body });
          runs.push({
            records: state.records,
            connections: c,
            ...runFigures(r),
          });
        }
      } finally {
        await server.stop();
      }
    }
  }
  const mean = (records: number, c: number, f: (r: Run) => number) => {
    const of = runs.filter((r) => r.records === records && r.connections === c);
    return Number((of.reduce((s, r) => s + f(r), 0) / of.length).toFixed(2));
  };
  const describe = (s: BenchState) => ({
    records: s.records,
    csvBytes: s.csvBytes,
    importSeconds: Number(s.importSeconds.toFixed(1)),
    importRowsPerSecond: Math.round(s.records / s.importSeconds),
    importPeakMemoryMB: s.importPeakMemoryMB,
    fileBytes: s.fileBytes,
    bytesPerRecord: Number((s.fileBytes / s.records).toFixed(1)),
    shareOfD1Limit: Number((s.fileBytes / D1_LIMIT_BYTES).toFixed(3)),
    recordsPerD1Database: Math.floor(D1_LIMIT_BYTES / (s.fileBytes / s.records)),
    requestsPerSecond: Math.round(mean(s.records, connections, (r) => r.requestsPerSecond)),
    p50Ms: mean(s.records, 1, (r) => r.p50),
    p99Ms: mean(s.records, 1, (r) => r.p99),
    loadedP50Ms: mean(s.records, connections, (r) => r.p50),
    loadedP99Ms: mean(s.records, connections, (r) => r.p99),
  });
  const scale = {
    requestedRows,
    connections,
    secondsPerRun: seconds,
    baseline: describe(small),
    large: describe(large),
    p50Ratio: Number((mean(large.records, 1, (r) => r.p50) / mean(small.records, 1, (r) => r.p50)).toFixed(2)),
    p99Ratio: Number((mean(large.records, 1, (r) => r.p99) / mean(small.records, 1, (r) => r.p99)).toFixed(2)),
    loadedP99Ratio: Number((mean(large.records, connections, (r) => r.p99) / mean(small.records, connections, (r) => r.p99)).toFixed(2)),
    requestsPerSecondRatio: Number((mean(large.records, connections, (r) => r.requestsPerSecond) / mean(small.records, connections, (r) => r.requestsPerSecond)).toFixed(2)),
    runs,
    measuredAt: new Date().toISOString(),
  };
  const clean = runs.every((r) => r.non2xx === 0 && r.errors === 0);

  console.log(`\nLookup runs (POST /api/v1/check, ${seconds} s each after warm-up):`);
  console.table(runs.map((r) => ({ records: r.records.toLocaleString('en'), connections: r.connections, 'req/s': r.requestsPerSecond, 'p50 ms': r.p50, 'p90 ms': r.p90, 'p99 ms': r.p99, non2xx: r.non2xx, errors: r.errors, 'load avg': r.loadAverage })));
  const column = (d: ReturnType<typeof describe>) => ({
    records: d.records.toLocaleString('en'),
    'CSV': gib(d.csvBytes),
    'import s': d.importSeconds,
    'import rows/s': d.importRowsPerSecond.toLocaleString('en'),
    'import peak MB': d.importPeakMemoryMB,
    'D1 file': gib(d.fileBytes),
    'bytes/record': d.bytesPerRecord,
    'of D1 10 GB': `${(d.shareOfD1Limit * 100).toFixed(1)} %`,
    'records per 10 GB': d.recordsPerD1Database.toLocaleString('en'),
    [`req/s (${connections} conn.)`]: d.requestsPerSecond,
    'p50 ms (1 conn.)': d.p50Ms,
    'p99 ms (1 conn.)': d.p99Ms,
    [`p99 ms (${connections} conn.)`]: d.loadedP99Ms,
  });
  console.table({ baseline: column(scale.baseline), large: column(scale.large) });
  console.log(
    clean
      ? `Lookup latency at ${large.records.toLocaleString('en')} against ${small.records.toLocaleString('en')} records: p50 ×${scale.p50Ratio}, p99 ×${scale.p99Ratio} (one connection); under ${connections} connections p99 ×${scale.loadedP99Ratio}, req/s ×${scale.requestsPerSecondRatio}.`
      : 'INVALID: some lookups answered other than 2xx or failed; the latency figures do not measure lookups.',
  );
  mergeResults({ scale });
  console.log('Figures written to bench-results.json (key scale).');
  if (!clean) process.exitCode = 1;
} finally {
  for (const s of states) rmSync(s.dir, { recursive: true, force: true });
}
