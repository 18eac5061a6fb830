/**
 * Drives POST requests at a server with autocannon, each request with a body from `body(n)` and its own
 * CF-Connecting-IP. wrangler dev passes that header through to the Worker (Cloudflare's edge would
 * overwrite it), and the lookup limiter allows 10 requests a minute per IP: without distinct addresses the
 * run would measure 429s. The bare Worker gets the same header, so both sides send the same bytes.
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';

/**
 * The lookup limiter's period in wrangler.toml. Its local emulation keeps a row per client key for the
 * current window and scans them all for each new key, so a call costs more the later it comes in the
 * window: runs that compare two servers last whole windows, so each meets every point of one.
 */
export const LIMITER_WINDOW_SECONDS = 60;

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly body: (n: number) => string;
  /** The client address of request n; by default a different one for each of 2^18 requests in turn. */
  readonly ip?: (n: number) => string;
  /** Called with every response's status (costs a little: autocannon then reads each body). */
  readonly onStatus?: (status: number) => void;
  /** Requests per second across all connections; unset, each connection sends as fast as it is answered. */
  readonly rate?: number;
}

export function poolIp(n: number, pool = 1 << 18): string {
  const i = n % pool;
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

export function load(o: LoadOptions): Promise<autocannon.Result> {
  let n = 0;
  const ip = o.ip ?? poolIp;
  return autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    ...(o.rate ? { overallRate: o.rate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n++;
          return { ...req, headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip(n) }, body: o.body(n) };
        },
        ...(o.onStatus ? { onResponse: (status: number) => o.onStatus!(status) } : {}),
      },
    ],
  });
}

/** The figures of one measured run that the benchmarks keep, with the machine's load average after it. */
export function runFigures(r: autocannon.Result) {
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    // Other work on the machine shows in every figure.
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
}
