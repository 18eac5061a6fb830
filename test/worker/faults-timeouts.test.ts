/**
 * A database that hangs, or answers only after the request deadline (src/http/deadline.ts), makes every
 * way in to an answer say "we cannot answer right now" (503) in time, instead of leaving the customer
 * waiting or answering wrongly.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_DEADLINE_MS } from '../../src/http/deadline.ts';
import { stubAccessCerts } from './access.ts';
import { stalledDb } from './broken-db.ts';
import { baseEnv, freshTarget, routes, sendStalled, type Target } from './fault-routes.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe.each(routes)('$name', (route) => {
  let target: Target;
  beforeAll(async () => {
    target = await freshTarget();
  });

  it('cannot answer when the database hangs, or answers only after the deadline', async () => {
    stubAccessCerts();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    for (const { db, hit } of [stalledDb(null), stalledDb(REQUEST_DEADLINE_MS * 3)]) {
      const res = await sendStalled(await route.request(target), { ...baseEnv, DB: db }, hit);
      expect(await route.judge(res, target)).toBe('cannot answer');
    }
  });
});
