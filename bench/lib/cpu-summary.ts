/**
 * Tables of a CPU profile: the functions with the most self time, and self time per package group for
 * two Workers side by side (the bare baseline and the app, measured in the same run).
 */
import { type CallFrame, type CpuProfile, FrameGrouper, GROUPS, type Group, samplingPeriodUs, selfTimes } from './cpu-profile.ts';

export interface CpuSummary {
  /** Time in the isolate: samples × the achieved sampling period. */
  readonly totalMs: number;
  /** Wall time of the profile, to show how much of it the isolate was busy. */
  readonly wallMs: number;
  readonly periodUs: number;
  /** Requests served while the profiler ran, to turn milliseconds into µs per request. */
  readonly requests: number;
  readonly functions: { function: string; group: Group; selfMs: number }[];
  readonly groups: Map<Group, number>;
}

export function summarise({ profile, sources }: CpuProfile, requests: number, intervalUs: number): CpuSummary {
  const grouper = new FrameGrouper(sources);
  const periodUs = samplingPeriodUs(profile, intervalUs);
  const self = selfTimes(profile, periodUs);
  // One function shows up as many nodes (one per call path); its self time is theirs summed.
  const byFunction = new Map<string, { function: string; group: Group; selfMs: number }>();
  const groups = new Map<Group, number>();
  let totalMs = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    const f = node.callFrame;
    const group = grouper.group(f);
    const key = `${f.functionName}\n${f.url}\n${f.lineNumber}\n${f.columnNumber}`;
    const entry = byFunction.get(key) ?? { function: label(f, grouper.module(f)), group, selfMs: 0 };
    entry.selfMs += ms;
    byFunction.set(key, entry);
    groups.set(group, (groups.get(group) ?? 0) + ms);
    totalMs += ms;
  }
  const functions = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs, wallMs: (profile.endTime - profile.startTime) / 1000, periodUs, requests, functions, groups };
}

/** `name (module:line)`, the module without its node_modules/ prefix, so a table cell stays short. */
function label(f: CallFrame, module: string | undefined): string {
  const name = f.functionName || '(anonymous)';
  if (/^\((?:program|garbage collector|idle|root)\)$/.test(name)) return name;
  // No url: a builtin implemented in C++ (workerd's fetch, Response, JSON…), sampled while it runs.
  if (module === undefined) return f.url ? `${name} (${f.url.split('/').pop()}:${f.lineNumber + 1})` : `${name} (native)`;
  return `${name} (${module.replace(/^(?:\.\.\/)*(?:.*node_modules\/)?/, '')})`;
}

const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '–');
const ms = (v: number) => Math.round(v * 10) / 10;

export function printTopFunctions(title: string, s: CpuSummary, top = 15): void {
  const samples = `${ms(s.totalMs)} ms sampled in ${ms(s.wallMs)} ms, one sample per ${Math.round(s.periodUs)} µs`;
  console.log(`\n${title}: top ${top} functions by self time (${samples})`);
  console.table(s.functions.slice(0, top).map((f) => ({ function: f.function, group: f.group, 'self ms': ms(f.selfMs), '%': pct(f.selfMs, s.totalMs) })));
}

/**
 * Self time per group for both Workers. µs per request puts the two on one scale: the app serves fewer
 * requests in the same seconds, so its milliseconds alone would understate its cost per request.
 */
export function printGroups(bare: CpuSummary, app: CpuSummary): void {
  const perReq = (v: number, s: CpuSummary) => (s.requests > 0 ? Math.round((1000 * v) / s.requests) : 0);
  const rows = GROUPS.filter((g) => bare.groups.has(g) || app.groups.has(g)).map((g): Record<string, string | number> => {
    const b = bare.groups.get(g) ?? 0;
    const a = app.groups.get(g) ?? 0;
    return { group: g, 'bare ms': ms(b), 'bare %': pct(b, bare.totalMs), 'bare µs/req': perReq(b, bare), 'app ms': ms(a), 'app %': pct(a, app.totalMs), 'app µs/req': perReq(a, app) };
  });
  rows.push({ group: 'total', 'bare ms': ms(bare.totalMs), 'bare %': '100%', 'bare µs/req': perReq(bare.totalMs, bare), 'app ms': ms(app.totalMs), 'app %': '100%', 'app µs/req': perReq(app.totalMs, app) });
  console.log('\nSelf time per group, bare + limiter vs app');
  console.table(rows);
}
