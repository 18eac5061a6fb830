/**
 * Runs the project's own wrangler with the project's pinned Node, whatever `node` is first on PATH.
 */
import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// wrangler exports only its API and package.json; its bin lives beside the latter.
export const wranglerBin = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin/wrangler.js');

/** Runs wrangler to completion, showing its output; throws if it fails. */
export function wranglerSync(args: string[]): void {
  const result = spawnSync(process.execPath, [wranglerBin, ...args], { stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Starts a long-running wrangler (wrangler dev). */
export function wranglerSpawn(args: string[], options: Omit<SpawnOptions, 'env'> & { env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, [wranglerBin, ...args], {
    stdio: 'inherit',
    ...options,
    env: { ...process.env, ...options.env, WRANGLER_SEND_METRICS: 'false' },
  });
}
