/**
 * Fail closed: whenever the portal cannot be sure of its answer it says "we cannot answer right now"
 * (503), never "not affected". Configuration faults are simulated by handing the Worker an altered env.
 *
 * The lookup module caches incidents and peppers per isolate, so each fault is tried twice: on an
 * incident this isolate has just answered for (warm cache) and on one it has never looked up (cold).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../src/env.ts';
import { ja } from '../../src/i18n/ja.ts';
import { rejectingDb, throwingDb } from './broken-db.ts';
import { checkRequest, fetchWith, formRequest, h1 } from './http.ts';
import { definitionFor, demoRows, importRows, publish } from './seed.ts';

async function expectCannotAnswerJson(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBeTruthy();
  const body = await res.json<Record<string, unknown>>();
  expect(body).toEqual({ error: 'unavailable', message: ja.errors.unavailable });
  expect(body).not.toHaveProperty('affected');
}

async function expectCannotAnswerPage(res: Response) {
  expect(res.status).toBe(503);
  const html = await res.text();
  expect(h1(html)).toBe(ja.errorTitles.unavailable);
  expect(html).toContain(ja.errors.unavailable);
  expect(html).not.toContain(ja.answer.notAffected);
  expect(html).not.toContain(ja.answer.affected.confirmed);
}

/** Both ways in, for someone who is on the list and someone who is not: all four must refuse to answer. */
async function expectCannotAnswer(slug: string, overrides: Partial<AppEnv> = {}) {
  for (const email of ['affected@example.com', 'nobody@example.com']) {
    await expectCannotAnswerJson(await fetchWith(checkRequest({ incident: slug, email }), overrides));
    await expectCannotAnswerPage(await fetchWith(formRequest(slug, { identifier: email }), overrides));
  }
}

let slugs = 0;
/** A published, imported incident that no lookup has touched yet. */
async function coldIncident(): Promise<string> {
  const slug = `fail-closed-${++slugs}`;
  await publish(definitionFor(slug));
  await importRows(slug, demoRows);
  return slug;
}

/** The demo incident, just answered for with the real env, so this isolate has it and the pepper cached. */
async function warmIncident(): Promise<string> {
  const res = await fetchWith(checkRequest({ incident: 'demo', email: 'affected@example.com' }));
  expect(res.status).toBe(200);
  expect((await res.json<{ affected: boolean }>()).affected).toBe(true);
  return 'demo';
}

const otherPepper = `other:${btoa('a pepper this Worker was never given')}`;

describe.each([
  ['the pepper is missing', { PEPPER: undefined }],
  ['the pepper is empty', { PEPPER: '' }],
  ['the pepper is malformed', { PEPPER: 'not a pepper' }],
  ['the pepper key is too short', { PEPPER: `test1:${btoa('too short')}` }],
  ['the previous pepper is malformed', { PEPPER_PREVIOUS: 'test0:%%%' }],
  ['the tables are missing', { DB: env.EMPTY_DB }],
  ['the database binding is missing', { DB: undefined as unknown as D1Database }],
  ['every database call throws', { DB: throwingDb() }],
  ['every query fails', { DB: rejectingDb() }],
])('when %s', (_, overrides: Partial<AppEnv>) => {
  it('cannot answer for an incident already in the cache', async () => {
    await expectCannotAnswer(await warmIncident(), overrides);
  });

  it('cannot answer for an incident not yet in the cache', async () => {
    await expectCannotAnswer(await coldIncident(), overrides);
  });

  it('answers again once the fault is gone', async () => {
    const slug = await coldIncident();
    await expectCannotAnswerJson(await fetchWith(checkRequest({ incident: slug, email: 'nobody@example.com' }), overrides));
    const res = await fetchWith(checkRequest({ incident: slug, email: 'nobody@example.com' }));
    expect(res.status).toBe(200);
    expect((await res.json<{ affected: boolean }>()).affected).toBe(false);
  });
});

describe('with a correct configuration', () => {
  it('cannot answer while an incident has no active dataset', async () => {
    await publish(definitionFor('no-dataset'));
    // Twice: the first lookup loads the incident, the second answers from the cache.
    await expectCannotAnswer('no-dataset');
    await expectCannotAnswer('no-dataset');
  });

  it('cannot answer from a dataset hashed with a pepper the Worker does not have', async () => {
    await publish(definitionFor('other-pepper'));
    await importRows('other-pepper', demoRows, env.DB, otherPepper);
    await expectCannotAnswer('other-pepper');
    await expectCannotAnswer('other-pepper');
  });

  it('answers again once the list is re-imported with the pepper the Worker has', async () => {
    await publish(definitionFor('wrong-pepper-fixed'));
    await importRows('wrong-pepper-fixed', demoRows, env.DB, otherPepper);
    await expectCannotAnswer('wrong-pepper-fixed');
    await importRows('wrong-pepper-fixed', demoRows);
    const res = await fetchWith(checkRequest({ incident: 'wrong-pepper-fixed', email: 'affected@example.com' }));
    expect(res.status).toBe(200);
    expect((await res.json<{ affected: boolean }>()).affected).toBe(true);
  });

  it('answers once that pepper is configured as the previous one (a rotation under way)', async () => {
    await publish(definitionFor('rotating-pepper'));
    await importRows('rotating-pepper', demoRows, env.DB, otherPepper);
    await expectCannotAnswer('rotating-pepper');
    const res = await fetchWith(checkRequest({ incident: 'rotating-pepper', email: 'affected@example.com' }), {
      PEPPER_PREVIOUS: otherPepper,
    });
    expect(res.status).toBe(200);
    expect((await res.json<{ groups: { code: string }[] }>()).groups.map((g) => g.code)).toEqual(['members', 'cards']);
  });

  it('logs why it could not answer, but never what the customer typed', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const slug = await coldIncident();
      await expectCannotAnswer(slug, { DB: rejectingDb() });
      const lines = logged.mock.calls.map((args) => args.join(' '));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).toContain('simulated outage');
      for (const line of lines) {
        expect(line).not.toMatch(/affected@|nobody@|example\.com/);
      }
    } finally {
      logged.mockRestore();
    }
  });

  it('cannot answer when the dataset names a group the incident no longer defines', async () => {
    const slug = await coldIncident();
    const [members] = definitionFor(slug).groups;
    await publish(definitionFor(slug, { groups: [members!] }));
    // affected@ is also in the retired "cards" group: answering with "members" alone would understate it.
    await expectCannotAnswerJson(await fetchWith(checkRequest({ incident: slug, email: 'affected@example.com' })));
    await expectCannotAnswerJson(await fetchWith(checkRequest({ incident: slug, orderId: 'ORD-1001' })));
    const res = await fetchWith(checkRequest({ incident: slug, email: 'member-only@example.com' }));
    expect(res.status).toBe(200);
  });
});
