/** What every command gets from main.ts: the global options and a way to open the chosen D1. */
import type { Command } from 'commander';
import { openLocalD1 } from '../d1.ts';
import { wranglerD1 } from '../wrangler-d1.ts';

export interface Target {
  remote?: boolean;
  persistTo?: string;
  pepperFile?: string;
}

export interface CommandContext {
  readonly program: Command;
  target(): Target;
  withDb<T>(run: (db: D1Database) => Promise<T>): Promise<T>;
}

/**
 * Opens D1 for a command. Local: wrangler's platform proxy on the state `wrangler dev` uses. Remote:
 * statements go through `wrangler d1 execute --remote`, which needs `wrangler login` (or
 * CLOUDFLARE_API_TOKEN) and the real database_id in wrangler.toml.
 */
async function withDb<T>(target: Target, run: (db: D1Database) => Promise<T>): Promise<T> {
  const d1 = target.remote ? { db: wranglerD1({ remote: true }).d1, close: async () => {} } : await openLocalD1(target.persistTo);
  try {
    return await run(d1.db);
  } finally {
    await d1.close();
  }
}

/** The context of `program`, whose global options (--remote, --persist-to, --pepper-file) pick the target. */
export function commandContext(program: Command): CommandContext {
  const target = () => program.opts<Target>();
  return { program, target, withDb: (run) => withDb(target(), run) };
}

/** Prints a rejection report: counts and the first line numbers per reason, never a value. */
export function rejectionLines(rejected: Partial<Record<string, { count: number; lines: number[] }>>): string[] {
  return Object.entries(rejected).map(
    ([reason, r]) => `  ${reason}: ${r!.count.toLocaleString('en')} (lines ${r!.lines.join(', ')}${r!.count > r!.lines.length ? ', …' : ''})`,
  );
}
