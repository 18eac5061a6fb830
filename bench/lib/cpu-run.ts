/**
 * One profiled step of `bench:profile -- --cpu`: wrangler dev with its inspector on, a warm-up without
 * the profiler, then the profiler on for exactly the measured load.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCpuProfile } from './cpu-profile.ts';
import { type CpuSummary, summarise } from './cpu-summary.ts';
import { startDev } from './dev-server.ts';
import { load } from './load.ts';

export const PROFILE_DIR = 'bench-results';

export interface CpuStep {
  /** File name stem of the saved profile: bench-results/<name>.cpuprofile. */
  readonly name: string;
  readonly config: string;
  readonly path: string;
  readonly args: string[];
}

export interface CpuRunOptions {
  readonly persistTo: string;
  readonly connections: number;
  readonly warmup: number;
  readonly seconds: number;
  readonly intervalUs: number;
  readonly body: (n: number) => string;
  /** A fixed request rate (see load()); unset, as fast as the server answers. */
  readonly rate?: number;
}

export interface CpuResult {
  readonly reqPerSec: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly file: string;
  readonly summary: CpuSummary;
}

export async function profileStep(step: CpuStep, o: CpuRunOptions): Promise<CpuResult> {
  const server = await startDev(o.persistTo, step.config, step.args);
  const inspectorPort = server.inspectorPort;
  try {
    const url = `${server.base}${step.path}`;
    await load({ url, connections: o.connections, seconds: o.warmup, body: o.body, rate: o.rate });
    const profiler = await startCpuProfile(inspectorPort, o.intervalUs);
    const r = await load({ url, connections: o.connections, seconds: o.seconds, body: o.body, rate: o.rate });
    const cpu = await profiler.stop();
    mkdirSync(PROFILE_DIR, { recursive: true });
    const file = join(PROFILE_DIR, `${step.name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(cpu.profile));
    const summary = summarise(cpu, r.requests.total, o.intervalUs);
    return { reqPerSec: Math.round(r.requests.average), p99: r.latency.p99, non2xx: r.non2xx, file, summary };
  } finally {
    await server.stop();
  }
}
