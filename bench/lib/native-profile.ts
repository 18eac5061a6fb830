/**
 * A native profile of a Worker's runtime process, by Linux perf. The V8 profiler (`--cpu`) sees only the
 * JavaScript of the Worker's isolate. The runtime's one thread does much more for every request: parsing
 * HTTP, the D1 emulation (its own isolate and SQLite), the limiter, V8 itself, the allocator, and system
 * calls. perf samples all of it, so the app's extra CPU per lookup can be put into parts that add up to
 * the whole.
 *
 * Shares come from perf; the CPU itself comes from /proc (bench/lib/dev-server.ts), so µs per request
 * do not depend on perf's sampling rate or its overhead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Why perf cannot run here, or null when it can. */
export function perfMissing(): string | null {
  const probe = spawnSync('perf', ['--version'], { encoding: 'utf8' });
  if (probe.error) return 'Linux perf is not installed (Debian: apt-get install linux-perf)';
  const paranoid = readFileSync('/proc/sys/kernel/perf_event_paranoid', 'utf8').trim();
  if (process.getuid?.() !== 0 && Number(paranoid) > 1) {
    return `perf may not watch other processes here (kernel.perf_event_paranoid is ${paranoid}): run as root or lower it to 1`;
  }
  return null;
}

/** Samples one process for `seconds` into `file`; resolves when perf has written it. */
export function recordPerf(pid: number, seconds: number, file: string, frequency = 999): Promise<void> {
  const perf = spawn('perf', ['record', '-q', '-F', String(frequency), '-p', String(pid), '-o', file, '--', 'sleep', String(seconds)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  perf.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  return new Promise((resolve, reject) => {
    perf.on('error', reject);
    perf.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`perf record exited with ${code}: ${errors.trim().slice(0, 300)}`))));
  });
}

export interface NativeSymbol {
  readonly dso: string;
  readonly symbol: string;
  readonly samples: number;
}

/** One line of `perf report -F sample,dso,sym`: "  1420  workerd  [.] sqlite3VdbeExec". */
export function parseReportLine(line: string): NativeSymbol | null {
  const m = /^\s*(\d+)\s+(.+?)\s+\[[.kgu]\]\s+(.*?)\s*$/.exec(line);
  return m ? { samples: Number(m[1]), dso: m[2]!.trim(), symbol: m[3]! } : null;
}

/** Samples per symbol (self time) of a perf.data file. */
export function perfSymbols(file: string): NativeSymbol[] {
  const report = spawnSync('perf', ['report', '-i', file, '--stdio', '-q', '--no-children', '-g', 'none', '--sort', 'dso,sym', '-F', 'sample,dso,sym'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (report.status !== 0) throw new Error(`perf report failed: ${report.stderr.trim().slice(0, 300)}`);
  return report.stdout.split('\n').flatMap((line) => parseReportLine(line) ?? []);
}

export const NATIVE_PARTS = [
  'SQLite: run a statement',
  'SQLite: compile a statement',
  'V8: JavaScript (builtins, JIT)',
  'V8: runtime and GC',
  'workerd: APIs and bindings',
  'workerd: event loop, HTTP, RPC',
  'memory allocator',
  'libc',
  'kernel',
  'other',
] as const;
export type NativePart = (typeof NATIVE_PARTS)[number];

// SQLite's parser, name resolution and query planner: the work of preparing a statement, which the
// local D1 emulation does for every query it runs.
const SQLITE_COMPILE = /^(sqlite3(RunParser|GetToken|Parser|FindTable|LocateTable|Select|Expr|Walk|Where(Begin|End|Code|Expr)|SrcList|FinishCoding|ResolveExpr|SetJoinExpr|Prepare|LockAndPrepare)|yy_|resolve|where|walkExpr|exprAnalyze|keywordCode|selectInnerLoop|columnIsGoodIndexCandidate|lookupName)/;

/** The part of the runtime a sampled symbol belongs to. */
export function nativePart(dso: string, symbol: string): NativePart {
  if (dso.includes('kernel')) return 'kernel';
  if (/^lib(c|m|pthread)[.-]/.test(dso)) return 'libc';
  if (dso.startsWith('[JIT]') || symbol.startsWith('Builtins_')) return 'V8: JavaScript (builtins, JIT)';
  if (SQLITE_COMPILE.test(symbol)) return 'SQLite: compile a statement';
  if (/^(sqlite3|pcache|btree|vdbe|unixShm|wal|pager|memjrnl)/i.test(symbol)) return 'SQLite: run a statement';
  if (/tcmalloc|^TCMalloc|^operator (new|delete)/.test(symbol)) return 'memory allocator';
  if (/^(v8::|cppgc::|unibrow::|heap::base::)/.test(symbol)) return 'V8: runtime and GC';
  // Anywhere in the name: kj::HeapDisposer<workerd::api::Headers::Header> is the Headers API's work.
  if (/workerd::(api|jsg)::|^workerd::server::.*(Isolate|Api)|^_ZNH7workerd3jsg/.test(symbol)) return 'workerd: APIs and bindings';
  if (/^(kj::|capnp::|kj_|workerd::|httparse|http::|hyper|tokio|<)/.test(symbol)) return 'workerd: event loop, HTTP, RPC';
  return 'other';
}

export interface NativeSummary {
  /** µs per request by part; the parts add up to the runtime's CPU per request. */
  readonly parts: Map<NativePart, number>;
  /** µs per request by `dso symbol`. */
  readonly symbols: Map<string, { part: NativePart; us: number }>;
  readonly samples: number;
}

/** Spreads the measured CPU per request over the sampled symbols in proportion to their samples. */
export function summariseNative(symbols: readonly NativeSymbol[], runtimeUsPerRequest: number): NativeSummary {
  const samples = symbols.reduce((n, s) => n + s.samples, 0);
  const perSample = samples > 0 ? runtimeUsPerRequest / samples : 0;
  const parts = new Map<NativePart, number>(NATIVE_PARTS.map((p) => [p, 0]));
  const bySymbol = new Map<string, { part: NativePart; us: number }>();
  for (const s of symbols) {
    const part = nativePart(s.dso, s.symbol);
    const us = s.samples * perSample;
    parts.set(part, parts.get(part)! + us);
    const key = `${s.dso} ${s.symbol}`;
    const entry = bySymbol.get(key) ?? { part, us: 0 };
    entry.us += us;
    bySymbol.set(key, entry);
  }
  return { parts, symbols: bySymbol, samples };
}
