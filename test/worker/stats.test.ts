/**
 * Aggregate counters: lookups, affected answers, notice links opened and verify checks, per incident
 * and day, and nothing else. Counts are written after the response (waitUntil), here on every request.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { utcDay } from '../../src/core/dates.ts';
import { readStats } from '../../src/data/stats.ts';
import { checkRequest, fetchWith, formRequest, newClientIp, ORIGIN, verifyRequest } from './http.ts';
import { definitionFor, demoRows, importRows, issueCode, publish } from './seed.ts';

const now = { STATS_FLUSH_SECONDS: '0' };

describe('daily counters', () => {
  it('count lookups, affected answers, notice opens and verify checks for the incident and day', async () => {
    const slug = 'stats-counted';
    await publish(definitionFor(slug));
    await importRows(slug, demoRows);
    const code = await issueCode(slug, 'nobody@example.com', { issuedAt: new Date().toISOString() });

    await fetchWith(checkRequest({ incident: slug, email: 'affected@example.com' }), now);
    await fetchWith(checkRequest({ incident: slug, email: 'nobody@example.com' }), now);
    await fetchWith(formRequest(slug, { identifier: 'ORD-1001' }), now);
    await fetchWith(checkRequest({ incident: slug, email: 'not an email' }), now); // refused: not a lookup
    await fetchWith(new Request(`${ORIGIN}/n/${code}`, { headers: { 'cf-connecting-ip': newClientIp() } }), now);
    await fetchWith(verifyRequest({ code }), now);

    const [row] = await readStats(env.DB, { incident: slug });
    expect(row).toEqual({ incident: slug, day: utcDay(new Date()), lookups: 3, affected: 2, notice_opens: 1, verify_checks: 1 });
  });

  it('count checks of codes we never issued under no incident', async () => {
    const before = (await readStats(env.DB, { incident: '' })).reduce((n, r) => n + r.verify_checks, 0);
    await fetchWith(verifyRequest({ code: 'K7QM-3XTR-9HWD-FP2N-6BJC' }), now);
    const after = (await readStats(env.DB, { incident: '' })).reduce((n, r) => n + r.verify_checks, 0);
    expect(after).toBe(before + 1);
  });

  it('hold only numbers', async () => {
    const { results } = await env.DB.prepare('SELECT * FROM daily_stats').all();
    for (const row of results) {
      expect(Object.keys(row).sort()).toEqual(['affected', 'day', 'incident', 'lookups', 'notice_opens', 'verify_checks']);
    }
  });
});
