/**
 * The test portal as the end-to-end and browser tests reach it (test/e2e/portal-server.ts starts it and
 * provides its state directory): the operator CLI run on the portal's own local D1, a scratch directory
 * per test file, every file of its state, and client addresses that keep a file's lookups clear of the per-address rate limit.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

/** execFile as a promise: it resolves with stdout and stderr, and rejects with them when the command fails. */
export const run = promisify(execFile);

/** The arguments that run the operator CLI on the portal's local D1, for `spawn(process.execPath, …)`. */
export function cliArgs(...args: string[]): string[] {
  return ['src/cli/main.ts', '--persist-to', inject('stateDir'), ...args];
}

/** Runs the operator CLI on the portal's local D1, as `npm run cli -- --persist-to <state> …` does. */
export function cli(...args: string[]) {
  return run(process.execPath, cliArgs(...args), { maxBuffer: 1 << 24 });
}

/**
 * A new empty directory for one test file's inputs and outputs. It lies in the run's scratch root, which
 * the global setup removes at the end of the run, so no test's lists outlive it.
 */
export function scratchDir(name: string): string {
  return mkdtempSync(join(inject('scratchRoot'), `${name}-`));
}

/**
 * A new client address on every call, as the `cf-connecting-ip` header: `<prefix>1`, `<prefix>2`, …, or
 * with `wrap`, round the last `wrap` numbers from 1. A test file counts in a range of its own, so the rate
 * limit (per address) never answers one of its lookups.
 */
export function clientAddresses(prefix: string, wrap?: number): () => { 'cf-connecting-ip': string } {
  let n = 0;
  return () => {
    n += 1;
    return { 'cf-connecting-ip': `${prefix}${wrap === undefined ? n : (n % wrap) + 1}` };
  };
}

/** Every file under a directory (the portal's state), for the tests that look for what must not be there. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
