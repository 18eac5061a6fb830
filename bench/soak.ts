/**
 * `npm run bench:soak`: the app under steady load on loopback (60 s at 20 connections by default), with
 * mixed check requests: affected and unaffected emails, order IDs, invalid input, an unknown incident,
 * and one client in twenty sending from a single address, so the limiter answers 429 as well.
 * Fails (exit 1) on any 5xx or socket error or timeout (every other status is expected), when no 429 was
 * seen, or when memory keeps growing.
 *
 * Memory is the resident memory of wrangler dev's workerd processes: the whole local runtime (the
 * Worker's isolate, the D1 and limiter Durable Objects and their SQLite caches). It climbs for the first
 * tens of thousands of requests and then levels off, for a bare D1 Worker as for the app, so the run is
 * measured after a warm-up long enough to reach that level (90 s), and memory counts as stable when it
 * then grows by less than MAX_GROWTH_PERCENT over the measured run. A leak of even 10 KB per request
 * would add about 200 MB, over 10%, to a 60 s run at 350 requests a second.
 * Merges its figures into bench-results.json under "soak".
 *
 *   npm run bench:soak -- [--seconds 60] [--warmup 90] [--connections 20] [--rows 100000] [--sample 5]
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { rssKb, startDev, workerdPids } from './lib/dev-server.ts';
import { load, poolIp } from './lib/load.ts';
import { mergeResults } from './lib/results.ts';
import { customerEmail, prepareState } from './lib/state.ts';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '20' },
    rows: { type: 'string', default: '100000' },
    sample: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '90' },
  },
});
const rows = Number(opts.rows);
// Memory counts as stable when it grows by less than this share over the measured run, after the warm-up.
const MAX_GROWTH_PERCENT = 10;

const bodies: ((n: number) => object)[] = [
  (n) => ({ incident: 'demo', email: customerEmail((n * 7919) % rows) }), // affected
  (n) => ({ incident: 'demo', email: customerEmail(rows + n) }), // not affected
  () => ({ incident: 'demo', orderId: 'ORD-1001' }),
  () => ({ incident: 'demo', email: 'not an email' }), // 400
  () => ({ incident: 'no-such-incident', email: 'a@example.com' }), // 404
  () => ({ incident: 'demo' }), // 400: neither email nor order ID
];
const body = (n: number) => JSON.stringify(bodies[n % bodies.length]!(n));
// Every twentieth request comes from one address (429 after its first ten a minute); the others cycle
// through 65,536 addresses, which keeps each under the limit and keeps the limiter's state bounded.
const ip = (n: number) => (n % 20 === 0 ? '192.0.2.1' : poolIp(n, 1 << 16));

const state = await prepareState(rows);
const server = await startDev(state.dir);
try {
  const url = `${server.base}/api/v1/check`;
  const pids = workerdPids(server.child.pid!);
  if (pids.length === 0) throw new Error('no workerd process found under wrangler dev');
  await load({ url, connections: Number(opts.connections), seconds: Number(opts.warmup), body, ip });

  const samples: { second: number; rssMB: number }[] = [];
  const started = Date.now();
  const sample = () => samples.push({ second: Math.round((Date.now() - started) / 1000), rssMB: Math.round(rssKb(pids) / 1024) });
  sample();
  const timer = setInterval(sample, Number(opts.sample) * 1000);
  const statuses: Record<string, number> = {};
  const result = await load({
    url,
    connections: Number(opts.connections),
    seconds: Number(opts.seconds),
    body,
    ip,
    onStatus: (s) => (statuses[s] = (statuses[s] ?? 0) + 1),
  });
  clearInterval(timer);
  sample();

  const rss = samples.map((s) => s.rssMB);
  const soak = {
    seconds: Number(opts.seconds),
    connections: Number(opts.connections),
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    statuses,
    serverErrors: Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((sum, [, n]) => sum + n, 0),
    socketErrors: result.errors,
    timeouts: result.timeouts,
    workerdProcesses: pids.length,
    rssStartMB: rss[0]!,
    rssPeakMB: Math.max(...rss),
    rssEndMB: rss.at(-1)!,
    rssGrowthMB: rss.at(-1)! - rss[0]!,
    rssGrowthPercent: Number((((rss.at(-1)! - rss[0]!) / rss[0]!) * 100).toFixed(1)),
    warmupSeconds: Number(opts.warmup),
    rssSamples: samples,
    // Other work on the machine shows in every figure here: the 1-minute load average when the run ended.
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    measuredAt: new Date().toISOString(),
  };
  const errorsOk = soak.serverErrors === 0 && soak.socketErrors === 0 && soak.timeouts === 0;
  const memoryOk = soak.rssGrowthPercent < MAX_GROWTH_PERCENT;
  const saw429 = (statuses['429'] ?? 0) > 0;
  console.table(samples);
  console.table({
    requests: soak.requests,
    'req/s': soak.requestsPerSecond,
    'p50 / p99 ms': `${soak.latencyP50Ms} / ${soak.latencyP99Ms}`,
    'status counts': JSON.stringify(statuses),
    '5xx / socket errors / timeouts': `${soak.serverErrors} / ${soak.socketErrors} / ${soak.timeouts}`,
    'workerd RSS start / peak / end MB': `${soak.rssStartMB} / ${soak.rssPeakMB} / ${soak.rssEndMB}`,
    'RSS growth after the warm-up': `${soak.rssGrowthMB} MB (${soak.rssGrowthPercent}%)`,
    'load average (1 min)': soak.loadAverage,
  });
  console.log(`No error but 429: ${errorsOk ? 'PASS' : 'MISS'}; 429s seen: ${saw429 ? 'yes' : 'NO'}; memory stable (growth < ${MAX_GROWTH_PERCENT}% after a ${opts.warmup} s warm-up): ${memoryOk ? 'PASS' : 'MISS'}`);
  mergeResults({ soak: { ...soak, pass: errorsOk && memoryOk && saw429 } });
  if (!(errorsOk && memoryOk && saw429)) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(state.dir, { recursive: true, force: true });
}
