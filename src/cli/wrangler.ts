/**
 * Runs the project's own wrangler with the project's pinned Node, whatever `node` is first on PATH.
 */
import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// wrangler exports only its API and package.json; its bin lives beside the latter.
const wranglerBin = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin/wrangler.js');

/** Runs wrangler to completion, showing its output; throws if it fails. */
export function wranglerSync(args: string[]): void {
  const result = spawnSync(process.execPath, [wranglerBin, ...args], { stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Starts a long-running wrangler (wrangler dev). */
export function wranglerSpawn(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [wranglerBin, ...args], {
    stdio: 'inherit',
    ...options,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
}

/**
 * Runs wrangler and returns its standard output; throws with the end of its error output if it fails.
 * It runs in a process group of its own, so a Ctrl-C meant for the CLI lets the current step finish
 * instead of cutting it off half-way; the CLI then stops at the next step.
 */
export function wranglerOutput(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      // --json results are printed at the 'log' level, whatever the caller's WRANGLER_LOG.
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG: 'log' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`wrangler ${args.slice(0, 3).join(' ')} failed (exit ${code ?? signal}): ${(stderr || stdout).trim().slice(-2000)}`));
    });
  });
}
