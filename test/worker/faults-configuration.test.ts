/**
 * Whatever is wrong with the configuration, every way in to an answer (the check API, the incident form,
 * the notice link, both verify routes and the agent API) says "we cannot answer right now" (503) or gives
 * the correct answer, never a wrong one: a database that throws, fails every query, lacks its tables or
 * is not bound; a missing or malformed pepper; an incident with no active dataset. With the same
 * configuration and no fault, each answers correctly. (fail-closed.test.ts also tries such faults on a
 * warm and a cold cache.)
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../src/env.ts';
import { stubAccessCerts } from './access.ts';
import { rejectingDb, throwingDb } from './broken-db.ts';
import { baseEnv, freshTarget, routes, type Target } from './fault-routes.ts';
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

  const wholeBindingFaults: [string, Partial<AppEnv>][] = [
    ['every database call throws', { DB: throwingDb() }],
    ['every query fails', { DB: rejectingDb() }],
    ['the tables are missing', { DB: env.EMPTY_DB }],
    ['the database binding is missing', { DB: undefined as unknown as D1Database }],
  ];

  it.each(wholeBindingFaults)('cannot answer when %s', async (_, fault) => {
    stubAccessCerts();
    const res = await fetchWith(await route.request(target), { ...baseEnv, ...fault });
    expect(await route.judge(res, target)).toBe('cannot answer');
  });

  it.each([
    ['missing', { PEPPER: undefined }],
    ['malformed', { PEPPER: 'not a pepper' }],
  ])('with the pepper %s: cannot answer, unless it needs no pepper (then it answers correctly)', async (_, fault) => {
    stubAccessCerts();
    const res = await fetchWith(await route.request(target), { ...baseEnv, ...fault });
    expect(await route.judge(res, target)).toBe(route.needsPepper ? 'cannot answer' : 'answer');
  });

  it('with no active dataset: cannot answer, unless it needs none (then it answers correctly)', async () => {
    stubAccessCerts();
    const empty = await freshTarget(false);
    for (let i = 0; i < 2; i++) {
      // Twice: once loading the incident, once from the isolate's cache.
      const res = await fetchWith(await route.request(empty), baseEnv);
      expect(await route.judge(res, empty)).toBe(route.needsDataset ? 'cannot answer' : 'answer');
    }
  });

  it('answers correctly with the same configuration and no fault', async () => {
    stubAccessCerts();
    const res = await fetchWith(await route.request(target), baseEnv);
    expect(await route.judge(res, target)).toBe('answer');
  });
});
