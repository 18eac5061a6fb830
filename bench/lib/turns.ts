/**
 * Several Workers measured in turns: every side runs under its own `wrangler dev` at the same time, on its
 * own copy of one loaded D1 state, and the load moves between them in bursts, each round starting with
 * the next side. This machine's throughput drifts by tens of percent over minutes; short turns put that
 * drift on every side alike, where whole runs one after another put it on whichever ran then.
 *
 * Each burst also records the CPU per request of the side's two workerd processes: the runtime, which
 * runs the Worker, its D1 and its limiter on one thread (the one that limits throughput), and wrangler's
 * dev proxy, which relays every request and response and does not exist in production.
 */
import { cpSync, rmSync } from 'node:fs';
import { cpuMeter, type DevServer, startDev, type WorkerdRoles, workerdRoles } from './dev-server.ts';
import { load, poolIp, runFigures } from './load.ts';

export interface Side {
  readonly config: string;
  /** Path of the request on the server, such as /api/v1/check. */
  readonly path: string;
  readonly args: readonly string[];
  /** The body of request n; n runs on over a side's bursts, so every request has its own key and client. */
  readonly body: (n: number) => string;
}

export interface TurnOptions {
  /** The loaded state; each side gets a copy beside it, removed at the end. */
  readonly state: string;
  readonly rounds: number;
  readonly seconds: number;
  readonly warmup: number;
  readonly connections: number;
  /** Requests per second; unset, each connection sends as fast as it is answered. */
  readonly rate?: number | undefined;
  /**
   * Runs beside every measured burst (not the warm-up): started with the burst's load, awaited after it.
   * A profiler of the side's processes, say.
   */
  readonly beside?: (burst: { side: string; round: number; seconds: number; roles: WorkerdRoles }) => Promise<void>;
}

export type Burst = { side: string; round: number; runtimeMsPerRequest: number; proxyMsPerRequest: number } & ReturnType<typeof runFigures>;

export interface Running {
  /** Each side's server, by the side's name. */
  readonly servers: ReadonlyMap<string, DevServer>;
  /** Stops every server and removes every copy of the state. */
  stop(): Promise<void>;
}

/**
 * Starts each side under its own `wrangler dev`, on its own copy of the state (its own D1 file and
 * limiter), all at once. On a failure to start, what had started is stopped and removed before it throws.
 */
export async function startOnCopies(state: string, sides: Record<string, Pick<Side, 'config' | 'args'>>): Promise<Running> {
  const servers = new Map<string, DevServer>();
  const copies: string[] = [];
  const stop = async () => {
    for (const server of servers.values()) await server.stop();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [name, { config, args }] of Object.entries(sides)) {
      const dir = `${state}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
      copies.push(dir);
      cpSync(state, dir, { recursive: true });
      servers.set(name, await startDev(dir, config, [...args]));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { servers, stop };
}

/** Every burst of every side, in the order they ran; a line per round goes to the console. */
export async function inTurns(sides: Record<string, Side>, o: TurnOptions): Promise<Burst[]> {
  const order = Object.keys(sides);
  const running = await startOnCopies(o.state, sides);
  const up = new Map<string, { url: string; sent: number; roles: WorkerdRoles }>();
  for (const [side, server] of running.servers) up.set(side, { url: `${server.base}${sides[side]!.path}`, sent: 0, roles: workerdRoles(server) });
  const bursts: Burst[] = [];
  try {
    const burst = async (side: string, seconds: number, round?: number) => {
      const s = up.get(side)!;
      const from = s.sent;
      const cpuSince = cpuMeter(s.roles);
      const alongside = round === undefined ? undefined : o.beside?.({ side, round, seconds, roles: s.roles });
      const loaded = load({
        url: s.url,
        connections: o.connections,
        seconds,
        body: (n) => sides[side]!.body(from + n),
        ip: (n) => poolIp(from + n),
        rate: o.rate,
      });
      // Both end before either's failure is thrown, so no load or profiler is left running.
      const [settled, besides] = await Promise.allSettled([loaded, alongside]);
      if (settled.status === 'rejected') throw settled.reason;
      if (besides.status === 'rejected') throw besides.reason;
      const r = settled.value;
      const used = cpuSince();
      const msPerRequest = (seconds: number) => (seconds * 1000) / Math.max(1, r.requests.total);
      s.sent += r.requests.sent;
      return { r, runtime: msPerRequest(used.runtime), proxy: msPerRequest(used.proxy) };
    };
    for (const side of order) await burst(side, o.warmup);
    for (let round = 0; round < o.rounds; round++) {
      for (const side of order.map((_, i) => order[(i + round) % order.length]!)) {
        const { r, runtime, proxy } = await burst(side, o.seconds, round);
        bursts.push({ side, round, runtimeMsPerRequest: Number(runtime.toFixed(3)), proxyMsPerRequest: Number(proxy.toFixed(3)), ...runFigures(r) });
      }
      const last = (side: string) => bursts.findLast((b) => b.side === side)!;
      console.log(`round ${round + 1}/${o.rounds}: ${order.map((side) => `${side} ${last(side).requestsPerSecond} req/s`).join(', ')}`);
    }
  } finally {
    await running.stop();
  }
  return bursts;
}

/** The mean of a figure over one side's bursts. */
export function meanOf(bursts: readonly Burst[], side: string, figure: (b: Burst) => number): number {
  const of = bursts.filter((b) => b.side === side);
  return of.reduce((sum, b) => sum + figure(b), 0) / of.length;
}
