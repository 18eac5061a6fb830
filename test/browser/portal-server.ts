/**
 * Vitest global setup for the browser tests: starts the portal exactly as `npm start` does (same script,
 * same migrations, same demo data), but on a free port and with its own throwaway D1 state, and stops
 * it afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited early (code ${child.exitCode})`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the portal did not answer on ${url} within ${timeoutMs / 1000}s`);
}

export default async function setup(project: TestProject) {
  const state = mkdtempSync(join(tmpdir(), 'amiaffected-browser-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.ts', '--port', String(port), '--persist-to', state], {
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(`${baseURL}/`, child);
  } catch (err) {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    throw err;
  }
  project.provide('baseURL', baseURL);
  return () => {
    // The portal runs wrangler, which runs workerd: stop the whole process group.
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    rmSync(state, { recursive: true, force: true });
  };
}
