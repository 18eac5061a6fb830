/**
 * One agent, one identity, however the identity provider spells the address: `Agent@Example.com` and
 * `agent@example.com` share one hourly lookup limit and one audit identity, admin rights match without
 * regard to case, and the audit filter finds an agent under any spelling, rows written before identities
 * were lowercased included.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAudit } from '../../src/data/audit.ts';
import { en } from '../../src/i18n/en.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { ORIGIN, fetchWith } from './http.ts';

beforeEach(() => {
  stubAccessCerts();
});
afterEach(() => vi.restoreAllMocks());

/** A fresh agent's address in mixed case, so its limit and audit rows are its own. */
const mixedCaseAgent = () => `Agent-${crypto.randomUUID().slice(0, 8).toUpperCase()}@Example.com`;
const as = async (email: string, claims: Record<string, unknown> = {}) => viaAccess(await accessToken({ email, ...claims }));

function agentCheck(headers: Record<string, string>) {
  return new Request(`${ORIGIN}/api/v1/agent/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ incident: 'demo', email: 'nobody@example.com', locale: 'en' }),
  });
}

const auditPage = (headers: Record<string, string>, query = '') => fetchWith(new Request(`${ORIGIN}/agent/audit?lang=en${query}`, { headers }), accessEnv);

describe('agent identity without regard to case', () => {
  it('gives Agent@Example.com and agent@example.com one hourly limit and one audit identity', async () => {
    const mixed = mixedCaseAgent();
    const lower = mixed.toLowerCase();
    const limited = { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: '3' };
    for (const spelling of [mixed, lower, mixed.toUpperCase()]) {
      expect((await fetchWith(agentCheck(await as(spelling)), limited)).status).toBe(200);
    }
    const refused = await fetchWith(agentCheck(await as(mixed)), limited);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: 'agent_limit', message: en.errors.agent_limit });

    const { results } = await env.DB.prepare('SELECT agent, answer, over_limit FROM agent_audit WHERE agent = ?1 COLLATE NOCASE ORDER BY id')
      .bind(lower)
      .all<{ agent: string; answer: string; over_limit: number }>();
    expect(results.map((r) => [r.agent, r.answer, r.over_limit])).toEqual([
      [lower, 'not_affected', 0],
      [lower, 'not_affected', 0],
      [lower, 'not_affected', 0],
      [lower, 'refused', 1],
    ]);
  });

  it('signs the agent in under the lowercase identity', async () => {
    const mixed = mixedCaseAgent();
    const page = await fetchWith(new Request(`${ORIGIN}/agent?lang=en`, { headers: await as(mixed) }), accessEnv);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(en.agent.signedInAs(mixed.toLowerCase()));
    expect(html).not.toContain(mixed);
  });

  it('matches ADMIN_EMAILS and ACCESS_ADMIN_GROUP without regard to case', async () => {
    const admins = { ...accessEnv, ADMIN_EMAILS: 'someone@example.com, Lead@Example.COM', ACCESS_ADMIN_GROUP: 'Support-Admins' };
    for (const headers of [
      await as('lead@example.com'),
      await as('LEAD@EXAMPLE.COM'),
      await as(mixedCaseAgent(), { groups: ['support-admins'] }),
      await as(mixedCaseAgent(), { groups: ['SUPPORT-ADMINS'] }),
    ]) {
      expect((await fetchWith(new Request(`${ORIGIN}/agent/audit`, { headers }), admins)).status).toBe(200);
    }
    const plain = await as(mixedCaseAgent(), { groups: ['support'] });
    expect((await fetchWith(new Request(`${ORIGIN}/agent/audit`, { headers: plain }), admins)).status).toBe(403);
  });

  it('finds an agent’s audit rows under any spelling, rows from before lowercasing included', async () => {
    const mixed = mixedCaseAgent();
    // A row as written before identities were lowercased: the address as the token spelled it.
    await env.DB.prepare(
      `INSERT INTO agent_audit (at, agent, action, incident, identifier_kind, subject, subject_key, answer)
       VALUES (?1, ?2, 'lookup', 'demo', 'email', ?3, 'test1', 'not_affected')`,
    )
      .bind(new Date(Date.now() - 60_000).toISOString(), mixed, new Uint8Array(16))
      .run();
    expect((await fetchWith(agentCheck(await as(mixed)), accessEnv)).status).toBe(200);

    for (const spelling of [mixed, mixed.toLowerCase(), mixed.toUpperCase()]) {
      const rows = await readAudit(env.DB, { agent: spelling });
      expect(rows.map((r) => r.agent)).toEqual([mixed.toLowerCase(), mixed]);
    }
    const page = await auditPage(await as('lead@example.com'), `&agent=${encodeURIComponent(mixed.toUpperCase())}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`>${mixed.toLowerCase()}<`);
    expect(html).toContain(`>${mixed}<`);
  });
});
