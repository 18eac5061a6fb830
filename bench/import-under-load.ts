/**
 * Does the portal keep answering while a local import loads? Serves the portal under `wrangler dev` on
 * loopback with throwaway state, imports a "previous" list (1,000 rows), then runs a large local CLI
 * import of a list that holds the previous one plus N new customers, while a few connections look up
 * identifiers whose answer cannot change during the run: the previous list's customers (affected before
 * and after the switch) and customers in neither list (never affected). Prints the lookups made, 503s,
 * other non-200s, requests without an answer and wrong answers, and the import's rows per second. It
 * stops by itself when the import ends (or after --max-seconds). With a large --previous list the run
 * also covers pruning the superseded dataset after the switch.
 *
 *   npm run bench:import-under-load -- [--rows 300000] [--previous 1000] [--connections 4]
 *     [--max-seconds 600] [--dev-log file]
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDev } from './lib/dev-server.ts';
import { type ProbeCase, probeLookups } from '../scripts/lib/lookup-probe.ts';

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '300000' },
    previous: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '4' },
    'max-seconds': { type: 'string', default: '600' },
    'dev-log': { type: 'string' },
  },
});
const rows = Number(opts.rows);
const KEPT = Number(opts.previous);
const work = mkdtempSync(join(tmpdir(), 'amiaffected-bench-under-load-'));
const state = join(work, 'state');

const kept = (i: number) => `kept${i}@bench.example`;
const added = (i: number) => `added${i}@bench.example`;
const stranger = (i: number) => `stranger${i}@bench.example`;

async function writeList(path: string, parts: { count: number; email: (i: number) => string }[]): Promise<void> {
  const out = createWriteStream(path);
  out.write('email,order_id,groups,store\n');
  for (const { count, email } of parts) {
    for (let i = 0; i < count; i++) if (!out.write(`${email(i)},,${i % 2 ? 'members' : 'cards'},\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, ['src/cli/main.ts', '--persist-to', state, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli ${args[0]} failed:\n${r.stderr}`);
}

const setup = spawnSync(process.execPath, ['scripts/start.ts', '--setup-only', '--persist-to', state], { stdio: 'ignore' });
if (setup.status !== 0) throw new Error('could not prepare local D1');
const previous = join(work, 'previous.csv');
const next = join(work, 'next.csv');
await writeList(previous, [{ count: KEPT, email: kept }]);
await writeList(next, [
  { count: KEPT, email: kept },
  { count: rows, email: added },
]);
cli(['import', '--incident', 'demo', '--file', previous]);

const cases: ProbeCase[] = [];
for (let i = 0; i < 200; i++) cases.push({ email: kept((i * 37) % KEPT), affected: true }, { email: stranger(i), affected: false });

const server = await startDev(state, 'wrangler.toml', [], opts['dev-log']);
try {
  const connections = Number(opts.connections);
  const warm = await probeLookups({ base: server.base, incident: 'demo', cases, connections, done: () => false, maxLookups: 100 });
  if (warm.ok !== warm.lookups || warm.wrong > 0) throw new Error(`the portal does not answer correctly before the import: ${JSON.stringify(warm)}`);

  console.log(`Importing ${(rows + KEPT).toLocaleString('en')} rows while ${connections} connections look up…`);
  const started = performance.now();
  const child = spawn(process.execPath, ['src/cli/main.ts', '--persist-to', state, 'import', '--incident', 'demo', '--file', next], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exit: number | null | undefined;
  const exited = once(child, 'exit').then(([code]) => {
    exit = code as number | null;
    return performance.now();
  });
  const deadline = started + Number(opts['max-seconds']) * 1000;
  const tally = await probeLookups({
    base: server.base,
    incident: 'demo',
    cases,
    connections,
    done: () => exit !== undefined || performance.now() > deadline,
  });
  if (exit === undefined) child.kill('SIGINT');
  const seconds = ((await exited) - started) / 1000;
  if (exit !== 0) throw new Error(`the import failed (exit ${exit}):\n${output.slice(-2000)}`);

  // The new list is on: an added customer is affected now.
  const after = await probeLookups({
    base: server.base,
    incident: 'demo',
    cases: [{ email: added(rows - 1), affected: true }, ...cases.slice(0, 9)],
    done: () => false,
    maxLookups: 10,
    connections: 1,
  });
  console.table({
    'rows imported': rows + KEPT,
    'import seconds (under load)': seconds.toFixed(1),
    'import rows/s (under load)': Math.round((rows + KEPT) / seconds),
    'lookups during the import': tally.lookups,
    'answered (200)': tally.ok,
    'cannot answer (503)': tally.unavailable,
    'other non-200': tally.otherStatus,
    'no answer': tally.failed,
    'wrong answers': tally.wrong,
    'new list answers after the import (of 10 right)': after.ok - after.wrong,
  });
  process.exitCode = tally.unavailable + tally.otherStatus + tally.failed + tally.wrong > 0 ? 1 : 0;
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
