/**
 * When any one D1 call of a request fails, every way in to an answer says "we cannot answer right now"
 * (503), never a wrong answer and never another 5xx: each call in turn (a sweep: call 1 fails, then
 * call 2, ... until the request makes no more calls), as an error thrown at once, a rejected promise or
 * a call that never returns, on a cold and on a warm cache. A best-effort write after the answer (the
 * notice link's first-open record) may fail without touching the answer.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubAccessCerts } from './access.ts';
import { type FaultMode, faultyDb } from './broken-db.ts';
import { baseEnv, freshTarget, routes, sendStalled, type Target } from './fault-routes.ts';
import { fetchWith } from './http.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe.each(routes)('$name', (route) => {
  let target: Target;
  beforeAll(async () => {
    target = await freshTarget();
  });

  it.each<FaultMode>(['throws', 'rejects', 'never returns'])(
    'cannot answer when any one of its D1 calls %s (each call in turn, cold and warm cache)',
    async (mode) => {
      stubAccessCerts();
      if (mode === 'never returns') vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const fresh = await freshTarget();
      let failed = 0;
      // Once through on a cold incident (the first calls load it), then again now that it is cached.
      for (const pass of ['cold', 'warm']) {
        for (let failAt = 1; ; failAt++) {
          expect(failAt, `${pass}: the request keeps making D1 calls`).toBeLessThan(20);
          const faulty = faultyDb(env.DB, failAt, mode);
          const overrides = { ...baseEnv, DB: faulty.db };
          const request = await route.request(fresh);
          const res = mode === 'never returns' ? await sendStalled(request, overrides, faulty.hit) : await fetchWith(request, overrides);
          const outcome = await route.judge(res, fresh);
          if (faulty.calls() < failAt) {
            // The request made fewer calls than this: nothing failed, and it must have answered.
            expect(outcome, `${pass}: an answer without any fault`).toBe('answer');
            break;
          }
          const bestEffort = route.afterAnswer !== undefined && (faulty.failedSql() ?? '').includes(route.afterAnswer);
          expect(outcome, `${pass}: D1 call ${failAt} ${mode}${bestEffort ? ' (after the answer)' : ''}`).toBe(bestEffort ? 'answer' : 'cannot answer');
          if (!bestEffort) failed++;
        }
      }
      expect(failed).toBeGreaterThan(0);
    },
  );
});
