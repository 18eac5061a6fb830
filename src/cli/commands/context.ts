/** What every command gets from main.ts: the global options and a way to open the chosen D1. */
import type { Command } from 'commander';
import { withD1 } from '../d1/open.ts';

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

/** The context of `program`, whose global options (--remote, --persist-to, --pepper-file) pick the target. */
export function commandContext(program: Command): CommandContext {
  const target = () => program.opts<Target>();
  return { program, target, withDb: (run) => withD1(target(), run) };
}

/** Prints a rejection report: counts and the first line numbers per reason, never a value. */
export function rejectionLines(rejected: Partial<Record<string, { count: number; lines: number[] }>>): string[] {
  return Object.entries(rejected).map(
    ([reason, r]) => `  ${reason}: ${r!.count.toLocaleString('en')} (lines ${r!.lines.join(', ')}${r!.count > r!.lines.length ? ', …' : ''})`,
  );
}
