/**
 * `npm run bench`: every SPEC target measured in one run on this machine, printed next to its target and
 * merged into bench-results.json (keys import, storage, lookup; bench:soak adds soak).
 *
 *   npm run bench -- [--rows 1000000] [--seconds 15] [--warmup 5] [--rounds 12] [--connections 20] [--skip-import]
 *
 * - importSpeedup: bench/import.ts, run as it is (CLI import against `wrangler d1 execute` of INSERTs).
 * - bytesPerRecord: the local D1 file after the CLI has imported `rows` records, divided by the records.
 * - lookupRatioSameLimiter, p99Ratio (SPEC's lookup targets): POST /api/v1/check of the app against
 *   bench/bare-worker with LIMIT on, "bare+limiter": one D1 point query on the same entries table plus
 *   the one rate-limiter call SPEC requires of every lookup, nothing else. The bare Worker runs in the
 *   app's own configuration (bench/lib/app-config.ts), and reads through a D1 session as the app does,
 *   since only a session's reads can go to a read replica. Locally each such read records the session's
 *   bookmark in the database file (two writes and an fsync), which a read on the binding itself does
 *   not. On tmpfs (TMPDIR=/dev/shm) that fsync costs nothing and the comparison is one of CPU alone, where
 *   the app's extra work shows more (README, Benchmarks).
 * - How: the three sides (app, bare, bare+limiter) run at the same time and the load moves between them
 *   in bursts of `seconds`, for `rounds` rounds (bench/lib/turns.ts). The ratios compare the mean req/s
 *   and p99 over the bursts. The table also gives each side's CPU per request in the Worker's runtime,
 *   the one thread that runs the Worker, its D1 and its limiter and so bounds throughput, and in
 *   wrangler's dev proxy, which production does not have.
 * - lookupRatio: the app against the bare Worker without the limiter, reported (SPEC asks for the distance
 *   to be explained, not for a bound). Locally the limiter is emulated by a Durable Object that writes a
 *   SQLite row per call, which costs about as much as the lookup's own query (npm run bench:profile); on
 *   Cloudflare it is an in-memory counter. `npm run bench:profile -- --cpu` shows where the rest goes.
 * - The local limiter keeps one row per client key for the current window (60 s) and, for each new key,
 *   scans them all, so a call costs more the later it comes in the window. Each side has a limiter of
 *   its own that sees only its own bursts, and the rotation (three bursts of 15 s) does not divide the
 *   window, so over the rounds every side's bursts fall on every part of its windows alike.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configLikeApp } from './lib/app-config.ts';
import { mergeResults, readResults } from './lib/results.ts';
import { checkBody, prepareState, sampleHashes, spread } from './lib/state.ts';
import { type Burst, inTurns, meanOf } from './lib/turns.ts';

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    // Twelve bursts of 15 s per side: the machine's throughput drifts by tens of percent over minutes,
    // and only many short turns, taken in a rotating order, average that out.
    rounds: { type: 'string', default: '12' },
    connections: { type: 'string', default: '20' },
    'skip-import': { type: 'boolean', default: false },
  },
});
const rows = Number(opts.rows);
const seconds = Number(opts.seconds);
const connections = Number(opts.connections);

const TARGETS = { importSpeedup: 3, bytesPerRecord: 40, lookupRatioSameLimiter: 0.9, p99Ratio: 1.2 };

if (!opts['skip-import']) {
  console.log('— Import —');
  const imported = spawnSync(process.execPath, ['bench/import.ts', '--rows', String(rows)], { stdio: 'inherit' });
  if (imported.status !== 0) throw new Error('bench/import.ts failed');
}

console.log(`— Lookup: loading ${rows.toLocaleString('en')} records through the CLI —`);
const state = await prepareState(rows);
// Where the D1 state lives matters: every read through a D1 session writes and fsyncs locally (above).
console.log(`D1 state in ${state.dir} (under TMPDIR)`);
try {
  const bytesPerRecord = state.fileBytes / state.records;
  const storage = { records: state.records, fileBytes: state.fileBytes, bytesPerRecord: Number(bytesPerRecord.toFixed(1)) };

  // Half the lookups hit an entry and half miss, on both sides, their keys spread over the whole table.
  const hits = await sampleHashes(state, 20_000);
  const misses = Array.from({ length: 20_000 }, () => randomBytes(16).toString('hex'));
  const pair = {
    app: {
      config: 'wrangler.toml',
      path: '/api/v1/check',
      args: [] as string[],
      body: checkBody(rows),
    },
    bare: {
      config: configLikeApp(state.dir, 'amiaffected-bare', 'bench/bare-worker/index.ts'),
      path: '/',
      args: [] as string[],
      body: (n: number) => {
        // A list smaller than 20,000 records has fewer hits to sample.
        const keys = n % 2 === 0 ? hits : misses;
        return JSON.stringify({ dataset: state.activeDataset, hash: keys[spread(n, keys.length)] });
      },
    },
  };
  const sides = { ...pair, 'bare+limiter': { ...pair.bare, args: ['--var', 'LIMIT:on'] } };

  type Side = keyof typeof sides;
  const order = Object.keys(sides) as Side[];
  const runs = await inTurns(sides, { state: state.dir, rounds: Number(opts.rounds), seconds, warmup: Number(opts.warmup), connections });
  const mean = (side: Side, f: (r: Burst) => number) => meanOf(runs, side, f);
  const lookup = {
    connections,
    secondsPerBurst: seconds,
    rounds: Number(opts.rounds),
    runs,
    appRequestsPerSecond: Math.round(mean('app', (r) => r.requestsPerSecond)),
    bareRequestsPerSecond: Math.round(mean('bare', (r) => r.requestsPerSecond)),
    appP99Ms: mean('app', (r) => r.p99),
    bareP99Ms: mean('bare', (r) => r.p99),
    bareLimiterP99Ms: mean('bare+limiter', (r) => r.p99),
    bareLimiterRequestsPerSecond: Math.round(mean('bare+limiter', (r) => r.requestsPerSecond)),
    lookupRatio: Number((mean('app', (r) => r.requestsPerSecond) / mean('bare', (r) => r.requestsPerSecond)).toFixed(3)),
    lookupRatioSameLimiter: Number((mean('app', (r) => r.requestsPerSecond) / mean('bare+limiter', (r) => r.requestsPerSecond)).toFixed(3)),
    // SPEC: p99 against the bare Worker doing the same required work (query + limiter).
    p99Ratio: Number((mean('app', (r) => r.p99) / mean('bare+limiter', (r) => r.p99)).toFixed(2)),
    p99RatioBare: Number((mean('app', (r) => r.p99) / mean('bare', (r) => r.p99)).toFixed(2)),
    // Other work on the machine shows in every figure here: the 1-minute load average after each burst.
    loadAverages: runs.map((r) => r.loadAverage),
  };
  // A run that answered anything but 2xx did not measure lookups: say so rather than print a ratio.
  const clean = runs.every((r) => r.non2xx === 0 && r.errors === 0);

  const importSpeedup = (readResults().import as { speedup?: number; rows?: number } | undefined) ?? {};
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  console.log(`\nLookups (POST, ${opts.rounds} bursts of ${seconds} s per side, ${connections} connections), means over the bursts:`);
  console.table(
    order.map((side) => {
      const of = runs.filter((r) => r.side === side).map((r) => r.requestsPerSecond);
      return {
        side,
        'req/s': Math.round(mean(side, (r) => r.requestsPerSecond)),
        'slowest burst': Math.min(...of),
        'fastest burst': Math.max(...of),
        'p50 ms': Number(mean(side, (r) => r.p50).toFixed(1)),
        'p99 ms': Number(mean(side, (r) => r.p99).toFixed(1)),
        // CPU per request of the Worker's runtime (the thread that limits throughput) and of wrangler's
        // dev proxy, which production does not have.
        'runtime ms/req': Number(mean(side, (r) => r.runtimeMsPerRequest).toFixed(3)),
        'proxy ms/req': Number(mean(side, (r) => r.proxyMsPerRequest).toFixed(3)),
        non2xx: runs.filter((r) => r.side === side).reduce((n, r) => n + r.non2xx, 0),
        errors: runs.filter((r) => r.side === side).reduce((n, r) => n + r.errors, 0),
      };
    }),
  );
  console.log('Targets (SPEC):');
  console.table({
    importSpeedup: {
      measured: importSpeedup.speedup ?? 'not run',
      target: `≥ ${TARGETS.importSpeedup}`,
      result: importSpeedup.speedup === undefined ? '-' : verdict(importSpeedup.speedup >= TARGETS.importSpeedup),
      detail: importSpeedup.rows ? `${importSpeedup.rows.toLocaleString('en')} rows${opts['skip-import'] ? ' (earlier run)' : ''}` : '',
    },
    bytesPerRecord: {
      measured: storage.bytesPerRecord,
      target: `≤ ${TARGETS.bytesPerRecord}`,
      result: verdict(bytesPerRecord <= TARGETS.bytesPerRecord),
      detail: `${(state.fileBytes / 2 ** 20).toFixed(1)} MiB / ${state.records.toLocaleString('en')} records`,
    },
    lookupRatioSameLimiter: {
      measured: lookup.lookupRatioSameLimiter,
      target: `≥ ${TARGETS.lookupRatioSameLimiter}`,
      result: clean ? verdict(lookup.lookupRatioSameLimiter >= TARGETS.lookupRatioSameLimiter) : 'INVALID (non-2xx or errors)',
      detail: `app ${lookup.appRequestsPerSecond} req/s, bare+limiter ${lookup.bareLimiterRequestsPerSecond} req/s`,
    },
    p99Ratio: {
      measured: lookup.p99Ratio,
      target: `≤ ${TARGETS.p99Ratio}`,
      result: clean ? verdict(lookup.p99Ratio <= TARGETS.p99Ratio) : 'INVALID (non-2xx or errors)',
      detail: `app ${lookup.appP99Ms.toFixed(1)} ms, bare+limiter ${lookup.bareLimiterP99Ms.toFixed(1)} ms`,
    },
    'lookupRatio (vs the bare query alone, reported)': {
      measured: lookup.lookupRatio,
      target: '-',
      result: '-',
      detail: `app ${lookup.appRequestsPerSecond} req/s, bare ${lookup.bareRequestsPerSecond} req/s; p99 ×${lookup.p99RatioBare}`,
    },
  });
  mergeResults({ storage, lookup: { ...lookup, measuredAt: new Date().toISOString() } });
  console.log('Figures written to bench-results.json (keys import, storage, lookup).');
} finally {
  rmSync(state.dir, { recursive: true, force: true });
}
