// scratch: A/B of app variants, alternating; not committed
import { rmSync, writeFileSync } from 'node:fs';
import { startDev } from './lib/dev-server.ts';
import { load } from './lib/load.ts';
import { customerEmail, prepareState } from './lib/state.ts';
const rows = 100000;
const variants: { name: string; config: string; args: string[]; env?: Record<string,string>; path?: string; body?: (n:number)=>string }[] = JSON.parse(process.argv[2]!);
const seconds = Number(process.argv[3] ?? 10);
const rounds = Number(process.argv[4] ?? 2);
const state = await prepareState(rows);
const spread = (n: number, size: number) => Math.floor(((n * 2654435761) % 4294967296) / 4294967296 * size);
const body = (n: number) => JSON.stringify({ incident: 'demo', email: customerEmail(spread(n, rows) + (n % 2 === 0 ? 0 : rows)) });
const res: Record<string, number[]> = {};
const p99: Record<string, number[]> = {};
try {
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? variants : variants.toReversed();
    for (const v of order) {
      const saved = { ...process.env };
      Object.assign(process.env, v.env ?? {});
      const server = await startDev(state.dir, v.config, v.args);
      process.env = saved;
      try {
        const url = `${server.base}${v.path ?? '/api/v1/check'}`;
        await load({ url, connections: 20, seconds: 3, body });
        const x = await load({ url, connections: 20, seconds, body });
        if (x.non2xx || x.errors) console.log(v.name, 'non2xx', x.non2xx, 'errors', x.errors);
        (res[v.name] ??= []).push(Math.round(x.requests.average));
        (p99[v.name] ??= []).push(x.latency.p99);
        console.log(v.name, Math.round(x.requests.average), 'p99', x.latency.p99);
      } finally { await server.stop(); }
    }
  }
} finally { rmSync(state.dir, { recursive: true, force: true }); }
for (const k of Object.keys(res)) console.log(k, 'mean', Math.round(res[k]!.reduce((a,b)=>a+b)/res[k]!.length), 'p99', p99[k]!.join('/'), res[k]!.join('/'));
