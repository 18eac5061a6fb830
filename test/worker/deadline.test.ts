/**
 * The request deadline (hono's timeout, src/http/deadline.ts) ends a request stuck on a database call
 * that never returns with the same "cannot answer" as any other fault, in the language the customer
 * chose: the page under ?lang=en, the JSON with `locale: "en"`. faults.test.ts covers every route in
 * Japanese; this covers the language.
 */
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, expect, it, vi } from 'vitest';
import { REQUEST_DEADLINE_MS } from '../../src/http/deadline.ts';
import { en } from '../../src/i18n/en.ts';
import worker from '../../src/index.ts';
import { checkRequest, formRequest, h1 } from './http.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A database whose every call never settles; `reached` resolves once the request is waiting on it. */
function hungDb() {
  let markReached: () => void = () => {};
  const reached = new Promise<void>((resolve) => (markReached = resolve));
  const hang = () => {
    markReached();
    return new Promise<never>(() => {});
  };
  const statement: Record<string, unknown> = { first: hang, all: hang, run: hang, raw: hang };
  statement.bind = () => statement;
  const db = { prepare: () => statement, batch: hang, exec: hang, withSession: () => db } as unknown as D1Database;
  return { db, reached };
}

async function pastDeadline(request: Request): Promise<Response> {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const { db, reached } = hungDb();
  const pending = Promise.resolve(worker.fetch(request, { ...env, DB: db }, createExecutionContext()));
  await reached;
  await vi.advanceTimersByTimeAsync(REQUEST_DEADLINE_MS + 1);
  return pending;
}

it('answers a hung form lookup with the English 503 page under ?lang=en', async () => {
  const res = await pastDeadline(formRequest('demo', { identifier: 'nobody@example.com' }, { query: '?lang=en' }));
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('30');
  const html = await res.text();
  expect(h1(html)).toBe(en.errorTitles.unavailable);
  expect(html).toContain(en.errors.unavailable);
  expect(html).not.toContain(en.answer.notAffected);
});

it('answers a hung API lookup with the English 503 JSON for locale "en"', async () => {
  const res = await pastDeadline(checkRequest({ incident: 'demo', email: 'nobody@example.com', locale: 'en' }));
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ error: 'unavailable', message: en.errors.unavailable });
});
