/**
 * The support console behind a valid Access sign-in: the lookup and its reply text, the per-agent limit
 * with its flagged audit row, audit rows free of plaintext, contact codes that /verify recognises (until
 * they expire), and the audit page for admins only. Each test signs in as an agent of its own, so their
 * limits and audit rows never mix.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatTime } from '../../src/core/dates.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { ORIGIN, fetchWith, h1, postForm, verifyRequest } from './http.ts';

beforeEach(() => {
  stubAccessCerts();
});
afterEach(() => vi.restoreAllMocks());

let agents = 0;
/** A fresh agent identity (its own limit and audit rows) and its Access header. */
async function newAgent(claims: Record<string, unknown> = {}) {
  agents += 1;
  const email = `agent-${crypto.randomUUID().slice(0, 8)}-${agents}@example.com`;
  return { email, headers: viaAccess(await accessToken({ email, ...claims })) };
}

function agentApi(path: string, body: unknown, headers: Record<string, string>) {
  return new Request(`${ORIGIN}/api/v1/agent/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

type AuditRecord = Record<string, unknown> & { agent: string; answer: string; over_limit: number; subject: number[] | ArrayBuffer | null };
async function auditRows(agent: string): Promise<AuditRecord[]> {
  const { results } = await env.DB.prepare('SELECT * FROM agent_audit WHERE agent = ?1 ORDER BY id').bind(agent).all<AuditRecord>();
  return results;
}

describe('lookup', () => {
  it('answers with groups, data classes, store and the reply text in ja and en, answer first', async () => {
    const { headers } = await newAgent();
    const res = await fetchWith(agentApi('check', { incident: 'demo', email: 'ＡＦＦＥＣＴＥＤ＠example.com', locale: 'en' }, headers), accessEnv);
    expect(res.status).toBe(200);
    const body = await res.json<{
      affected: boolean;
      headline: string;
      store: string;
      groups: { code: string }[];
      dataClasses: string[];
      replies: { ja: string; en: string };
      portalLink: string;
      notice: { issued: boolean };
    }>();
    expect(body.affected).toBe(true);
    expect(body.headline).toBe(en.answer.affected.confirmed);
    expect(body.groups.map((g) => g.code)).toEqual(['members', 'cards']);
    expect(body.dataClasses).toContain('card');
    expect(body.store).toBe('Sample Coffee Online');
    expect(body.replies.ja.split('\n')[0]).toBe(ja.answer.affected.confirmed);
    expect(body.replies.en.split('\n')[0]).toBe(en.answer.affected.confirmed);
    expect(body.replies.en).toContain(`${ORIGIN}/i/demo`);
    expect(body.portalLink).toBe(`${ORIGIN}/i/demo`);
    expect(body.notice.issued).toBe(false);
  });

  it('says "not affected" without hedging, cards included, for someone not in the list', async () => {
    const { headers } = await newAgent();
    const res = await fetchWith(agentApi('check', { incident: 'demo', email: 'nobody@example.com' }, headers), accessEnv);
    const body = await res.json<{ affected: boolean; replies: { ja: string } }>();
    expect(body.affected).toBe(false);
    expect(body.replies.ja.split('\n')[0]).toBe(`${ja.answer.notAffected}${ja.answer.notAffectedCard}`);
  });

  it('shows the console answer and both replies on the page, without JavaScript', async () => {
    const { headers } = await newAgent();
    const res = await fetchWith(postForm('/agent?lang=en', { incident: 'demo', email: '', orderId: 'ORD-1001', factor: '' }, { headers }), accessEnv);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(en.answer.affected.possible);
    expect(html).toContain('id="reply-ja"');
    expect(html).toContain('id="reply-en"');
    expect(html).toContain(en.agent.noticeOrderId);
    expect(html).toContain('<script src="/agent.js" defer="">');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses none or both identifiers, and invalid input, in words', async () => {
    const { headers } = await newAgent();
    const both = await fetchWith(postForm('/agent?lang=en', { incident: 'demo', email: 'a@example.com', orderId: 'ORD-1001' }, { headers }), accessEnv);
    expect(both.status).toBe(400);
    expect(await both.text()).toContain(en.agent.oneIdentifier);
    const invalid = await fetchWith(agentApi('check', { incident: 'demo', email: 'Test', locale: 'en' }, headers), accessEnv);
    expect(invalid.status).toBe(400);
    expect((await invalid.json<{ message: string }>()).message).toBe(en.errors.invalid_email);
  });

  it('reports whether and when a notice was issued to the identifier', async () => {
    const { email, headers } = await newAgent();
    // A notice issued to member-only@example.com, through the same path the notices command uses.
    const { codeHash, newCode, normaliseCode } = await import('../../src/core/codes.ts');
    const { prepare } = await import('../../src/lookup/prepare.ts');
    const { cachedIncident } = await import('../../src/lookup/incident-cache.ts');
    const { insertCodes } = await import('../../src/data/codes.ts');
    const { subjectBindingText } = await import('../../src/core/dataset-binding.ts');
    const incident = (await cachedIncident(env, 'demo'))!;
    const { key, hash } = prepare(env, incident, { kind: 'email', raw: 'member-only@example.com' });
    if (!key || !hash) throw new Error('hash failed');
    const issuedAt = '2026-11-20T01:00:00.000Z';
    const subjectBinding = subjectBindingText(incident.binding!, 'email');
    await insertCodes(env.DB, [
      { hash: codeHash(normaliseCode(newCode())!), kind: 'notice', incident: 'demo', subject: hash, subjectKey: key.id, subjectBinding, locale: 'ja', issuedAt, expiresAt: null, channel: 'email', answer: 'affected' },
    ]);
    const res = await fetchWith(agentApi('check', { incident: 'demo', email: 'member-only@example.com' }, headers), accessEnv);
    expect((await res.json<{ notice: unknown }>()).notice).toEqual({ issued: true, lastIssuedAt: issuedAt });
    const page = await fetchWith(postForm('/agent?lang=en', { incident: 'demo', email: 'member-only@example.com' }, { headers }), accessEnv);
    expect(await page.text()).toContain(en.agent.noticeIssued(formatTime(issuedAt, 'en', env.TIME_ZONE)));
    expect((await auditRows(email)).length).toBe(2);
  });
});

describe('limit and audit', () => {
  it('refuses lookups past the hourly limit with 429 and a clear message, and flags the audit row', async () => {
    const { email, headers } = await newAgent();
    const limited = { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: '3' };
    for (let i = 0; i < 3; i++) {
      const res = await fetchWith(agentApi('check', { incident: 'demo', email: 'affected@example.com' }, headers), limited);
      expect(res.status).toBe(200);
    }
    const refused = await fetchWith(agentApi('check', { incident: 'demo', email: 'affected@example.com', locale: 'en' }, headers), limited);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    const body = await refused.json<Record<string, unknown>>();
    expect(body).toEqual({ error: 'agent_limit', message: en.errors.agent_limit });
    const page = await fetchWith(postForm('/agent?lang=en', { incident: 'demo', orderId: 'ORD-1001' }, { headers }), limited);
    expect(page.status).toBe(429);
    const html = await page.text();
    expect(html).toContain(en.errors.agent_limit);
    expect(html).not.toContain(en.answer.affected.confirmed);

    const rows = await auditRows(email);
    expect(rows.map((r) => [r.answer, r.over_limit])).toEqual([
      ['affected', 0],
      ['affected', 0],
      ['affected', 0],
      ['refused', 1],
      ['refused', 1],
    ]);
    // Refused rows read nothing: no groups, no store.
    expect(rows.slice(3).every((r) => r.groups === null && r.store === null)).toBe(true);
    // Another agent is not affected by this one's limit.
    const other = await newAgent();
    expect((await fetchWith(agentApi('check', { incident: 'demo', email: 'affected@example.com' }, other.headers), limited)).status).toBe(200);
  });

  it('writes one audit row per lookup and contact code, and no column holds an identifier in plaintext', async () => {
    const { email, headers } = await newAgent();
    const typed = ['affected@example.com', 'ＭＥＭＢＥＲ－ＯＮＬＹ＠ｅｘａｍｐｌｅ．ｃｏｍ', 'nobody@example.com', 'ORD-1001', 'ord 1001'];
    for (const value of typed) {
      const field = value.includes('@') || value.includes('＠') ? 'email' : 'orderId';
      expect((await fetchWith(agentApi('check', { incident: 'demo', [field]: value }, headers), accessEnv)).status).toBe(200);
    }
    expect((await fetchWith(agentApi('contact-code', { incident: 'demo' }, headers), accessEnv)).status).toBe(200);
    const rows = await auditRows(email);
    expect(rows.map((r) => [r.action, r.identifier_kind, r.answer])).toEqual([
      ['lookup', 'email', 'affected'],
      ['lookup', 'email', 'affected'],
      ['lookup', 'email', 'not_affected'],
      ['lookup', 'order_id', 'affected'],
      ['lookup', 'order_id', 'affected'],
      ['contact_code', null, 'issued'],
    ]);
    const needles = [...typed, 'member-only@example.com', 'ORD1001', 'affected', 'nobody', '1001'].map((n) => n.toLowerCase());
    const decoder = new TextDecoder();
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || typeof value === 'number') continue;
        const text = (Array.isArray(value) || value instanceof ArrayBuffer ? decoder.decode(new Uint8Array(value as ArrayBuffer)) : String(value)).toLowerCase();
        for (const needle of needles) {
          // "affected" is a legitimate answer word; only look for it inside stored bytes.
          if (column === 'answer') continue;
          expect(text, `${column} holds "${needle}"`).not.toContain(needle);
        }
      }
      if (row.action === 'lookup') expect(new Uint8Array(row.subject as ArrayBuffer).length).toBe(16);
    }
  });

  it('serves /agent/audit to admins only: 403 for other agents, 401 without sign-in', async () => {
    const plain = await newAgent();
    expect((await fetchWith(new Request(`${ORIGIN}/agent/audit`, { headers: plain.headers }), accessEnv)).status).toBe(403);
    expect((await fetchWith(new Request(`${ORIGIN}/agent/audit`), accessEnv)).status).toBe(401);
    await fetchWith(agentApi('check', { incident: 'demo', email: 'nobody@example.com' }, plain.headers), accessEnv);

    const byGroup = await newAgent({ groups: ['support', 'support-admins'] });
    const res = await fetchWith(new Request(`${ORIGIN}/agent/audit?lang=en&agent=${encodeURIComponent(plain.email)}`, { headers: byGroup.headers }), accessEnv);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(h1(html)).toBe(en.agent.auditTitle);
    expect(html).toContain(plain.email);
    expect(html).not.toContain('nobody@example.com');

    const byEmail = { headers: viaAccess(await accessToken({ email: 'lead@example.com' })) };
    expect((await fetchWith(new Request(`${ORIGIN}/agent/audit`, { headers: byEmail.headers }), accessEnv)).status).toBe(200);
  });
});

describe('contact codes', () => {
  it('issues a code that /verify calls a genuine support contact, until it expires', async () => {
    const { email, headers } = await newAgent();
    const page = await fetchWith(postForm('/agent/contact-code?lang=en', { incident: 'demo' }, { headers }), accessEnv);
    expect(page.status).toBe(200);
    const code = /id="contact-code">([0-9A-Z-]+)</.exec(await page.text())![1]!;
    expect(code).toMatch(/^([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);

    const verified = await fetchWith(verifyRequest({ code }));
    expect(await verified.json()).toMatchObject({ genuine: true, kind: 'contact', incident: 'demo' });
    const verifyPage = await fetchWith(postForm('/verify?lang=en', { code: code.toLowerCase() }));
    expect(h1(await verifyPage.text())).toBe(en.verify.genuineTitle);

    const { codeHash, normaliseCode } = await import('../../src/core/codes.ts');
    const stored = await env.DB.prepare('SELECT issued_at, expires_at FROM codes WHERE hash = ?1')
      .bind(codeHash(normaliseCode(code)!))
      .first<{ issued_at: string; expires_at: string }>();
    expect(Date.parse(stored!.expires_at) - Date.parse(stored!.issued_at)).toBe(30 * 60_000);
    const rows = await auditRows(email);
    expect(rows.map((r) => [r.action, r.answer])).toEqual([['contact_code', 'issued']]);

    // Thirty minutes later:
    await env.DB.prepare('UPDATE codes SET expires_at = ?2 WHERE hash = ?1')
      .bind(codeHash(normaliseCode(code)!), new Date(Date.now() - 1000).toISOString())
      .run();
    expect(await (await fetchWith(verifyRequest({ code }))).json()).toEqual({ genuine: false });
  });

  it('takes its lifetime from CONTACT_CODE_MINUTES', async () => {
    const { headers } = await newAgent();
    const res = await fetchWith(agentApi('contact-code', { incident: 'demo' }, headers), { ...accessEnv, CONTACT_CODE_MINUTES: '5' });
    const body = await res.json<{ issuedAt: string; expiresAt: string }>();
    expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt)).toBe(5 * 60_000);
  });

  it('needs a sign-in', async () => {
    expect((await fetchWith(agentApi('contact-code', { incident: 'demo' }, {}), accessEnv)).status).toBe(401);
  });
});
