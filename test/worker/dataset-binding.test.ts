/**
 * Every dataset is bound to what made it: the pepper (key id and fingerprint), the normalisation
 * version, the lookup mode and second factor, and the order-ID rule. Change any of them without a
 * re-import and every route that answers gives 503 ("we cannot answer right now"), never an answer
 * made with the other settings. A re-import with the new settings brings the answers back. And a
 * lookup confirms the incident's revision before it applies a cached copy's rules, so a republish takes
 * effect on the very next lookup.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentDefinition } from '../../src/core/incident.ts';
import type { AppEnv } from '../../src/env.ts';
import { ja } from '../../src/i18n/ja.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { check, checkRequest, fetchWith, formRequest, h1, newClientIp, ORIGIN, postForm } from './http.ts';
import { definitionFor, demoRows, importRows, issueCode, publish } from './seed.ts';

const OTHER_PEPPER_SAME_ID = `test1:${btoa('another pepper, same key id test1!!')}`;

let incidents = 0;
async function newIncident(changes: Partial<IncidentDefinition> = {}): Promise<{ slug: string; notice: string }> {
  const slug = `binding-${++incidents}`;
  await publish(definitionFor(slug, changes));
  await importRows(slug, demoRows);
  return { slug, notice: await issueCode(slug, 'affected@example.com') };
}

async function agentCheck(body: unknown, overrides: Partial<AppEnv> = {}) {
  const request = new Request(`${ORIGIN}/api/v1/agent/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...viaAccess(await accessToken()) },
    body: JSON.stringify(body),
  });
  return fetchWith(request, { ...accessEnv, ...overrides });
}

async function agentPage(fields: Record<string, string>, overrides: Partial<AppEnv> = {}) {
  return fetchWith(postForm('/agent', fields, { headers: viaAccess(await accessToken()) }), { ...accessEnv, ...overrides });
}

/** Every answering route for affected@example.com, with an env override; returns their statuses by name. */
async function allRoutes(t: { slug: string; notice: string }, overrides: Partial<AppEnv> = {}, factor?: string) {
  const email = 'affected@example.com';
  const withFactor: Record<string, string> = factor === undefined ? {} : { factor };
  const statuses: Record<string, number> = {};
  statuses['check api'] = (await fetchWith(checkRequest({ incident: t.slug, email, ...withFactor }), overrides)).status;
  statuses['check api, order ID'] = (await fetchWith(checkRequest({ incident: t.slug, orderId: 'ORD-1001' }), overrides)).status;
  statuses['form'] = (await fetchWith(formRequest(t.slug, { identifier: email, ...withFactor }), overrides)).status;
  const notice = new Request(`${ORIGIN}/n/${t.notice}`, { headers: { 'cf-connecting-ip': newClientIp() } });
  statuses['notice link'] = (await fetchWith(notice, overrides)).status;
  statuses['agent api'] = (await agentCheck({ incident: t.slug, email, ...withFactor }, overrides)).status;
  statuses['agent page'] = (await agentPage({ incident: t.slug, email, ...withFactor }, overrides)).status;
  return statuses;
}

const ALL_503 = { 'check api': 503, 'check api, order ID': 503, form: 503, 'notice link': 503, 'agent api': 503, 'agent page': 503 };

beforeEach(() => {
  stubAccessCerts();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a dataset answers only for what made it', () => {
  it('answers on every route while nothing changed', async () => {
    const t = await newIncident();
    expect(await allRoutes(t)).toEqual({ 'check api': 200, 'check api, order ID': 200, form: 200, 'notice link': 200, 'agent api': 200, 'agent page': 200 });
  });

  it('gives 503 everywhere when the pepper was regenerated under the same key id', async () => {
    const t = await newIncident();
    expect(await allRoutes(t, { PEPPER: OTHER_PEPPER_SAME_ID })).toEqual(ALL_503);
  });

  it('gives 503 everywhere when the lookup mode changed without a re-import, until the list is re-imported', async () => {
    const t = await newIncident();
    await publish(definitionFor(t.slug, { lookup: { mode: 'second-factor', secondFactor: 'postcode' } }));
    // The order ID alone is refused by the new mode (400) only once the dataset matches it; until then
    // nothing answers, whatever was sent.
    const statuses = await allRoutes(t, {}, '100-0001');
    expect(statuses).toEqual(ALL_503);
  });

  it('gives 503 everywhere when the order-ID pattern changed without a re-import', async () => {
    const t = await newIncident();
    await publish(definitionFor(t.slug, { lookup: { mode: 'open', orderIdPattern: '^ORD\\d{4}$' } }));
    expect(await allRoutes(t)).toEqual(ALL_503);
    await importRows(t.slug, demoRows);
    const res = await check({ incident: t.slug, orderId: 'ORD-1001' });
    expect(res.status).toBe(200);
    expect((await res.json<{ affected: boolean }>()).affected).toBe(true);
  });

  it('gives 503 everywhere for a dataset of another normalisation version, or one with no binding at all', async () => {
    const t = await newIncident();
    const active = await env.DB.prepare('SELECT active_dataset AS id FROM incidents WHERE slug = ?1').bind(t.slug).first<{ id: number }>();
    await env.DB.prepare(`UPDATE datasets SET binding = json_set(binding, '$.normalisation', 1) WHERE id = ?1`).bind(active!.id).run();
    expect(await allRoutes(t)).toEqual(ALL_503);
    await env.DB.prepare('UPDATE datasets SET binding = NULL WHERE id = ?1').bind(active!.id).run();
    expect(await allRoutes(t)).toEqual(ALL_503);
  });

  it('a notice issued before a re-import under another pepper answers 503, not "not affected"', async () => {
    const t = await newIncident();
    // The list is re-imported under a pepper the notice was not hashed with (same key id, as after a
    // regenerated .dev.vars), and the Worker runs with that pepper too.
    await importRows(t.slug, demoRows, env.DB, OTHER_PEPPER_SAME_ID);
    const res = await fetchWith(new Request(`${ORIGIN}/n/${t.notice}`, { headers: { 'cf-connecting-ip': newClientIp() } }), { PEPPER: OTHER_PEPPER_SAME_ID });
    expect(res.status).toBe(503);
    expect(h1(await res.text())).toBe(ja.errorTitles.unavailable);
    // The lookup itself answers under the new pepper.
    const lookup = await fetchWith(checkRequest({ incident: t.slug, email: 'affected@example.com' }), { PEPPER: OTHER_PEPPER_SAME_ID });
    expect(lookup.status).toBe(200);
  });
});

describe('the support console under a mismatch', () => {
  it('refused lookups of a mismatched dataset do not use up the agent’s hourly limit', async () => {
    const t = await newIncident();
    const headers = viaAccess(await accessToken({ email: `binding-agent-${crypto.randomUUID()}@example.com` }));
    const lookup = (overrides: Partial<AppEnv>) =>
      fetchWith(
        new Request(`${ORIGIN}/api/v1/agent/check`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ incident: t.slug, email: 'affected@example.com' }),
        }),
        { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: '2', ...overrides },
      );
    for (let i = 0; i < 3; i++) expect((await lookup({ PEPPER: OTHER_PEPPER_SAME_ID })).status).toBe(503);
    expect((await lookup({})).status).toBe(200);
    expect((await lookup({})).status).toBe(200);
    expect((await lookup({})).status).toBe(429);
  });
});

describe('a republish takes effect on the very next lookup', () => {
  it('a wider order-ID pattern: input the cached copy refused now answers', async () => {
    const { slug } = await newIncident({ lookup: { mode: 'open', orderIdPattern: '^ORD\\d{4}$' } });
    const before = await check({ incident: slug, orderId: 'ABC-1001' });
    expect(before.status).toBe(400);
    expect((await before.json<{ error: string }>()).error).toBe('invalid_order_id');
    await publish(definitionFor(slug, { lookup: { mode: 'open', orderIdPattern: '^(ORD|ABC)\\d{4}$' } }));
    await importRows(slug, [...demoRows, { order_id: 'ABC-1001', groups: 'cards' }]);
    const after = await check({ incident: slug, orderId: 'ABC-1001' });
    expect(after.status).toBe(200);
    expect((await after.json<{ affected: boolean }>()).affected).toBe(true);
  });

  it('second-factor back to open: an email alone answers at once, not a stale factor_required', async () => {
    const rows = demoRows.map((r) => ({ ...r, postcode: '100-0001' })).filter((r) => r.email);
    const slug = `binding-${++incidents}`;
    await publish(definitionFor(slug, { lookup: { mode: 'second-factor', secondFactor: 'postcode' } }));
    await importRows(slug, rows);
    const sensitive = await check({ incident: slug, email: 'affected@example.com' });
    expect((await sensitive.json<{ error: string }>()).error).toBe('factor_required');
    await publish(definitionFor(slug, { lookup: { mode: 'open' } }));
    await importRows(slug, rows);
    const open = await check({ incident: slug, email: 'affected@example.com' });
    expect(open.status).toBe(200);
    expect((await open.json<{ affected: boolean }>()).affected).toBe(true);
  });

  it('open to second-factor: an email alone is refused at once, never answered from the old dataset', async () => {
    const { slug } = await newIncident();
    expect((await check({ incident: slug, email: 'affected@example.com' })).status).toBe(200);
    await publish(definitionFor(slug, { lookup: { mode: 'second-factor', secondFactor: 'postcode' } }));
    await importRows(slug, demoRows.filter((r) => r.email).map((r) => ({ ...r, postcode: '100-0001' })));
    const res = await check({ incident: slug, email: 'affected@example.com' });
    expect(res.status).toBe(400);
    expect((await res.json<{ error: string }>()).error).toBe('factor_required');
  });
});
