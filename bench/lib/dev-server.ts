/**
 * Runs `wrangler dev` on loopback for a benchmark, stops it completely (so the next server can open the
 * same D1 state), and reads the resident memory of the workerd processes it started.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { wranglerSpawn } from '../../src/cli/wrangler.ts';
import { devEnv, freePort, inspectorArgs, waitUntilServing } from '../../scripts/lib/local-server.ts';

export interface DevServer {
  readonly base: string;
  readonly child: ChildProcess;
  /** The Worker's inspector (Chrome DevTools Protocol), for CPU profiles. */
  readonly inspectorPort: number;
  stop(): Promise<void>;
}

/**
 * Starts wrangler dev with the given config (the app's wrangler.toml by default) against `persistTo`.
 * With `logFile`, its output (the Worker's logs included) goes there, to find out why a request failed.
 */
export async function startDev(persistTo: string, config = 'wrangler.toml', extraArgs: string[] = [], logFile?: string): Promise<DevServer> {
  const port = await freePort();
  const inspector = await inspectorArgs();
  const log = logFile === undefined ? 'ignore' : openSync(logFile, 'a');
  const child = wranglerSpawn(
    ['dev', '--config', config, '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistTo, '--log-level', 'error', ...inspector, ...extraArgs],
    // A process group of its own, so stopping it also stops workerd. The environment is npm start's.
    { stdio: ['ignore', log, log], detached: true, env: devEnv() },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilServing(`${base}/`, child);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, child, inspectorPort: Number(inspector[1]), stop };
}

/** The parent of every process, read from /proc (Linux). */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name may hold spaces or parentheses; the fields after the last ')' are fixed.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      out.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** The workerd processes below a wrangler dev process. */
export function workerdPids(root: number): number[] {
  const ppid = parents();
  const below = (pid: number): boolean => {
    for (let p = ppid.get(pid); p !== undefined && p > 1; p = ppid.get(p)) if (p === root) return true;
    return false;
  };
  return [...ppid.keys()].filter((pid) => below(pid) && readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd');
}

/**
 * The workerd processes of a wrangler dev server by role: its dev proxy, the one listening on the port
 * the server was asked for, and the runtime that runs the Worker with its D1 and limiter. Only the
 * runtime exists in production; the proxy relays every request and response on this machine.
 */
export function workerdRoles(server: DevServer): { proxy: number[]; runtime: number[] } {
  const port = Number(new URL(server.base).port);
  const pids = workerdPids(server.child.pid!);
  const proxy = pids.filter((pid) => listeningPorts(pid).includes(port));
  return { proxy, runtime: pids.filter((pid) => !proxy.includes(pid)) };
}

export type WorkerdRoles = ReturnType<typeof workerdRoles>;

/** Starts counting: the returned function gives the CPU seconds each role has used since. */
export function cpuMeter(roles: WorkerdRoles): () => { runtime: number; proxy: number } {
  const read = () => ({ runtime: sum(cpuSeconds(roles.runtime)), proxy: sum(cpuSeconds(roles.proxy)) });
  const start = read();
  return () => {
    const now = read();
    return { runtime: now.runtime - start.runtime, proxy: now.proxy - start.proxy };
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The TCP ports a process listens on, from its socket descriptors and /proc/net/tcp (Linux, IPv4). */
function listeningPorts(pid: number): number[] {
  const sockets = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return []; // exited
  }
  for (const fd of fds) {
    try {
      const target = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (target) sockets.add(target[1]!);
    } catch {
      // closed since the listing
    }
  }
  const ports: number[] = [];
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    // sl local_address rem_address st ... inode: state 0A is LISTEN.
    const f = line.trim().split(/\s+/);
    if (f[3] === '0A' && sockets.has(f[9]!)) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
  }
  return ports;
}

/** Resident memory in KiB, summed over the given processes (0 for those that are gone). */
export function rssKb(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return total;
}

/** CPU seconds (user + system) each process has used so far (0 for those that are gone). */
export function cpuSeconds(pids: number[]): number[] {
  return pids.map((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return 0;
    }
  });
}
