/**
 * `npm run bench:race`: this checkout's app against another checkout of it (an earlier commit, made with
 * `git worktree add /tmp/before <commit>`), both under `wrangler dev` on copies of one loaded state and
 * loaded at the same time, so that a drift of the machine's speed falls on both in the same second.
 *
 *   npm run bench:race -- --against /tmp/before [--rows 100000] [--rounds 10] [--seconds 15] [--connections 10]
 *
 * Why: this machine's speed drifts by tens of percent within seconds. In `npm run bench`'s turns the
 * ratio of two sides' bursts in one round has a standard deviation of 0.11 to 0.15, so one run pins a
 * ratio to about ±0.035; raced, two versions of the app gave 0.02 to 0.03 per round, ±0.01 in ten rounds.
 * A change worth one or two percent of a lookup shows here and not there.
 *
 * The figure is this checkout's req/s over the other's, per round, then the mean and its standard error.
 * Both sides answer the same requests (the demo incident, half hits and half misses), each Worker in its
 * own checkout's configuration (its wrangler.toml: compatibility flags are part of what is compared),
 * with the pepper of this checkout's .dev.vars. It compares two versions of the same Worker: two Workers
 * doing different work share the cores in ways their req/s does not show, so it does not replace
 * `npm run bench`'s ratios against the bare Worker.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configLikeApp, devPepperVar } from './lib/app-config.ts';
import { load, poolIp } from './lib/load.ts';
import { mergeResults } from './lib/results.ts';
import { checkBody, prepareState } from './lib/state.ts';
import { startOnCopies } from './lib/turns.ts';

const { values: opts } = parseArgs({
  options: {
    against: { type: 'string' },
    rows: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
  },
});
if (!opts.against) throw new Error('--against <path of another checkout> is required, e.g. one made with `git worktree add /tmp/before HEAD~1`');
const against = resolve(opts.against);
const otherToml = join(against, 'wrangler.toml');
if (!existsSync(otherToml)) throw new Error(`${against} holds no wrangler.toml: --against takes the path of another checkout of this project`);
// wrangler bundles the other checkout's sources from there, so its imports must resolve there.
if (!existsSync(join(against, 'node_modules'))) {
  throw new Error(`${against} has no node_modules: run \`npm ci\` there, or link this checkout's: ln -s ${resolve('node_modules')} ${join(against, 'node_modules')}`);
}
const pepper = devPepperVar();
const otherMain = /^main = "(.*)"$/m.exec(readFileSync(otherToml, 'utf8'))?.[1] ?? 'src/index.ts';

const rows = Number(opts.rows);
const connections = Number(opts.connections);
const state = await prepareState(rows);
try {
  const body = checkBody(rows);
  const running = await startOnCopies(state.dir, {
    this: { config: configLikeApp(state.dir, 'race-this', 'src/index.ts'), args: pepper },
    other: { config: configLikeApp(state.dir, 'race-other', join(against, otherMain), otherToml), args: pepper },
  });
  try {
    const up = ['this', 'other'].map((name) => ({ url: `${running.servers.get(name)!.base}/api/v1/check`, sent: 0 }));
    // Both sides at once; request numbers run on over the rounds, so every request has its own client.
    const race = (seconds: number) =>
      Promise.all(
        up.map(async (side) => {
          const from = side.sent;
          const r = await load({ url: side.url, connections, seconds, body: (n) => body(from + n), ip: (n) => poolIp(from + n) });
          side.sent += r.requests.sent;
          return r;
        }),
      ).then((results) => {
        // Both runs have ended here, so a failure stops the race without leaving load running.
        const bad = results.find((r) => r.non2xx + r.errors + r.timeouts > 0);
        if (bad) throw new Error(`a side answered ${bad.non2xx} non-2xx and ${bad.errors + bad.timeouts} errors: not a measurement of lookups`);
        return results.map((r) => r.requests.average) as [number, number];
      });
    await race(Number(opts.warmup));
    const rounds: { round: number; thisRequestsPerSecond: number; otherRequestsPerSecond: number; ratio: number }[] = [];
    for (let round = 1; round <= Number(opts.rounds); round++) {
      const [mine, theirs] = await race(Number(opts.seconds));
      rounds.push({ round, thisRequestsPerSecond: Math.round(mine), otherRequestsPerSecond: Math.round(theirs), ratio: Number((mine / theirs).toFixed(3)) });
      console.log(`round ${round}/${opts.rounds}: this ${Math.round(mine)} req/s, other ${Math.round(theirs)} req/s, ratio ${(mine / theirs).toFixed(3)}`);
    }
    report(rounds);
  } finally {
    await running.stop();
  }
} finally {
  rmSync(state.dir, { recursive: true, force: true });
}

/** Prints the mean ratio with its standard error and a verdict, and keeps the figures under `race`. */
function report(rounds: { round: number; thisRequestsPerSecond: number; otherRequestsPerSecond: number; ratio: number }[]) {
  const ratios = rounds.map((r) => r.ratio);
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const sd = ratios.length > 1 ? Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (ratios.length - 1)) : 0;
  const standardError = sd / Math.sqrt(ratios.length);
  console.log(`\nthis / other (${against}): ${mean.toFixed(3)} ± ${standardError.toFixed(3)} (mean of ${ratios.length} rounds ± standard error; per round sd ${sd.toFixed(3)})`);
  // Fewer rounds give too rough an estimate of the spread to call a difference.
  if (ratios.length < 5) console.log('too few rounds (under 5) to say whether either is faster');
  else console.log(mean - 2 * standardError > 1 ? 'this checkout is faster' : mean + 2 * standardError < 1 ? 'this checkout is slower' : 'no difference within two standard errors');
  mergeResults({ race: { against, rows, connections, secondsPerRound: Number(opts.seconds), rounds, mean: Number(mean.toFixed(3)), standardError: Number(standardError.toFixed(3)), measuredAt: new Date().toISOString() } });
}
