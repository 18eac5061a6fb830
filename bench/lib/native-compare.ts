/**
 * `bench:profile -- --native`: the bare + limiter Worker (the baseline) and the app, both up at once on
 * copies of one state, loaded in turns at one fixed rate, with Linux perf on each side's runtime process
 * during its bursts (bench/lib/native-profile.ts). Prints where each side's runtime CPU per request goes
 * and what the app spends beyond the baseline, part by part and symbol by symbol.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_DIR } from './cpu-run.ts';
import { NATIVE_PARTS, type NativeSymbol, perfMissing, perfSymbols, recordPerf, summariseNative } from './native-profile.ts';
import { mergeResults } from './results.ts';
import { inTurns, meanOf, type Side } from './turns.ts';

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
  /** The runtime's CPU per request, µs: the mean over the side's bursts. */
  runtimeUs: number;
  symbols: NativeSymbol[];
}

export async function profileNative(bare: Side, app: Side, o: NativeRun): Promise<void> {
  const missing = perfMissing();
  if (missing) throw new Error(`--native needs Linux perf: ${missing}`);
  mkdirSync(PROFILE_DIR, { recursive: true });
  const sides = { 'bare + limiter': bare, app };
  const files = new Map<string, string[]>(Object.keys(sides).map((side) => [side, []]));
  const bursts = await inTurns(sides, {
    ...o,
    // perf watches the runtime only (not wrangler's dev proxy): the runtime is what production runs.
    beside: async ({ side, round, seconds, roles }) => {
      const named = roles.runtime.map((_, i) => join(PROFILE_DIR, `${side.replace(/[^a-z]+/g, '-')}-${round + 1}.${i}.perf.data`));
      await Promise.all(roles.runtime.map((pid, i) => recordPerf(pid, seconds, named[i]!)));
      files.get(side)!.push(...named);
    },
  });
  const bad = bursts.filter((b) => b.non2xx > 0 || b.errors > 0);
  if (bad.length > 0) throw new Error(`${bad[0]!.side} answered ${bad[0]!.non2xx} non-2xx and ${bad[0]!.errors} errors in a burst: the profile would not be of lookups`);
  const tally = (side: string): Tally => ({
    runtimeUs: meanOf(bursts, side, (b) => b.runtimeMsPerRequest) * 1000,
    symbols: files.get(side)!.flatMap((file) => perfSymbols(file)),
  });
  report(tally('bare + limiter'), tally('app'), o);
}

const us = (v: number) => Math.round(v * 10) / 10;

// C++ names run long and differ at the end (template arguments), so a long one keeps both ends.
const shorten = (name: string) => (name.length > 90 ? `${name.slice(0, 55)}…${name.slice(-34)}` : name);

function report(bare: Tally, app: Tally, o: NativeRun): void {
  const b = summariseNative(bare.symbols, bare.runtimeUs);
  const a = summariseNative(app.symbols, app.runtimeUs);
  console.log(`\nRuntime CPU per lookup by part, µs (perf samples: bare + limiter ${b.samples}, app ${a.samples}; ${o.rate} req/s)`);
  const parts = NATIVE_PARTS.map((part) => {
    const [bu, au] = [b.parts.get(part)!, a.parts.get(part)!];
    return { part, 'bare + limiter': us(bu), app: us(au), 'app − bare': us(au - bu) };
  });
  const total = { part: 'total', 'bare + limiter': us(bare.runtimeUs), app: us(app.runtimeUs), 'app − bare': us(app.runtimeUs - bare.runtimeUs) };
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
      runtimeUsPerRequest: { bare: us(bare.runtimeUs), app: us(app.runtimeUs) },
      partsUs: Object.fromEntries(parts.map((p) => [p.part, { bare: p['bare + limiter'], app: p.app }])),
      measuredAt: new Date().toISOString(),
    },
  });
}
