/**
 * Vitest global setup for the end-to-end tests: starts the portal exactly as `npm start` does (same script,
 * same migrations, same demo data), but on a free port and with its own throwaway D1 state, and stops
 * it afterwards.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, inspectorArgs, stopGroup, waitUntilServing } from '../../scripts/lib/local-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** The portal's local D1 state, for CLI tests (`--persist-to`). */
    stateDir: string;
    /** A name for the development sign-in that this portal makes an admin (ADMIN_EMAILS), for admin pages. */
    adminName: string;
    /** Everything the portal (`npm start`: its setup and wrangler dev) printed, for the tests that check logs. */
    portalLog: string;
    /** Where test files keep their inputs and outputs (scratchDir), removed at the end of the run. */
    scratchRoot: string;
  }
}

export default async function setup(project: TestProject) {
  const state = mkdtempSync(join(tmpdir(), 'amiaffected-browser-'));
  const port = await freePort();
  // Admin rights for one development name only, on this throwaway portal: other sign-ins stay plain agents.
  const adminName = `admin-${process.pid}`;
  const args = ['--port', String(port), '--persist-to', state, '--var', `ADMIN_EMAILS:dev:${adminName}`, '--', ...(await inspectorArgs())];
  // The portal's output goes to a file beside its state, so tests can read what it logged.
  const portalLog = join(state, 'portal.log');
  const out = openSync(portalLog, 'a');
  const child = spawn(process.execPath, ['scripts/start.ts', ...args], {
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(`${baseURL}/`, child);
  } catch (err) {
    stopGroup(child);
    process.stderr.write(readFileSync(portalLog, 'utf8'));
    throw err;
  }
  project.provide('baseURL', baseURL);
  project.provide('stateDir', state);
  project.provide('adminName', adminName);
  project.provide('portalLog', portalLog);
  // The tests' own files (lists, recipients, notices they made) go in a directory of the run, removed
  // with the state. Not inside the state: the no-plaintext test reads every file of that.
  const scratchRoot = mkdtempSync(join(tmpdir(), 'amiaffected-scratch-'));
  project.provide('scratchRoot', scratchRoot);
  return () => {
    stopGroup(child);
    rmSync(state, { recursive: true, force: true });
    rmSync(scratchRoot, { recursive: true, force: true });
  };
}
