/**
 * Fault injection on every way in to an answer (issue 5, item 3). fail-closed.test.ts covers the check
 * API and the incident form under whole-configuration faults; this file widens that to the notice link,
 * both verify routes and the agent API, and adds the faults a whole-binding stub cannot express:
 *
 * - each D1 call of a request failing in turn (a sweep: call 1 fails, then call 2, ... until the
 *   request makes no more calls), as an error thrown at once, a rejected promise, or a call that never
 *   returns; a best-effort write after the answer (the notice link's first-open record) may fail
 *   without touching the answer;
 * - a database that hangs or answers too slowly (past the request deadline, src/http/deadline.ts);
 * - a dataset switch in the middle of traffic: every answer must be the old list's or the new list's.
 *
 * The rule throughout: a 503 "cannot answer", or the correct answer. Never a wrong answer (an affected
 * customer told "not affected", a genuine code called fake), and never any other 5xx.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../src/env.ts';
import { REQUEST_DEADLINE_MS } from '../../src/http/deadline.ts';
import { ja } from '../../src/i18n/ja.ts';
import worker from '../../src/index.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { outage, rejectingDb, throwingDb } from './broken-db.ts';
import { checkRequest, fetchWith, formRequest, h1, newClientIp, ORIGIN, postForm, verifyRequest } from './http.ts';
import { definitionFor, demoRows, importRows, issueCode, listVersionA as rowsA, listVersionB as rowsB, publish } from './seed.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The env every request here runs with: Access configured (the agent route), no agent limit in the way, and
 * no stats flush, so that the D1 calls a request makes are exactly those of its answer. */
const baseEnv: Partial<AppEnv> = { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: '1000000', STATS_FLUSH_SECONDS: '86400' };

// ---- What a request may come back with -------------------------------------------------------------

type Outcome = 'answer' | 'cannot answer';

async function cannotAnswer(res: Response): Promise<Outcome> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBeTruthy();
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    expect(await res.json()).toEqual({ error: 'unavailable', message: ja.errors.unavailable });
  } else {
    const html = await res.text();
    expect(h1(html)).toBe(ja.errorTitles.unavailable);
    expect(html).toContain(ja.errors.unavailable);
  }
  return 'cannot answer';
}

/** The answer a JSON lookup gives: sorted group codes, or null for "not affected". */
async function jsonGroups(res: Response): Promise<string[] | null> {
  const body = await res.json<{ affected: boolean; groups: { code: string }[] }>();
  expect(body.affected).toBe(body.groups.length > 0);
  return body.affected ? body.groups.map((g) => g.code).sort() : null;
}

/** The answer a result page gives: affected or not, from its headline. */
/** Judges an HTML answer page that must say "affected" (or be the 503 page). */
async function affectedPage(res: Response): Promise<Outcome> {
  if (res.status === 503) return cannotAnswer(res);
  expect(res.status).toBe(200);
  expect(await pageAffected(res)).toBe(true);
  return 'answer';
}

async function pageAffected(res: Response): Promise<boolean> {
  const heading = h1(await res.text()) ?? '';
  if (heading === ja.answer.affected.confirmed || heading === ja.answer.affected.possible) return true;
  expect(heading.startsWith(ja.answer.notAffected), heading).toBe(true);
  return false;
}

interface Target {
  slug: string;
  /** A notice code issued to affected@example.com. */
  notice: string;
}

interface Route {
  name: string;
  request: (t: Target) => Request | Promise<Request>;
  /** Throws unless the response is the correct answer or "cannot answer". */
  judge: (res: Response, t: Target) => Promise<Outcome>;
  /** Whether the route needs the pepper to answer (verify does not: it hashes only the code). */
  needsPepper: boolean;
  /** Whether the route can answer without an active dataset (verify can: a code is genuine regardless). */
  needsDataset: boolean;
  /**
   * SQL of a best-effort write the route makes after its answer (the notice link's first-open record):
   * when that is the call that fails, the answer stands.
   */
  afterAnswer?: string;
}

const json = (res: Response) => (res.headers.get('content-type') ?? '').includes('json');

const jsonLookup = (expected: string[] | null) => async (res: Response) => {
  if (res.status === 503) return cannotAnswer(res);
  expect(res.status).toBe(200);
  expect(await jsonGroups(res)).toEqual(expected);
  return 'answer' as const;
};

const agentRequest = async (t: Target) =>
  new Request(`${ORIGIN}/api/v1/agent/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...viaAccess(await accessToken()) },
    body: JSON.stringify({ incident: t.slug, email: 'affected@example.com' }),
  });

const routes: Route[] = [
  {
    name: 'POST /api/v1/check (affected email)',
    request: (t) => checkRequest({ incident: t.slug, email: 'affected@example.com' }),
    judge: jsonLookup(['cards', 'members']),
    needsPepper: true,
    needsDataset: true,
  },
  {
    name: 'POST /api/v1/check (email not on the list)',
    request: (t) => checkRequest({ incident: t.slug, email: 'nobody@example.com' }),
    judge: jsonLookup(null),
    needsPepper: true,
    needsDataset: true,
  },
  {
    name: 'POST /api/v1/check (order ID)',
    request: (t) => checkRequest({ incident: t.slug, orderId: 'ORD-1001' }),
    judge: jsonLookup(['cards']),
    needsPepper: true,
    needsDataset: true,
  },
  {
    name: 'POST /i/<slug> (the form)',
    request: (t) => formRequest(t.slug, { identifier: 'affected@example.com' }),
    judge: affectedPage,
    needsPepper: true,
    needsDataset: true,
  },
  {
    name: 'GET /n/<code> (notice link)',
    request: (t) => new Request(`${ORIGIN}/n/${t.notice}`, { headers: { 'cf-connecting-ip': newClientIp() } }),
    judge: affectedPage,
    needsPepper: true,
    needsDataset: true,
    afterAnswer: 'SET first_opened',
  },
  {
    name: 'POST /api/v1/verify',
    request: (t) => verifyRequest({ code: t.notice }),
    judge: async (res, t) => {
      if (res.status === 503) return cannotAnswer(res);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ genuine: true, kind: 'notice', incident: t.slug });
      return 'answer';
    },
    needsPepper: false,
    needsDataset: false,
  },
  {
    name: 'POST /verify (the form)',
    request: (t) => postForm('/verify', { code: t.notice }),
    judge: async (res) => {
      if (res.status === 503) return cannotAnswer(res);
      expect(res.status).toBe(200);
      expect(h1(await res.text())).toBe(ja.verify.genuineTitle);
      return 'answer';
    },
    needsPepper: false,
    needsDataset: false,
  },
  {
    name: 'POST /api/v1/agent/check (signed in)',
    request: agentRequest,
    judge: async (res) => {
      if (res.status === 503) return cannotAnswer(res);
      expect(res.status, json(res) ? await res.clone().text() : '').toBe(200);
      expect(await jsonGroups(res)).toEqual(['cards', 'members']);
      return 'answer';
    },
    needsPepper: true,
    needsDataset: true,
  },
];

let incidents = 0;
/** A published incident with the demo list and a notice to affected@example.com, that no lookup has touched. */
async function freshTarget(withDataset = true): Promise<Target> {
  const slug = `faults-${++incidents}`;
  await publish(definitionFor(slug));
  if (withDataset) await importRows(slug, demoRows);
  return { slug, notice: await issueCode(slug, 'affected@example.com') };
}

// ---- Failing bindings -------------------------------------------------------------------------------

const never = () => new Promise<never>(() => {});

type FaultMode = 'throws' | 'rejects' | 'never returns';

/**
 * The real database, except that its `failAt`-th call (counting first/all/run/raw/batch/exec) fails in
 * the given way. `calls()` tells how many calls the request made, so the sweep knows when to stop.
 */
function faultyDb(real: D1Database, failAt: number, mode: FaultMode) {
  let calls = 0;
  let failedSql: string | null = null;
  let markHit: () => void = () => {};
  const hit = new Promise<void>((resolve) => (markHit = resolve));
  const inner = new WeakMap<object, D1PreparedStatement>();
  function call<T>(run: () => Promise<T>, sql: string): Promise<T> {
    calls += 1;
    if (calls !== failAt) return run();
    failedSql = sql;
    markHit();
    if (mode === 'throws') throw outage();
    if (mode === 'rejects') return Promise.reject(outage());
    return never();
  }
  function wrap(stmt: D1PreparedStatement, sql: string): D1PreparedStatement {
    const wrapped = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), sql),
      first: (...args: [string?]) => call(() => (args.length ? stmt.first(args[0]!) : stmt.first()), sql),
      all: () => call(() => stmt.all(), sql),
      run: () => call(() => stmt.run(), sql),
      raw: (...args: [{ columnNames?: boolean }?]) => call(() => stmt.raw(args[0] as { columnNames: true }), sql),
    };
    inner.set(wrapped, stmt);
    return wrapped as unknown as D1PreparedStatement;
  }
  const db = {
    prepare: (sql: string) => wrap(real.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => call(() => real.batch(statements.map((s) => inner.get(s) ?? s)), 'batch'),
    exec: (sql: string) => call(() => real.exec(sql), sql),
    // Public reads go through a session (src/data/db.ts publicReads): the same faulty database.
    withSession: () => db,
  } as unknown as D1Database;
  return { db, calls: () => calls, failedSql: () => failedSql, hit };
}

/**
 * A database whose every call hangs (delayMs null) or fails only after delayMs (on the fake clock). `hit`
 * settles once the request has reached it.
 */
function stalledDb(delayMs: number | null) {
  let markHit: () => void = () => {};
  const hit = new Promise<void>((resolve) => (markHit = resolve));
  const stalled = () => {
    markHit();
    return delayMs === null ? never() : new Promise<never>((_, reject) => setTimeout(() => reject(outage()), delayMs));
  };
  const statement: Record<string, unknown> = { first: stalled, all: stalled, run: stalled, raw: stalled };
  statement.bind = () => statement;
  const db = { prepare: () => statement, batch: stalled, exec: stalled, withSession: () => db } as unknown as D1Database;
  return { db, hit };
}

/**
 * Sends a request without waiting for its background work. Once it is stuck on a stalled call (`stalled`
 * settles first), moves the fake clock past the request deadline.
 */
async function sendStalled(request: Request, overrides: Partial<AppEnv>, stalled: Promise<void>): Promise<Response> {
  const pending = Promise.resolve(worker.fetch(request, { ...env, ...overrides }, createExecutionContext()));
  const first = await Promise.race([pending.then(() => 'answered' as const), stalled.then(() => 'stalled' as const)]);
  if (first === 'stalled') await vi.advanceTimersByTimeAsync(REQUEST_DEADLINE_MS + 1);
  return pending;
}

// ---- The tests ---------------------------------------------------------------------------------------

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

  it('cannot answer when the database hangs, or answers only after the deadline', async () => {
    stubAccessCerts();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    for (const { db, hit } of [stalledDb(null), stalledDb(REQUEST_DEADLINE_MS * 3)]) {
      const res = await sendStalled(await route.request(target), { ...baseEnv, DB: db }, hit);
      expect(await route.judge(res, target)).toBe('cannot answer');
    }
  });

  it('answers correctly with the same configuration and no fault', async () => {
    stubAccessCerts();
    const res = await fetchWith(await route.request(target), baseEnv);
    expect(await route.judge(res, target)).toBe('answer');
  });
});

describe('a dataset switch in the middle of traffic', () => {
  // rowsA → rowsB: one person leaves, one joins and one changes groups.
  /** The correct JSON answer per email under each version. */
  const truth: Record<string, [string[] | null, string[] | null]> = {
    'leaving@example.com': [['cards', 'members'], null],
    'staying@example.com': [['members'], ['cards', 'members']],
    'joining@example.com': [null, ['cards']],
  };

  it('answers every lookup from the old list or the new one, never a mix and never wrong', async () => {
    const slug = 'faults-switch';
    await publish(definitionFor(slug));
    await importRows(slug, rowsA);
    // A notice to someone who leaves the list: A says affected, B says not.
    const notice = await issueCode(slug, 'leaving@example.com');
    const emails = Object.keys(truth);

    type Seen = { version: 0 | 1 | 'cannot answer' };
    /** One lookup by a random route; which versions its answer is consistent with. */
    async function lookupOnce(i: number): Promise<Seen['version'][]> {
      const route = i % 3;
      // The notice link always stands for the person it was sent to.
      const email = route === 2 ? 'leaving@example.com' : emails[Math.floor(i / 3) % emails.length]!;
      const [a, b] = truth[email]!;
      const versions = (matches: (expected: string[] | null) => boolean) =>
        ([0, 1] as const).filter((v) => matches(v === 0 ? a : b));
      switch (route) {
        case 0: {
          const res = await fetchWith(checkRequest({ incident: slug, email }), baseEnv);
          if (res.status === 503) return [(await cannotAnswer(res)) as 'cannot answer'];
          expect(res.status).toBe(200);
          const groups = await jsonGroups(res);
          return versions((expected) => JSON.stringify(expected) === JSON.stringify(groups));
        }
        case 1: {
          const res = await fetchWith(formRequest(slug, { identifier: email }), baseEnv);
          if (res.status === 503) return [(await cannotAnswer(res)) as 'cannot answer'];
          expect(res.status).toBe(200);
          const affected = await pageAffected(res);
          return versions((expected) => (expected !== null) === affected);
        }
        default: {
          const res = await fetchWith(new Request(`${ORIGIN}/n/${notice}`, { headers: { 'cf-connecting-ip': newClientIp() } }), baseEnv);
          if (res.status === 503) return [(await cannotAnswer(res)) as 'cannot answer'];
          expect(res.status).toBe(200);
          const affected = await pageAffected(res);
          return versions((expected) => (expected !== null) === affected);
        }
      }
    }

    let during = 0;
    for (let round = 0; round < 6; round++) {
      const next = round % 2 === 0 ? 1 : 0;
      let done = false;
      const importing = importRows(slug, next === 1 ? rowsB : rowsA).finally(() => {
        done = true;
      });
      // Waves of concurrent lookups for as long as the import runs.
      while (!done) {
        const wave = await Promise.all(Array.from({ length: 12 }, (_, i) => lookupOnce(i + during)));
        during += wave.length;
        for (const consistent of wave) expect(consistent.length, 'an answer that matches neither list').toBeGreaterThan(0);
      }
      await importing;
      // Once the switch is done, every answer is the new list's.
      for (let i = 0; i < 6; i++) expect(await lookupOnce(i), `after round ${round}, lookup ${i}`).toContain(next);
    }
    expect(during).toBeGreaterThan(0);
    // Six imports with waves of lookups between them: seconds on a busy two-core machine.
  }, 60_000);
});
