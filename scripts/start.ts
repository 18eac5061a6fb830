/**
 * `npm start`: prepares local development and serves the portal on http://localhost:8787.
 *   1. applies the D1 migrations to the local database;
 *   2. adds a random development pepper to .dev.vars if it has none (under a key id no dataset or code
 *      in the local D1 uses), and the support console's development sign-in (AGENT_DEV_LOGIN);
 *   3. publishes the demo incident and imports its affected list (skipped when already there);
 *   4. runs `wrangler dev`.
 * Every step is idempotent: a second run changes nothing.
 *
 * Options: --port <n> (8787), --persist-to <dir> (wrangler's default state), --setup-only, and
 * --var <NAME:value> (repeatable), handed to `wrangler dev` over wrangler.toml's vars: the end-to-end
 * tests make a development agent an admin this way, without touching .dev.vars. Arguments after `--` go
 * to `wrangler dev` as they are: the Observatory test serves HTTPS with
 * `-- --local-protocol https --https-key-path <file> --https-cert-path <file>`.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openD1 } from '../src/cli/d1/open.ts';
import { importList } from '../src/cli/import/import-list.ts';
import { publishFile } from '../src/cli/load-incident.ts';
import { loadPepper, newPepperText, unusedKeyId } from '../src/cli/pepper.ts';
import { usedKeyIds } from '../src/data/datasets.ts';
import { progress } from '../src/cli/progress.ts';
import { wranglerSpawn, wranglerSync } from '../src/cli/wrangler.ts';
import { devEnv } from './lib/local-server.ts';

const argv = process.argv.slice(2);
const end = argv.indexOf('--');
const devArgs = end === -1 ? [] : argv.slice(end + 1);
const { values: opts } = parseArgs({
  args: end === -1 ? argv : argv.slice(0, end),
  options: {
    port: { type: 'string', default: '8787' },
    'persist-to': { type: 'string' },
    'setup-only': { type: 'boolean', default: false },
    var: { type: 'string', multiple: true, default: [] },
  },
});
const persist = opts['persist-to'] ? ['--persist-to', opts['persist-to']] : [];

wranglerSync(['d1', 'migrations', 'apply', 'DB', '--local', ...persist]);

const d1 = await openD1({ persistTo: opts['persist-to'] });
try {
  if (!existsSync('.dev.vars')) {
    writeFileSync('.dev.vars', '# Local development secrets, created by npm start. Never commit this file.\n', { mode: 0o600 });
  }
  const devVars = readFileSync('.dev.vars', 'utf8');
  const lineStart = devVars === '' || devVars.endsWith('\n') ? '' : '\n';
  if (!/^PEPPER=/m.test(devVars)) {
    // A new pepper never takes a key id that datasets or notice codes in this D1 already carry: under
    // the same id they would look like its own and answer for nobody (lookups check the fingerprint
    // too, but a fresh id says plainly that the old lists need a re-import).
    const keyId = unusedKeyId(await usedKeyIds(d1.d1));
    appendFileSync('.dev.vars', `${lineStart}PEPPER="${newPepperText(keyId)}"\n`);
    console.log(`Created a random development pepper (key id ${keyId}) in .dev.vars.`);
  }
  // The console's sign-in by name, for local development only: the Worker offers it only when this is
  // set and only to requests made to a loopback address. It is never set in wrangler.toml or in production.
  const withPepper = readFileSync('.dev.vars', 'utf8');
  if (!/^AGENT_DEV_LOGIN=/m.test(withPepper)) {
    appendFileSync(
      '.dev.vars',
      `${withPepper.endsWith('\n') ? '' : '\n'}# Development sign-in for the support console (/agent), loopback only; signs its cookie.\nAGENT_DEV_LOGIN="${randomBytes(32).toString('base64url')}"\n`,
    );
    console.log('Added the support console’s development sign-in to .dev.vars.');
  }

  const published = await publishFile(d1.d1, 'demo/demo.incident.json');
  console.log(`Demo incident "${published.slug}": ${published.created ? 'published' : published.changed ? 'updated' : 'unchanged'}.`);
  const report = await importList({
    db: d1.d1,
    slug: published.slug,
    file: 'demo/demo.affected.csv',
    pepper: loadPepper({ local: true }),
    progress: progress(true),
  });
  console.log(`Demo affected list: ${report.uniqueIdentifiers} identifiers, ${report.outcome === 'loaded' ? `loaded as dataset ${report.dataset}` : 'unchanged'}.`);
} finally {
  await d1.close();
}

if (!opts['setup-only']) {
  const vars = opts.var.flatMap((v) => ['--var', v]);
  // No request lines and no local trace store: notice links carry codes in their paths (devEnv).
  const env = devEnv();
  console.log(`Starting the portal on http://localhost:${opts.port} (request lines are not logged: notice links carry codes).`);
  const dev = wranglerSpawn(['dev', '--port', opts.port, '--ip', '127.0.0.1', ...persist, ...vars, ...devArgs], { env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal));
  dev.on('exit', (code) => process.exit(code ?? 0));
}
