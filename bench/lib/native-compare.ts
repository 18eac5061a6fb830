/**
 * `bench:profile -- --native`: the bare + limiter Worker (the baseline) and the app, both up at once on
 * copies of one state, loaded in turns at one fixed rate, with Linux perf on each side's runtime process
 * during its bursts (bench/lib/native-profile.ts). Prints where each side's runtime CPU per request goes
 * and what the app spends beyond the baseline, part by part and symbol by symbol.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_DIR } from './cpu-run.ts';
import { cpuMeter, workerdRoles } from './dev-server.ts';
import { load, poolIp } from './load.ts';
import { NATIVE_PARTS, type NativeSymbol, perfMissing, perfSymbols, recordPerf, summariseNative } from './native-profile.ts';
import { mergeResults } from './results.ts';
import { type Side, startOnCopies } from './turns.ts';

export interface NativeRun {
  readonly state: string;
  readonly rounds: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly connections: number;
  readonly rate: number;
  readonly top: number;
}

interface Tally {
  requests: number;
  runtimeSeconds: number;
  symbols: NativeSymbol[];
}

export async function profileNative(bare: Side, app: Side, o: NativeRun): Promise<void> {
  const missing = perfMissing();
  if (missing) throw new Error(`--native needs Linux perf: ${missing}`);
  const sides = { 'bare + limiter': bare, app };
  const running = await startOnCopies(o.state, sides);
  const tally = new Map<string, Tally>(Object.keys(sides).map((s) => [s, { requests: 0, runtimeSeconds: 0, symbols: [] }]));
  mkdirSync(PROFILE_DIR, { recursive: true });
  try {
    const order = Object.keys(sides) as (keyof typeof sides)[];
    const sent = new Map<string, number>(order.map((s) => [s, 0]));
    const burst = async (name: keyof typeof sides, seconds: number, file?: string) => {
      const server = running.servers.get(name)!;
      const side = sides[name];
      const roles = workerdRoles(server);
      const from = sent.get(name)!;
      const since = cpuMeter(roles);
      // perf watches the runtime only (not wrangler's dev proxy): the runtime is what production runs.
      const recorded = file ? Promise.all(roles.runtime.map((pid, i) => recordPerf(pid, seconds, `${file}.${i}`))) : null;
      const r = await load({ url: `${server.base}${side.path}`, connections: o.connections, seconds, rate: o.rate, body: (n) => side.body(from + n), ip: (n) => poolIp(from + n) });
      await recorded;
      sent.set(name, from + r.requests.sent);
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name} answered ${r.non2xx} non-2xx and ${r.errors} errors: the profile would not be of lookups`);
      return { requests: r.requests.total, runtime: since().runtime, files: file ? roles.runtime.map((_, i) => `${file}.${i}`) : [] };
    };
    for (const name of order) await burst(name, o.warmup);
    for (let round = 0; round < o.rounds; round++) {
      for (const name of order.map((_, i) => order[(i + round) % order.length]!)) {
        const file = join(PROFILE_DIR, `${name.replace(/[^a-z]+/g, '-')}-${round + 1}.perf.data`);
        const b = await burst(name, o.seconds, file);
        const t = tally.get(name)!;
        t.requests += b.requests;
        t.runtimeSeconds += b.runtime;
        for (const f of b.files) t.symbols.push(...perfSymbols(f));
        console.log(`round ${round + 1}/${o.rounds} ${name}: ${b.requests} requests, runtime ${((b.runtime * 1000) / b.requests).toFixed(3)} ms/req`);
      }
    }
  } finally {
    await running.stop();
  }
  report(tally.get('bare + limiter')!, tally.get('app')!, o);
}

const us = (v: number) => Math.round(v * 10) / 10;

// C++ names run long and differ at the end (template arguments), so a long one keeps both ends.
const shorten = (name: string) => (name.length > 90 ? `${name.slice(0, 55)}…${name.slice(-34)}` : name);

function report(bare: Tally, app: Tally, o: NativeRun): void {
  const perRequest = (t: Tally) => (t.runtimeSeconds * 1e6) / Math.max(1, t.requests);
  const b = summariseNative(bare.symbols, perRequest(bare));
  const a = summariseNative(app.symbols, perRequest(app));
  console.log(`\nRuntime CPU per lookup by part, µs (perf samples: bare + limiter ${b.samples}, app ${a.samples}; ${o.rate} req/s)`);
  const parts = NATIVE_PARTS.map((part) => {
    const [bu, au] = [b.parts.get(part)!, a.parts.get(part)!];
    return { part, 'bare + limiter': us(bu), app: us(au), 'app − bare': us(au - bu) };
  });
  const total = { part: 'total', 'bare + limiter': us(perRequest(bare)), app: us(perRequest(app)), 'app − bare': us(perRequest(app) - perRequest(bare)) };
  console.table([...parts, total]);

  const keys = new Set([...a.symbols.keys(), ...b.symbols.keys()]);
  const diffs = [...keys].map((key) => {
    const [as, bs] = [a.symbols.get(key), b.symbols.get(key)];
    return { symbol: shorten(key), part: (as ?? bs)!.part, 'bare µs': us(bs?.us ?? 0), 'app µs': us(as?.us ?? 0), diff: (as?.us ?? 0) - (bs?.us ?? 0) };
  });
  diffs.sort((x, y) => y.diff - x.diff);
  console.log(`\nThe ${o.top} symbols the app spends most on beyond the baseline (µs per lookup; single symbols carry sampling noise)`);
  console.table(diffs.slice(0, o.top).map((d) => ({ ...d, diff: us(d.diff) })));
  mergeResults({
    profileNative: {
      rate: o.rate,
      rounds: o.rounds,
      seconds: o.seconds,
      runtimeUsPerRequest: { bare: us(perRequest(bare)), app: us(perRequest(app)) },
      partsUs: Object.fromEntries(parts.map((p) => [p.part, { bare: p['bare + limiter'], app: p.app }])),
      measuredAt: new Date().toISOString(),
    },
  });
}
