/**
 * The bare Worker of the lookup benchmark: reads {dataset, hash} (hash as 32 hex digits), does one point
 * query on the app's entries table by its primary key through a D1 read session, and answers in JSON.
 * Nothing else: no routing, middleware, validation, hashing or rate limit, so the app's overhead is the
 * difference. It runs in the app's own configuration (bench/lib/app-config.ts): same bindings, same
 * compatibility date, same observability.
 *
 * With LIMIT=on (`--var LIMIT:on`) it first makes the one rate-limiter call the app makes per lookup,
 * keyed the same way: the "bare+limiter" side of `npm run bench`, which separates the cost of the local
 * limiter emulation from the app's own.
 */
interface Env {
  DB: D1Database;
  LOOKUP_LIMITER: RateLimit;
  LIMIT?: string;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // A GET tells the benchmark that the server is up.
    if (request.method !== 'POST') return new Response('ok');
    if (env.LIMIT === 'on') {
      const { success } = await env.LOOKUP_LIMITER.limit({ key: request.headers.get('cf-connecting-ip') ?? 'local' });
      if (!success) return Response.json({ error: 'rate_limited' }, { status: 429 });
    }
    const { dataset, hash } = (await request.json()) as { dataset: number; hash: string };
    // Through a D1 session, as the app reads and as any Worker must to be answered by a read replica.
    // Locally that is not free: the emulation records a session bookmark with every such query (two
    // writes and an fsync of the database file, where a query on the binding itself writes nothing).
    const row = await env.DB.withSession('first-unconstrained')
      .prepare('SELECT groups, store FROM entries WHERE dataset = ?1 AND hash = ?2')
      .bind(dataset, fromHex(hash))
      .first<{ groups: number; store: number | null }>();
    return Response.json({ affected: row !== null, groups: row?.groups ?? null });
  },
};
