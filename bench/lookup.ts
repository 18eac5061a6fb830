/**
 * Quick lookup benchmark: loads 100k synthetic affected records (plus the demo identifiers) into a
 * throwaway local D1, reports the database bytes per record, then drives POST /api/v1/check on
 * `wrangler dev` with autocannon over loopback and prints throughput and latency.
 *
 *   npm run bench:lookup -- [--records 100000] [--seconds 10] [--connections 20]
 *
 * Each request carries its own CF-Connecting-IP so the per-client rate limit does not cap the run;
 * wrangler dev passes that header through, Cloudflare's edge would overwrite it.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openD1 } from '../src/cli/d1/open.ts';
import { importList } from '../src/cli/import/import-list.ts';
import { progress } from '../src/cli/progress.ts';
import { loadPepper } from '../src/cli/pepper.ts';
import { wranglerSpawn } from '../src/cli/wrangler.ts';
import { devEnv, freePort, inspectorArgs, stopGroup, waitUntilServing } from '../scripts/lib/local-server.ts';

const { values: opts } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
  },
});
const records = Number(opts.records);
const state = mkdtempSync(join(tmpdir(), 'amiaffected-bench-'));

/** The database size as D1 reports and bills it (pages in use, whatever the WAL holds). */
async function d1Bytes(db: D1Database): Promise<number> {
  const row = await db.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').first<{ bytes: number }>();
  return row!.bytes;
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('email,order_id,groups,store\naffected@example.com,,members|cards,\nmember-only@example.com,,members,\n,ORD-1001,cards,\n');
  for (let i = 0; i < records; i++) {
    const groups = i % 3 === 0 ? 'members|cards' : i % 3 === 1 ? 'members' : 'cards';
    if (!out.write(`customer${i}@bench.example,,${groups},\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

try {
  process.stdout.write('Preparing local D1 with the demo incident…\n');
  const prepared = spawnSync(process.execPath, ['scripts/start.ts', '--setup-only', '--persist-to', state], { stdio: 'inherit' });
  if (prepared.status !== 0) throw new Error('setup failed');

  const csv = join(state, 'affected.csv');
  await writeCsv(csv);
  process.stdout.write(`Importing ${records.toLocaleString()} records…\n`);
  const d1 = await openD1({ persistTo: state });
  const before = await d1Bytes(d1.d1);
  const started = performance.now();
  const report = await importList({ db: d1.d1, slug: 'demo', file: csv, pepper: loadPepper({ local: true }), progress: progress() });
  const importSeconds = (performance.now() - started) / 1000;
  const after = await d1Bytes(d1.d1);
  await d1.close();
  const bytesPerRecord = after / report.uniqueIdentifiers;
  const addedPerRecord = (after - before) / report.uniqueIdentifiers;

  const port = await freePort();
  const dev = wranglerSpawn(['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state, '--log-level', 'error', ...(await inspectorArgs())], {
    stdio: 'ignore',
    detached: true,
    env: devEnv(),
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilServing(`${base}/`, dev);
    let n = 0;
    const identities = ['affected@example.com', 'nobody@example.com', 'customer42@bench.example', 'member-only@example.com'];
    const result = await autocannon({
      url: `${base}/api/v1/check`,
      connections: Number(opts.connections),
      duration: Number(opts.seconds),
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            n++;
            return {
              ...req,
              headers: { 'content-type': 'application/json', 'cf-connecting-ip': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
              body: JSON.stringify({ incident: 'demo', email: identities[n % identities.length] }),
            };
          },
        },
      ],
    });
    const table = {
      records: report.uniqueIdentifiers,
      'import seconds (D1 batches)': importSeconds.toFixed(1),
      'D1 size, bytes per record': bytesPerRecord.toFixed(1),
      'D1 growth, bytes per record': addedPerRecord.toFixed(1),
      'lookups per second (mean)': result.requests.average.toFixed(0),
      'latency p50 ms': result.latency.p50,
      'latency p99 ms': result.latency.p99,
      '2xx': result['2xx'],
      'non-2xx': result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    console.table(table);
  } finally {
    stopGroup(dev);
  }
} finally {
  rmSync(state, { recursive: true, force: true });
}
