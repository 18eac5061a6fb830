/**
 * Profile Worker, run in the app's own configuration (bench/profile.ts writes it from wrangler.toml):
 * takes the app's check body {incident, email} and does, by STEP,
 *   query        — one point query for a fixed key, on the binding itself (no session), with the app's body;
 *   limiter      — the rate limiter call the app makes per request, then that query;
 *   session      — the limiter, then the same point query through a D1 read session, as replicas need:
 *                  bench/bare-worker's work with the limiter (the "bare+limiter" side of `npm run bench`);
 *   read         — the limiter, then the app's one read (lookupEntry: incident, dataset, entry and store in
 *                  one query) through the app's public read session (publicReads: retried while a local
 *                  import holds the lock), for a fixed key: the query's own cost;
 *   lookup       — the limiter, then the app's lookup() (incident cache, normalise, keyed hash, its one read,
 *                  decide), answered with a small JSON;
 *   always-allow — the whole app, with its limiter binding swapped for one that allows every request
 *                  without any work: the app's own cost, without the local limiter emulation's.
 * The full app (Hono, middleware, validation, response building, stats, the real limiter) is the app itself.
 */
import app from '../../src/index.ts';
import { lookup } from '../../src/lookup/public.ts';
import { lookupEntry } from '../../src/data/entries.ts';
import { publicReads } from '../../src/data/reader.ts';
import type { AppEnv } from '../../src/env.ts';

type Env = AppEnv & { STEP: string; LOOKUP_LIMITER: RateLimit };
const KEY = new Uint8Array(16);
const allowAll: RateLimit = { limit: async () => ({ success: true }) };

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    if (env.STEP === 'always-allow') return app.fetch(request, { ...env, LOOKUP_LIMITER: allowAll }, ctx);
    if (request.method !== 'POST') return new Response('ok');
    const body = (await request.json()) as { incident: string; email: string };
    if (env.STEP !== 'query') {
      const { success } = await env.LOOKUP_LIMITER.limit({ key: request.headers.get('cf-connecting-ip') ?? 'local' });
      if (!success) return new Response('limited', { status: 429 });
    }
    if (env.STEP === 'session') {
      const row = await env.DB.withSession('first-unconstrained').prepare('SELECT groups FROM entries WHERE dataset = 1 AND hash = ?1').bind(KEY).first();
      return Response.json({ affected: row !== null });
    }
    if (env.STEP === 'read') {
      const row = await lookupEntry(publicReads(env.DB), body.incident, KEY);
      return Response.json({ affected: row?.entry != null });
    }
    if (env.STEP === 'lookup') {
      const outcome = await lookup(env, body.incident, { kind: 'email', raw: body.email });
      return Response.json({ affected: outcome.kind === 'answer' && outcome.answer.kind === 'affected' });
    }
    const row = await env.DB.prepare('SELECT groups FROM entries WHERE dataset = 1 AND hash = ?1').bind(KEY).first();
    return Response.json({ affected: row !== null });
  },
};
