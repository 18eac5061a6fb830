/**
 * `npm run bench:profile`: where the app's time per lookup goes. Runs the same check load against the
 * bare query, then adds the app's steps one at a time (bench/profile-worker), then the whole app with a
 * limiter that allows everything at no cost, then the real app, each under `wrangler dev` on one D1
 * state, and prints req/s and p99 per step.
 *
 *   npm run bench:profile -- [--rows 100000] [--seconds 60] [--warmup 3] [--connections 20] [--steps a,b]
 *                            [--rate N] [--turns N] [--cpu [--top 15]] [--native [--top 15]]
 *
 * With --turns N the chosen steps run at the same time, each on its own copy of the state, and the load
 * moves between them in N rounds of bursts (bench/lib/turns.ts): the way to compare steps that differ
 * by a few percent on a machine whose speed drifts by more. With --rate, the CPU per request of the
 * Worker's runtime then tells the steps apart better than req/s.
 *
 * With --cpu it runs only the session step (the work of `npm run bench`'s bare + limiter, the baseline)
 * and the full app, each with the V8 profiler of its Worker on during the measured load, saves
 * bench-results/<name>.cpuprofile and prints where the self time goes.
 *
 * With --native it runs the same two, both up at once and loaded in turns (--turns rounds, 2 by default)
 * at one rate (--rate, 150 req/s by default), with Linux perf on each side's runtime process: the whole
 * runtime thread, not only the isolate's JavaScript (bench/lib/native-compare.ts).
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configLikeApp, devPepperVar } from './lib/app-config.ts';
import { profileCpu } from './lib/cpu-compare.ts';
import { profileNative } from './lib/native-compare.ts';
import { cpuMeter, startDev, workerdRoles } from './lib/dev-server.ts';
import { LIMITER_WINDOW_SECONDS, load } from './lib/load.ts';
import { mergeResults } from './lib/results.ts';
import { customerEmail, prepareState } from './lib/state.ts';
import { inTurns, meanOf } from './lib/turns.ts';

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    // A whole window of the limiter per step: its local emulation costs more the later a call comes in it.
    seconds: { type: 'string', default: String(LIMITER_WINDOW_SECONDS) },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    // One request rate for every step instead of each as fast as it goes: below saturation, each step's
    // CPU per request no longer depends on how busy the machine is, and the limiter's window holds as
    // many keys in every step.
    rate: { type: 'string' },
    cpu: { type: 'boolean', default: false },
    native: { type: 'boolean', default: false },
    top: { type: 'string', default: '15' },
    // Some of the steps, by id (STEP_IDS); all by default.
    steps: { type: 'string' },
    turns: { type: 'string' },
  },
});
const rows = Number(opts.rows);
const rate = opts.rate === undefined ? undefined : Number(opts.rate);
if (rate !== undefined && !(rate > 0)) throw new Error('--rate takes requests per second, a number above 0');
const STEP_IDS = ['query', 'limiter', 'session', 'read', 'lookup', 'always-allow', 'app'] as const;
const unknown = opts.steps?.split(',').filter((id) => !(STEP_IDS as readonly string[]).includes(id)) ?? [];
if (unknown.length > 0) throw new Error(`no step ${unknown.join(', ')}; the steps are ${STEP_IDS.join(', ')}`);
// The profile Worker needs the app's pepper to hash as the app does (read before the long setup).
const withPepper = devPepperVar();

const state = await prepareState(rows);
try {
  const body = (n: number) => JSON.stringify({ incident: 'demo', email: customerEmail((n * 7919) % (2 * rows)) });
  // The profile Worker runs in the app's own configuration (bindings, vars, the rules that bundle public/
  // as text). Being outside the project, it finds no .dev.vars: the steps that hash get the pepper as a var.
  const profileConfig = configLikeApp(state.dir, 'amiaffected-profile', 'bench/profile-worker/index.ts');
  const steps: { id: (typeof STEP_IDS)[number]; step: string; config: string; path: string; args: string[] }[] = [
    { id: 'query', step: 'query: one point query', config: profileConfig, path: '/', args: ['--var', 'STEP:query'] },
    { id: 'limiter', step: '+ rate limiter call', config: profileConfig, path: '/', args: ['--var', 'STEP:limiter'] },
    { id: 'session', step: '+ the query through the read session', config: profileConfig, path: '/', args: ['--var', 'STEP:session'] },
    { id: 'read', step: "+ the app's one read (4-table join, read session)", config: profileConfig, path: '/', args: ['--var', 'STEP:read'] },
    { id: 'lookup', step: '+ lookup() (cache, normalise, hash, read, decide)', config: profileConfig, path: '/', args: ['--var', 'STEP:lookup', ...withPepper] },
    { id: 'always-allow', step: 'app, limiter always allows', config: profileConfig, path: '/api/v1/check', args: ['--var', 'STEP:always-allow', ...withPepper] },
    { id: 'app', step: 'full app: POST /api/v1/check', config: 'wrangler.toml', path: '/api/v1/check', args: [] },
  ];
  const step = (id: string) => steps.find((s) => s.id === id)!;
  if (opts.native) {
    const side = (s: (typeof steps)[number]) => ({ config: s.config, path: s.path, args: s.args, body });
    const run = { state: state.dir, rounds: Number(opts.turns ?? 2), seconds: Number(opts.seconds), warmup: Number(opts.warmup), connections: Number(opts.connections), rate: rate ?? 150, top: Number(opts.top) };
    await profileNative(side(step('session')), side(step('app')), run);
  } else if (opts.cpu) {
    const run = { persistTo: state.dir, connections: Number(opts.connections), warmup: Number(opts.warmup), seconds: Number(opts.seconds), body, rate };
    await profileCpu(run, { name: 'bare-limiter', ...step('session') }, { name: 'app', ...step('app') }, Number(opts.top));
  } else {
    const chosen = opts.steps === undefined ? steps : opts.steps.split(',').map(step);
    if (opts.turns === undefined) await measureSteps(chosen, state.dir, body);
    else await measureInTurns(chosen, state.dir, body, Number(opts.turns));
  }
} finally {
  rmSync(state.dir, { recursive: true, force: true });
}

type Step = { step: string; config: string; path: string; args: string[] };

/** The steps up at once, measured in `rounds` rounds of bursts; means over the bursts. */
async function measureInTurns(steps: Step[], state: string, body: (n: number) => string, rounds: number) {
  if (!(rounds >= 1)) throw new Error('--turns takes a number of rounds, 1 or more');
  const sides = Object.fromEntries(steps.map((s) => [s.step, { ...s, body }]));
  const bursts = await inTurns(sides, { state, rounds, seconds: Number(opts.seconds), warmup: Number(opts.warmup), connections: Number(opts.connections), rate });
  const profile = steps.map(({ step }) => ({
    step,
    'req/s': Math.round(meanOf(bursts, step, (b) => b.requestsPerSecond)),
    'p99 ms': Number(meanOf(bursts, step, (b) => b.p99).toFixed(1)),
    'runtime ms/req': Number(meanOf(bursts, step, (b) => b.runtimeMsPerRequest).toFixed(3)),
    'proxy ms/req': Number(meanOf(bursts, step, (b) => b.proxyMsPerRequest).toFixed(3)),
    non2xx: bursts.filter((b) => b.side === step).reduce((n, b) => n + b.non2xx, 0),
    errors: bursts.filter((b) => b.side === step).reduce((n, b) => n + b.errors, 0),
  }));
  console.table(profile);
  mergeResults({ profile: { rows, seconds: Number(opts.seconds), rounds, rate: rate ?? null, steps: profile, measuredAt: new Date().toISOString() } });
}

/** The throughput of each step in turn, one wrangler dev at a time on the same state. */
async function measureSteps(steps: Step[], persistTo: string, body: (n: number) => string) {
  const profile = [];
  for (const s of steps) {
    const server = await startDev(persistTo, s.config, s.args);
    try {
      const url = `${server.base}${s.path}`;
      await load({ url, connections: Number(opts.connections), seconds: Number(opts.warmup), body, rate });
      // wrangler dev runs two workerd processes: its dev proxy, and the runtime of the Worker with D1 and
      // the limiter. Their CPU per request is steadier than req/s on a busy machine.
      const cpuSince = cpuMeter(workerdRoles(server));
      const r = await load({ url, connections: Number(opts.connections), seconds: Number(opts.seconds), body, rate });
      const used = cpuSince();
      const msPerRequest = (seconds: number) => Number(((seconds * 1000) / Math.max(1, r.requests.total)).toFixed(3));
      const cpu = { 'runtime ms/req': msPerRequest(used.runtime), 'proxy ms/req': msPerRequest(used.proxy) };
      const total = msPerRequest(used.runtime + used.proxy);
      profile.push({ step: s.step, 'req/s': Math.round(r.requests.average), 'p99 ms': r.latency.p99, ...cpu, 'CPU ms/req': total, non2xx: r.non2xx, errors: r.errors + r.timeouts });
      console.log(`${s.step}: ${Math.round(r.requests.average)} req/s, ${total} ms CPU per request`);
    } finally {
      await server.stop();
    }
  }
  console.table(profile);
  mergeResults({ profile: { rows, seconds: Number(opts.seconds), steps: profile, measuredAt: new Date().toISOString() } });
}
