/**
 * A V8 CPU profile of a `wrangler dev` Worker, and where its self time goes: per function and per
 * package. wrangler dev runs an esbuild bundle, so every frame of ours points into one script
 * ("index.js"); esbuild writes a `// <module path>` comment before each module it inlines, and the last
 * such comment above a frame's line names the module (and so the package) the function came from.
 */
import { connectCdp, inspectorTarget } from './cdp.ts';

export interface CallFrame {
  readonly functionName: string;
  readonly scriptId: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly hitCount?: number;
}
/** Profiler.Profile of the DevTools protocol: what Chrome's Performance panel loads as a .cpuprofile. */
export interface Profile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: number[];
  readonly timeDeltas?: number[];
}

/** The package groups, in the order the summary prints them. */
export const GROUPS = [
  'hono', 'valibot', 'jose', '@noble/hashes', 'app (src/)', 'bench worker', 'wrangler', 'other packages',
  'runtime', '(program)', '(garbage collector)', '(idle)',
] as const;
export type Group = (typeof GROUPS)[number];

/** A profile and the source text of the Worker's own scripts it samples, by script id. */
export interface CpuProfile {
  readonly profile: Profile;
  readonly sources: Map<string, string>;
}

/**
 * Starts the profiler of the Worker behind wrangler's inspector on `inspectorPort`; `stop()` returns the
 * profile. The interval is in microseconds: 100 asks for about ten samples per millisecond of a request.
 */
export async function startCpuProfile(inspectorPort: number, intervalUs = 100): Promise<{ stop(): Promise<CpuProfile> }> {
  const session = await connectCdp(await inspectorTarget(inspectorPort));
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.send('Profiler.start');
  return {
    async stop() {
      try {
        const { profile } = await session.send<{ profile: Profile }>('Profiler.stop');
        // The bundle's text comes from the isolate itself: wrangler names it just "index.js", and the file
        // it wrote lies in a temporary directory. The debugger is on only now, after the measured load.
        await session.send('Debugger.enable');
        const sources = new Map<string, string>();
        for (const { scriptId, url } of new Map(profile.nodes.map((n) => [n.callFrame.scriptId, n.callFrame])).values()) {
          if (url === '' || url.startsWith('cloudflare-internal:') || url.startsWith('node:')) continue;
          sources.set(scriptId, (await session.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId })).scriptSource);
        }
        await session.send('Debugger.disable');
        return { profile, sources };
      } finally {
        session.close();
      }
    },
  };
}

/**
 * The sampling period the profiler achieved, in µs: the median gap between samples. Under load it is
 * longer than the one asked for (the sampler thread competes for the same cores).
 */
export function samplingPeriodUs(p: Profile, requestedUs: number): number {
  const deltas = (p.timeDeltas ?? []).filter((d) => d > 0).sort((a, b) => a - b);
  return deltas[deltas.length >> 1] ?? requestedUs;
}

/**
 * Self time per node in ms: its samples × the sampling period. Not the gap to the next sample, as
 * DevTools counts it: workerd takes no samples while the isolate waits outside JavaScript (for D1, the
 * limiter, the next request), so the sample before such a gap would be charged the whole wait (several
 * ms), and `fetch` would look like the costliest function when it is the one that starts the waiting.
 */
export function selfTimes(p: Profile, periodUs: number): Map<number, number> {
  const self = new Map<number, number>();
  if (p.samples?.length) for (const id of p.samples) self.set(id, (self.get(id) ?? 0) + periodUs / 1000);
  else for (const n of p.nodes) self.set(n.id, ((n.hitCount ?? 0) * periodUs) / 1000);
  return self;
}

/** The module path of each line of a bundle, from esbuild's `// path` comments. */
class BundleModules {
  private readonly starts: { line: number; path: string }[] = [];
  constructor(text: string) {
    text.split('\n').forEach((line, i) => {
      const m = /^\/\/ (\S+\.(?:[cm]?[jt]sx?|json))$/.exec(line);
      if (m) this.starts.push({ line: i, path: m[1]! });
    });
  }
  /** The module holding a 0-based line: the last comment at or above it (binary search). */
  at(line: number): string | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found: string | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]!.line <= line) {
        found = this.starts[mid]!.path;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/** Maps call frames to modules (through the bundle's comments) and to package groups. */
export class FrameGrouper {
  private readonly bundles = new Map<string, BundleModules>();

  constructor(sources: Map<string, string>) {
    for (const [id, text] of sources) this.bundles.set(id, new BundleModules(text));
  }

  module(frame: CallFrame): string | undefined {
    return this.bundles.get(frame.scriptId)?.at(frame.lineNumber);
  }

  group(frame: CallFrame): Group {
    const name = frame.functionName;
    if (name === '(program)' || name === '(garbage collector)' || name === '(idle)') return name;
    const path = this.module(frame);
    // No module: a builtin, workerd's own JavaScript (cloudflare-internal:…), or bundle glue before the
    // first module comment.
    if (path === undefined) return this.bundles.has(frame.scriptId) ? 'wrangler' : 'runtime';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
    if (pkg === 'hono' || pkg === 'valibot' || pkg === 'jose' || pkg === '@noble/hashes') return pkg;
    if (pkg === '@hono/valibot-validator') return 'hono';
    if (pkg === 'wrangler' || path.includes('.wrangler/')) return 'wrangler';
    if (pkg !== undefined) return 'other packages';
    if (/(?:^|\/)src\//.test(path)) return 'app (src/)';
    // esbuild writes paths relative to the wrangler.toml, so the profile Worker's own file is "index.ts".
    return 'bench worker';
  }
}
