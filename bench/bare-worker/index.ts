/**
 * The bare Worker of the lookup benchmark: reads {dataset, hash} (hash as 32 hex digits), does one point
 * query on the app's entries table by its primary key, and answers in JSON. Nothing else: no routing,
 * middleware, validation, hashing or rate limit, so the app's overhead is the difference.
 */
function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export default {
  async fetch(request: Request, env: { DB: D1Database }): Promise<Response> {
    // A GET tells the benchmark that the server is up.
    if (request.method !== 'POST') return new Response('ok');
    const { dataset, hash } = (await request.json()) as { dataset: number; hash: string };
    const row = await env.DB.prepare('SELECT groups, store FROM entries WHERE dataset = ?1 AND hash = ?2')
      .bind(dataset, fromHex(hash))
      .first<{ groups: number; store: number | null }>();
    return Response.json({ affected: row !== null, groups: row?.groups ?? null });
  },
};
