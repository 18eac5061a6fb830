/**
 * The operator CLI: `npm run cli -- <command>`. It runs on the incident team's machine; identifiers are
 * normalised and hashed here, and only keyed hashes reach D1. This file builds the program and its
 * global options and registers the commands of commands/, in the order help lists them.
 */
import { Command, Option } from 'commander';

// Wrangler's informational lines ("Using secrets defined in .dev.vars") would land in stdout, which
// belongs to results (stats --csv, audit exports). Its warnings and errors still show.
process.env.WRANGLER_LOG ??= 'warn';

import { registerAudit } from './commands/audit.ts';
import { commandContext } from './commands/context.ts';
import { registerImport } from './commands/import.ts';
import { registerIncident } from './commands/incident.ts';
import { registerNotices } from './commands/notices.ts';
import { registerReach } from './commands/reach.ts';
import { registerStats } from './commands/stats.ts';
import { registerUnlock } from './commands/unlock.ts';

const program = new Command('amiaffected')
  .description('Operator CLI for the amiaffected portal.')
  .showHelpAfterError()
  .configureHelp({ showGlobalOptions: true });

program
  .addOption(new Option('--local', 'work on the local D1 database used by `npm start` (default)').conflicts('remote'))
  .addOption(new Option('--remote', 'work on the D1 database in your Cloudflare account'))
  .option('--persist-to <dir>', 'local D1 state directory (as wrangler --persist-to)')
  .option('--pepper-file <file>', 'read the pepper from this file instead of PEPPER or .dev.vars');

const context = commandContext(program);
registerIncident(context);
registerImport(context);
registerNotices(context);
registerReach(context);
registerStats(context);
registerAudit(context);
registerUnlock(context);

try {
  await program.parseAsync();
} catch (err) {
  // No stack trace, and no value from a file: library messages can quote what they read (src/cli/redact.ts).
  const { operatorMessage } = await import('./redact.ts');
  console.error(`Error: ${operatorMessage(err)}`);
  process.exitCode = 1;
}
