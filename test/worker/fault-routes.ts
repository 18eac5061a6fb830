/**
 * Every way in to an answer, for the fault-injection tests (faults-*.test.ts): each route's request, and
 * the judge that accepts only the correct answer or "cannot answer" (503), never a wrong answer (an
 * affected customer told "not affected", a genuine code called fake) and never any other 5xx.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect, vi } from 'vitest';
import type { AppEnv } from '../../src/env.ts';
import { REQUEST_DEADLINE_MS } from '../../src/http/deadline.ts';
import { ja } from '../../src/i18n/ja.ts';
import worker from '../../src/index.ts';
import { accessEnv, accessToken, viaAccess } from './access.ts';
import { checkRequest, formRequest, h1, newClientIp, ORIGIN, postForm, verifyRequest } from './http.ts';
import { definitionFor, demoRows, importRows, issueCode, publish } from './seed.ts';

/** The env every request here runs with: Access configured (the agent route), no agent limit in the way, and
 * no stats flush, so that the D1 calls a request makes are exactly those of its answer. */
export const baseEnv: Partial<AppEnv> = { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: '1000000', STATS_FLUSH_SECONDS: '86400' };

export type Outcome = 'answer' | 'cannot answer';

export async function cannotAnswer(res: Response): Promise<Outcome> {
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
export async function jsonGroups(res: Response): Promise<string[] | null> {
  const body = await res.json<{ affected: boolean; groups: { code: string }[] }>();
  expect(body.affected).toBe(body.groups.length > 0);
  return body.affected ? body.groups.map((g) => g.code).sort() : null;
}

/** Judges an HTML answer page that must say "affected" (or be the 503 page). */
export async function affectedPage(res: Response): Promise<Outcome> {
  if (res.status === 503) return cannotAnswer(res);
  expect(res.status).toBe(200);
  expect(await pageAffected(res)).toBe(true);
  return 'answer';
}

/** The answer a result page gives: affected or not, from its headline. */
export async function pageAffected(res: Response): Promise<boolean> {
  const heading = h1(await res.text()) ?? '';
  if (heading === ja.answer.affected.confirmed || heading === ja.answer.affected.possible) return true;
  expect(heading.startsWith(ja.answer.notAffected), heading).toBe(true);
  return false;
}

export interface Target {
  slug: string;
  /** A notice code issued to affected@example.com. */
  notice: string;
}

export interface Route {
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

export const routes: Route[] = [
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
export async function freshTarget(withDataset = true): Promise<Target> {
  const slug = `faults-${++incidents}`;
  await publish(definitionFor(slug));
  if (withDataset) await importRows(slug, demoRows);
  return { slug, notice: await issueCode(slug, 'affected@example.com') };
}

/**
 * Sends a request without waiting for its background work. Once it is stuck on a stalled call (`stalled`
 * settles first), moves the fake clock past the request deadline.
 */
export async function sendStalled(request: Request, overrides: Partial<AppEnv>, stalled: Promise<void>): Promise<Response> {
  const pending = Promise.resolve(worker.fetch(request, { ...env, ...overrides }, createExecutionContext()));
  const first = await Promise.race([pending.then(() => 'answered' as const), stalled.then(() => 'stalled' as const)]);
  if (first === 'stalled') await vi.advanceTimersByTimeAsync(REQUEST_DEADLINE_MS + 1);
  return pending;
}
