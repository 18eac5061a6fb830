/**
 * `bench:profile -- --cpu`: the bare + limiter Worker (the baseline) and the app, profiled one after the
 * other in the same run, with the tables that compare them.
 */
import { type CpuRunOptions, type CpuStep, profileStep } from './cpu-run.ts';
import { printGroups, printTopFunctions } from './cpu-summary.ts';
import { mergeResults } from './results.ts';

/** Sampling interval of the V8 profiler in µs. */
const INTERVAL_US = 100;

export async function profileCpu(run: Omit<CpuRunOptions, 'intervalUs'>, bareStep: CpuStep, appStep: CpuStep, top = 15): Promise<void> {
  const o = { ...run, intervalUs: INTERVAL_US };
  const bare = await profileStep(bareStep, o);
  console.log(`bare + limiter: ${bare.reqPerSec} req/s, profile in ${bare.file}`);
  const app = await profileStep(appStep, o);
  console.log(`app: ${app.reqPerSec} req/s, profile in ${app.file}`);

  printTopFunctions('bare + limiter', bare.summary, top);
  printTopFunctions('app', app.summary, top);
  printGroups(bare.summary, app.summary);
  const ratio = bare.reqPerSec > 0 ? Math.round((100 * app.reqPerSec) / bare.reqPerSec) / 100 : 0;
  console.log('\nThroughput while profiled (the profiler costs both sides a little)');
  console.table([
    { worker: 'bare + limiter', 'req/s': bare.reqPerSec, 'p99 ms': bare.p99, non2xx: bare.non2xx },
    { worker: 'app', 'req/s': app.reqPerSec, 'p99 ms': app.p99, non2xx: app.non2xx },
  ]);
  console.log(`app/bare req/s ratio: ${ratio}`);
  mergeResults({
    profileCpu: {
      seconds: run.seconds,
      intervalUs: INTERVAL_US,
      bareReqPerSec: bare.reqPerSec,
      appReqPerSec: app.reqPerSec,
      ratio,
      bareGroupsMs: Object.fromEntries(bare.summary.groups),
      appGroupsMs: Object.fromEntries(app.summary.groups),
      measuredAt: new Date().toISOString(),
    },
  });
}
