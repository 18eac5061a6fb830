/**
 * Vitest global setup for the end-to-end tests: starts the portal exactly as `npm start` does (same script,
 * same migrations, same demo data), but on a free port and with its own throwaway D1 state, and stops
 * it afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, stopGroup, waitUntilServing } from '../../scripts/lib/local-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The portal's local D1 state, for CLI tests (`--persist-to`). */
    stateDir: string;
  }
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
    stopGroup(child);
    throw err;
  }
  project.provide('baseURL', baseURL);
  project.provide('stateDir', state);
  return () => {
    stopGroup(child);
    rmSync(state, { recursive: true, force: true });
  };
}
