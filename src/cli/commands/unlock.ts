/**
 * `unlock --incident <slug>`: clears the import lock an import left when it crashed or was killed
 * (src/data/import-locks.ts). Clearing the lock of an import that is still running would let a second
 * one prune its entries, so the command says whose lock it removed.
 */
import { clearImportLock } from '../../data/import-locks.ts';
import type { CommandContext, Target } from './context.ts';

/** The command line that clears an incident's lock on the same database as `target`. */
export function unlockCommand(target: Target, slug: string): string {
  const where = [target.remote ? '--remote' : '', target.persistTo ? `--persist-to ${target.persistTo}` : ''].filter(Boolean);
  return ['npm run cli --', ...where, 'unlock --incident', slug].join(' ');
}

export function registerUnlock({ program, withDb }: CommandContext): void {
  program
    .command('unlock')
    .description('clear the import lock of an incident whose import crashed or was killed')
    .requiredOption('--incident <slug>', 'incident slug')
    .action(async (opts: { incident: string }) => {
      const cleared = await withDb((db) => clearImportLock(db, opts.incident));
      console.log(
        cleared
          ? `Cleared the import lock of "${opts.incident}" taken at ${cleared.startedAt} by process ${cleared.pid} on ${cleared.host}. ` +
              'The next import prunes what that import left.'
          : `Incident "${opts.incident}" had no import lock.`,
      );
    });
}
