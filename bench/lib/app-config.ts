/**
 * A benchmark Worker run in the app's own configuration: the app's wrangler.toml with another name and
 * entry point, written beside the benchmark's state. Its bindings, compatibility date, observability
 * and vars are then the app's and cannot drift from them, so only the code differs between the two.
 * (Observability alone, on for the app, was worth about a fifth of the app's local throughput in an A/B
 * run: 277 and 254 req/s with it, 338 and 342 without.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readDevVars } from '../../src/cli/pepper.ts';

/**
 * Writes the config into `dir` and returns its path, for `wrangler dev --config`. `appToml` is the app's
 * configuration to start from: this checkout's by default, or another checkout's (bench:race).
 */
export function configLikeApp(dir: string, name: string, main: string, appToml = 'wrangler.toml'): string {
  // The migrations folder is the app's concern (and relative to the app's config); the state is migrated.
  const text = readFileSync(appToml, 'utf8').replace(/^migrations_dir = .*$/m, '');
  const path = join(dir, `${name}.toml`);
  writeFileSync(
    path,
    text
      // The first `name =` and `main =` are the Worker's own (a binding's name comes later, in its table).
      .replace(/^name = .*$/m, `name = ${JSON.stringify(name)}`)
      .replace(/^main = .*$/m, `main = ${JSON.stringify(resolve(main))}`),
  );
  return path;
}

/**
 * `wrangler dev` arguments that hand this checkout's development pepper (.dev.vars) to a Worker run
 * from a config outside the project, which finds no .dev.vars of its own, so it hashes as the app does.
 */
export function devPepperVar(): string[] {
  const pepper = readDevVars().PEPPER;
  if (!pepper) throw new Error('no PEPPER in .dev.vars: run `npm run setup` first');
  return ['--var', `PEPPER:${pepper}`];
}
