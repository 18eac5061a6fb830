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
import { cpuSeconds, type DevServer, startDev, workerdRoles } from './dev-server.ts';
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
  readonly rate?: number;
}

export type Burst = { side: string; round: number; runtimeMsPerRequest: number; proxyMsPerRequest: number } & ReturnType<typeof runFigures>;

/** Every burst of every side, in the order they ran; a line per round goes to the console. */
export async function inTurns(sides: Record<string, Side>, o: TurnOptions): Promise<Burst[]> {
  const order = Object.keys(sides);
  const up = new Map<string, { url: string; server: DevServer; sent: number; proxy: number[]; runtime: number[] }>();
  const copies: string[] = [];
  const bursts: Burst[] = [];
  try {
    for (const side of order) {
      const { config, path, args } = sides[side]!;
      const dir = `${o.state}-${side.replace(/[^A-Za-z0-9]+/g, '-')}`;
      copies.push(dir);
      cpSync(o.state, dir, { recursive: true });
      const server = await startDev(dir, config, [...args]);
      up.set(side, { url: `${server.base}${path}`, server, sent: 0, ...workerdRoles(server) });
    }
    const burst = async (side: string, seconds: number) => {
      const s = up.get(side)!;
      const from = s.sent;
      const cpu = () => cpuSeconds([...s.runtime, ...s.proxy]);
      const before = cpu();
      const r = await load({
        url: s.url,
        connections: o.connections,
        seconds,
        body: (n) => sides[side]!.body(from + n),
        ip: (n) => poolIp(from + n),
        rate: o.rate,
      });
      const used = cpu().map((t, i) => t - before[i]!);
      const perRequest = (from: number, to: number) => (used.slice(from, to).reduce((a, b) => a + b, 0) * 1000) / Math.max(1, r.requests.total);
      s.sent += r.requests.sent;
      return { r, runtime: perRequest(0, s.runtime.length), proxy: perRequest(s.runtime.length, used.length) };
    };
    for (const side of order) await burst(side, o.warmup);
    for (let round = 0; round < o.rounds; round++) {
      for (const side of order.map((_, i) => order[(i + round) % order.length]!)) {
        const { r, runtime, proxy } = await burst(side, o.seconds);
        bursts.push({ side, round, runtimeMsPerRequest: Number(runtime.toFixed(3)), proxyMsPerRequest: Number(proxy.toFixed(3)), ...runFigures(r) });
      }
      const last = (side: string) => bursts.findLast((b) => b.side === side)!;
      console.log(`round ${round + 1}/${o.rounds}: ${order.map((side) => `${side} ${last(side).requestsPerSecond} req/s`).join(', ')}`);
    }
  } finally {
    for (const { server } of up.values()) await server.stop();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  }
  return bursts;
}

/** The mean of a figure over one side's bursts. */
export function meanOf(bursts: readonly Burst[], side: string, figure: (b: Burst) => number): number {
  const of = bursts.filter((b) => b.side === side);
  return of.reduce((sum, b) => sum + figure(b), 0) / of.length;
}
