/**
 * How many people a notice reached, and no more about them: opening a notice link records the UTC day
 * of its first opening and nothing else, best effort; the reach figures by channel and answer with their
 * shares and their days; the never-opened notices a follow-up goes to; and /agent/reach, for admins
 * only, with its SVG charts and the numbers in Japanese and English. Every test works on an incident of
 * its own.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { codeHash, normaliseCode } from '../../src/core/codes.ts';
import { summariseReach } from '../../src/core/reach.ts';
import { hex } from '../../src/data/blobs.ts';
import { addStats } from '../../src/data/stats.ts';
import { markFirstOpened, readReach, unopenedNotices } from '../../src/data/reach.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { fetchWith, h1, newClientIp, ORIGIN, postForm, verifyRequest } from './http.ts';
import { definitionFor, demoRows, importRows, issueCode, type IssueOptions, publish } from './seed.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** No counter flush in the middle: the only write a notice page makes is then the reach record. */
const quiet = { STATS_FLUSH_SECONDS: '86400' };

let incidents = 0;
async function newIncident(name: string): Promise<string> {
  const slug = `reach-${name}-${++incidents}-${crypto.randomUUID().slice(0, 6)}`;
  await publish(definitionFor(slug));
  await importRows(slug, demoRows);
  return slug;
}

const hashOf = (code: string) => codeHash(normaliseCode(code)!);

type CodeColumns = Record<string, unknown> & { first_opened: string | null };
async function codeRow(code: string): Promise<CodeColumns> {
  return (await env.DB.prepare('SELECT * FROM codes WHERE hash = ?1').bind(hashOf(code)).first<CodeColumns>())!;
}

const openNotice = (code: string, overrides = {}) =>
  fetchWith(new Request(`${ORIGIN}/n/${code}`, { headers: { 'cf-connecting-ip': newClientIp() } }), { ...quiet, ...overrides });

/** The instant of the request: faked for the Date only, so timers and the runtime's own clocks run on. */
function at(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

describe('opening a notice link', () => {
  it('records the UTC day of the first opening only; a second opening changes nothing, no other column either', async () => {
    const slug = await newIncident('first');
    const code = await issueCode(slug, 'affected@example.com', { answer: 'affected', locale: 'en' });
    const before = await codeRow(code);
    expect(before.first_opened).toBeNull();

    // 20:30 UTC is already the next day in Tokyo: the record keeps the UTC day.
    at('2026-12-01T20:30:00.000Z');
    const first = await openNotice(code);
    expect(first.status).toBe(200);
    expect(h1(await first.text())).toBe(en.answer.affected.confirmed);
    const opened = await codeRow(code);
    expect(opened).toEqual({ ...before, first_opened: '2026-12-01' });

    at('2026-12-05T03:00:00.000Z');
    const again = await openNotice(code);
    expect(again.status).toBe(200);
    expect(await codeRow(code)).toEqual(opened);
  });

  it('writes once at the data layer too: the first day stays, whatever a later call says', async () => {
    const slug = await newIncident('once');
    const code = await issueCode(slug, 'nobody@example.com');
    expect(await markFirstOpened(env.DB, hashOf(code), '2026-12-01')).toBe(true);
    expect(await markFirstOpened(env.DB, hashOf(code), '2026-12-09')).toBe(false);
    expect((await codeRow(code)).first_opened).toBe('2026-12-01');
  });

  it('can hold nothing finer than a day, and only for a notice', async () => {
    const slug = await newIncident('shape');
    const notice = await issueCode(slug, 'nobody@example.com');
    const contact = await issueCode(slug, null, { kind: 'contact', expiresAt: '2999-01-01T00:00:00.000Z' });
    const set = (code: string, value: string) =>
      env.DB.prepare('UPDATE codes SET first_opened = ?2 WHERE hash = ?1').bind(hashOf(code), value).run();
    await expect(set(notice, '2026-12-01T20:30:00.000Z')).rejects.toThrow(/CHECK constraint/);
    await expect(set(contact, '2026-12-01')).rejects.toThrow(/CHECK constraint/);
  });

  it('is not counted by a verify check of the code, by the API or the form', async () => {
    const slug = await newIncident('verify');
    const code = await issueCode(slug, 'affected@example.com');
    const api = await fetchWith(verifyRequest({ code }), quiet);
    expect(await api.json()).toMatchObject({ genuine: true, kind: 'notice' });
    const form = await fetchWith(postForm('/verify', { code }), quiet);
    expect(h1(await form.text())).toBe(ja.verify.genuineTitle);
    expect((await codeRow(code)).first_opened).toBeNull();
  });

  it('never records a contact code as opened: its link is not a notice', async () => {
    const slug = await newIncident('contact');
    const code = await issueCode(slug, null, { kind: 'contact', expiresAt: '2999-01-01T00:00:00.000Z' });
    expect((await openNotice(code)).status).toBe(404);
    expect(await markFirstOpened(env.DB, hashOf(code), '2026-12-01')).toBe(false);
    expect((await codeRow(code)).first_opened).toBeNull();
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('D1_ERROR: simulated outage'))],
    ['throws', () => {
      throw new Error('D1_ERROR: simulated outage');
    }],
  ])('still answers 200 when the reach write %s, and logs no code', async (_, fail) => {
    const slug = await newIncident('failing');
    const code = await issueCode(slug, 'affected@example.com');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // The real database, except for the reach write.
    const real = env.DB;
    const failing = { bind: () => failing, run: fail, first: fail, all: fail, raw: fail };
    const db = {
      prepare: (sql: string) => (sql.includes('SET first_opened') ? failing : real.prepare(sql)),
      batch: (statements: D1PreparedStatement[]) => real.batch(statements),
      withSession: (constraint: D1SessionConstraint) => real.withSession(constraint),
    } as unknown as D1Database;

    const res = await openNotice(code, { DB: db });
    expect(res.status).toBe(200);
    expect(h1(await res.text())).toBe(ja.answer.affected.confirmed);
    const logged = JSON.stringify(errors.mock.calls);
    expect(logged).toContain('reach_write_failed');
    for (const secret of [code, normaliseCode(code)!, hex(hashOf(code))]) expect(logged).not.toContain(secret);
    expect((await codeRow(code)).first_opened).toBeNull();

    // Nothing was recorded, so the next opening records it.
    expect((await openNotice(code)).status).toBe(200);
    expect((await codeRow(code)).first_opened).not.toBeNull();
  });
});

/**
 * Eight notices of one incident over three days, in every channel and answer, four of them opened;
 * plus what must not count: a contact code, and a notice of another incident.
 */
async function reachFixture(name: string) {
  const slug = await newIncident(name);
  const other = await newIncident(`${name}-other`);
  const notices: [IssueOptions, string | null][] = [
    [{ channel: 'email', answer: 'affected', issuedAt: '2026-11-20T01:00:00.000Z' }, '2026-11-20'],
    [{ channel: 'email', answer: 'affected', issuedAt: '2026-11-20T01:00:00.000Z' }, '2026-11-22'],
    [{ channel: 'email', answer: 'affected', issuedAt: '2026-11-20T01:00:00.000Z' }, null],
    [{ channel: 'email', answer: 'not_affected', issuedAt: '2026-11-20T01:00:00.000Z' }, '2026-11-21'],
    [{ channel: 'email', answer: 'not_affected', issuedAt: '2026-11-22T09:00:00.000Z' }, null],
    [{ channel: 'letter', answer: 'affected', issuedAt: '2026-11-22T09:00:00.000Z' }, '2026-11-24'],
    [{ channel: 'sms', answer: 'under_investigation', issuedAt: '2026-11-22T09:00:00.000Z' }, null],
  ];
  const codes: string[] = [];
  for (const [options, opened] of notices) {
    const code = await issueCode(slug, 'nobody@example.com', options);
    if (opened) await markFirstOpened(env.DB, hashOf(code), opened);
    codes.push(code);
  }
  // A notice from before channels and answers were recorded: an email, answer unknown.
  const old = await issueCode(slug, 'nobody@example.com', { issuedAt: '2026-11-20T01:00:00.000Z' });
  await env.DB.prepare('UPDATE codes SET channel = NULL, answer = NULL WHERE hash = ?1').bind(hashOf(old)).run();
  codes.push(old);
  const contact = await issueCode(slug, null, { kind: 'contact', expiresAt: '2999-01-01T00:00:00.000Z' });
  const elsewhere = await issueCode(other, 'nobody@example.com', { answer: 'not_affected' });
  await addStats(env.DB, [
    { incident: slug, day: '2026-11-19', counts: { lookups: 40, affected: 10 } },
    { incident: slug, day: '2026-11-21', counts: { lookups: 7, affected: 3, notice_opens: 5, verify_checks: 2 } },
    { incident: other, day: '2026-11-21', counts: { lookups: 1000, verify_checks: 1000 } },
  ]);
  return { slug, codes, contact, elsewhere };
}

describe('reach figures', () => {
  it('count notices by channel and answer (old notices as emails), with shares, and nothing else', async () => {
    const { slug } = await reachFixture('figures');
    const r = summariseReach(await readReach(env.DB, slug), '2026-11-25');
    expect(r.total).toEqual({ issued: 8, opened: 4, share: 0.5 });
    expect(r.byChannel).toEqual([
      { channel: 'email', issued: 6, opened: 3, share: 0.5 },
      { channel: 'letter', issued: 1, opened: 1, share: 1 },
      { channel: 'sms', issued: 1, opened: 0, share: 0 },
    ]);
    expect(r.byAnswer).toEqual([
      { answer: 'affected', issued: 4, opened: 3, share: 0.75 },
      { answer: 'not_affected', issued: 2, opened: 1, share: 0.5 },
      { answer: 'under_investigation', issued: 1, opened: 0, share: 0 },
      { answer: 'no_exposure_confirmed', issued: 0, opened: 0, share: null },
      { answer: null, issued: 1, opened: 0, share: 0 },
    ]);
    expect(r.cells).toEqual(
      expect.arrayContaining([
        { channel: 'email', answer: 'affected', issued: 3, opened: 2 },
        { channel: 'email', answer: null, issued: 1, opened: 0 },
        { channel: 'letter', answer: 'affected', issued: 1, opened: 1 },
      ]),
    );
    expect(r.verifyChecks).toBe(2);
    expect(r.firstNotice).toBe('2026-11-20');
  });

  it('give the opened share per UTC day, cumulative, with the day’s counters, and no day skipped', async () => {
    const { slug } = await reachFixture('days');
    const r = summariseReach(await readReach(env.DB, slug), '2026-11-25');
    expect(r.days.map((d) => [d.day, d.issued, d.opened, d.share, d.lookups, d.noticeOpens])).toEqual([
      ['2026-11-19', 0, 0, null, 40, 0],
      ['2026-11-20', 5, 1, 0.2, 0, 0],
      ['2026-11-21', 5, 2, 0.4, 7, 5],
      ['2026-11-22', 8, 3, 0.375, 0, 0],
      ['2026-11-23', 8, 3, 0.375, 0, 0],
      ['2026-11-24', 8, 4, 0.5, 0, 0],
      ['2026-11-25', 8, 4, 0.5, 0, 0],
    ]);
  });

  it('name the never-opened notices of the incident, with their issue date, in batches past 100 hashes', async () => {
    const { slug, codes, contact, elsewhere } = await reachFixture('unopened');
    // Padding of hashes never issued, so the real ones fall into several statements.
    const unknown = Array.from({ length: 230 }, () => crypto.getRandomValues(new Uint8Array(16)));
    const asked = [...unknown.slice(0, 98), ...codes.map(hashOf), ...unknown.slice(98), hashOf(contact), hashOf(elsewhere)];
    const found = await unopenedNotices(env.DB, slug, asked);
    const never = [codes[2]!, codes[4]!, codes[6]!, codes[7]!];
    expect([...found.keys()].sort()).toEqual(never.map((c) => hex(hashOf(c))).sort());
    expect(found.get(hex(hashOf(codes[4]!)))).toMatchObject({ issuedAt: '2026-11-22T09:00:00.000Z', channel: 'email', answer: 'not_affected' });
    expect(found.get(hex(hashOf(codes[6]!)))).toMatchObject({ issuedAt: '2026-11-22T09:00:00.000Z', channel: 'sms', answer: 'under_investigation' });
    expect(found.get(hex(hashOf(codes[7]!)))).toMatchObject({ issuedAt: '2026-11-20T01:00:00.000Z', channel: 'email', answer: null });
    expect((await unopenedNotices(env.DB, slug, [])).size).toBe(0);
  });
});

describe('/agent/reach', () => {
  beforeEach(() => {
    stubAccessCerts();
  });

  const page = async (query: string, email: string | null) => {
    const headers = email === null ? {} : viaAccess(await accessToken({ email }));
    return fetchWith(new Request(`${ORIGIN}/agent/reach${query}`, { headers }), accessEnv);
  };

  it('is for admins only: 401 without sign-in, 403 for other agents, and the console links it for admins', async () => {
    expect((await page('', null)).status).toBe(401);
    const refused = await page('?lang=en', 'agent-reach@example.com');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(en.errors.admin_only);
    const agentConsole = async (email: string) =>
      (await fetchWith(new Request(`${ORIGIN}/agent?lang=en`, { headers: viaAccess(await accessToken({ email })) }), accessEnv)).text();
    expect(await agentConsole('lead@example.com')).toContain('href="/agent/reach?lang=en"');
    expect(await agentConsole('agent-reach@example.com')).not.toContain('/agent/reach');
  });

  it.each([
    ['en', en],
    ['ja', ja],
  ] as const)('shows the figures and SVG charts with their numbers for screen readers (%s)', async (lang, m) => {
    const { slug, codes } = await reachFixture(`page-${lang}`);
    at('2026-11-25T12:00:00.000Z');
    const res = await page(`?lang=${lang}&incident=${slug}`, 'lead@example.com');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(h1(html)).toBe(m.reach.title);
    expect(html).toContain(`<option value="${slug}" selected="">`);
    expect(html).toContain(m.reach.summary('8', '4', '50.0%'));
    // Two charts, each an image named by its title and described by its description.
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(2);
    expect(html).toContain('aria-labelledby="activity-title activity-desc"');
    expect(html).toContain(`<title id="activity-title">${m.reach.activityTitle}</title>`);
    expect(html).toContain(`<desc id="activity-desc">${m.reach.activityDesc('2026-11-19', '2026-11-25', '47', '13', '5')}</desc>`);
    expect(html).toContain(`<desc id="share-desc">${m.reach.shareDesc('2026-11-19', '2026-11-25', '50.0%')}</desc>`);
    expect(html).toContain('<polyline points="');
    // The same numbers as a table, a row per day.
    const row = /<tr><th scope="row"><time datetime="2026-11-21">2026-11-21<\/time><\/th>(.*?)<\/tr>/.exec(html)?.[1];
    expect(row?.replace(/<[^>]+>/g, ' ').trim().split(/\s+/)).toEqual(['7', '3', '5', '5', '2', '40.0%']);
    expect(html).toContain(`<th scope="row">${m.reach.channels.letter}</th><td class="num">1</td><td class="num">1</td><td class="num">100.0%</td>`);
    expect(html).toContain(`<th scope="row">${m.reach.answers.affected}</th><td class="num">4</td><td class="num">3</td><td class="num">75.0%</td>`);
    // No style attribute (the CSP forbids them), and no code of any notice.
    expect(res.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(html).not.toMatch(/\sstyle="/);
    for (const code of codes) expect(html).not.toContain(code);
  });

  it('shows the newest incident when none is chosen, and 404 for an unknown one', async () => {
    expect((await page('?lang=en', 'lead@example.com')).status).toBe(200);
    const unknown = await page('?lang=en&incident=no-such-incident', 'lead@example.com');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain(en.errors.unknown_incident);
  });
});
