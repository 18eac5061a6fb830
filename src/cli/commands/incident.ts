/** `incident publish <file>`: validates an incident definition (JSON) and publishes it to D1. */
import { publishFile } from '../load-incident.ts';
import type { CommandContext } from './context.ts';

export function registerIncident({ program, withDb }: CommandContext): void {
  const incident = program.command('incident').description('incident definitions');
  incident
    .command('publish')
    .description('validate an incident definition (JSON) and publish it')
    .argument('<file>', 'incident definition, e.g. demo/demo.incident.json')
    .action(async (file: string) => {
      const result = await withDb((db) => publishFile(db, file));
      console.log(`Incident "${result.slug}": ${result.created ? 'published' : result.changed ? 'updated' : 'unchanged'}.`);
      if (result.listStopsAnswering) console.error(`Warning: ${result.listStopsAnswering}`);
      for (const line of result.advice) console.error(`Note: ${line}`);
    });
}
