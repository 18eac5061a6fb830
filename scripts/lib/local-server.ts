/**
 * Helpers for scripts that run the portal on loopback (browser tests, benchmarks): a free port, and
 * waiting until the server answers.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The environment of every local `wrangler dev` of the portal (npm start, the benchmarks). Notice links
 * carry their code in the path (/n/<code>). wrangler dev would print every request line and keep every
 * request in a local trace store (.wrangler/state/v3/observability, the emulation of Workers Logs), so
 * both are off unless the developer asks for them (WRANGLER_LOG=info, X_LOCAL_OBSERVABILITY=true). The
 * trace store also costs the local server about a fifth of its lookup throughput; on Cloudflare, Workers
 * Logs runs outside the Worker.
 */
export function devEnv(): Record<string, string> {
  return { WRANGLER_LOG: process.env.WRANGLER_LOG ?? 'warn', X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? 'false' };
}

// Ports this process has handed out: a port closed by freePort() is free again, and the kernel may offer
// it to the next call, so two servers started together could be given the same one.
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
      server.on('error', reject);
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/**
 * `wrangler dev` arguments that give a server its own inspector port. Left to itself, wrangler dev takes
 * the first free port from 9229 up, so two started at the same time can choose the same one, and the
 * later one exits ("Address already in use"). Every server a test or benchmark starts passes these.
 */
export async function inspectorArgs(): Promise<string[]> {
  return ['--inspector-port', String(await freePort())];
}

export async function waitUntilServing(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal for ${url} exited early (code ${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the portal did not answer on ${url} within ${timeoutMs / 1000}s`);
}

/** Stops a detached child and everything it started (wrangler runs workerd). */
export function stopGroup(child: ChildProcess): void {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
