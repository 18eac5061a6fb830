/**
 * A notice's reference code does what the notice promises: its link (/n/<code>) opens the recipient's
 * own answer with nothing to type, however the code is typed back, and the verify page and API tell a
 * genuine code from a made-up one, so a recipient can check a notice before trusting it. Codes are
 * issued the way the notices command issues them (the code's hash and the recipient's keyed hash), into
 * the real local D1.
 */
import { describe, expect, it } from 'vitest';
import { codeHash, formatCode, newCode, normaliseCode } from '../../src/core/codes.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { fetchWith, get, h1, newClientIp, ORIGIN, postForm, send, verifyRequest } from './http.ts';
import { definitionFor, demoDefinition, demoRows, importRows, issueCode, publish } from './seed.ts';

const noticePage = (code: string, query = '') => get(`/n/${code}${query}`, { 'cf-connecting-ip': newClientIp() });
const verifyApi = async (code: string) => {
  const res = await send(verifyRequest({ code }));
  expect(res.status).toBe(200);
  return res.json<Record<string, unknown>>();
};

describe('codes (domain core)', () => {
  it('carry 100 bits in five groups of four readable characters', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  });

  it('read back however a person types them', () => {
    const code = 'K7QM-3XTR-9HWD-FP2N-6BJC';
    for (const typed of ['k7qm3xtr9hwdfp2n6bjc', ' K7QM 3XTR 9HWD FP2N 6BJC ', 'Ｋ７ＱＭ－３ＸＴＲ－９ＨＷＤ－ＦＰ２Ｎ－６ＢＪＣ', 'K7QM‐3XTR—9HWD−FP2N-6BJC']) {
      expect(normaliseCode(typed)).toBe('K7QM3XTR9HWDFP2N6BJC');
    }
    expect(normaliseCode('O1IL-0000-0000-0000-0000')).toBe('01110000000000000000');
    expect(formatCode('K7QM3XTR9HWDFP2N6BJC')).toBe(code);
  });

  it('refuse anything that cannot be a code', () => {
    for (const typed of ['', 'K7QM-3XTR', 'K7QM-3XTR-9HWD-FP2N-6BJCX', 'K7QM-3XTR-9HWD-FP2N-6BJU', '<script>', 'x'.repeat(5000)]) {
      expect(normaliseCode(typed)).toBeNull();
    }
  });

  it('are stored as a hash that differs per code', () => {
    expect(codeHash('K7QM3XTR9HWDFP2N6BJC')).toHaveLength(16);
    expect(codeHash('K7QM3XTR9HWDFP2N6BJC')).toEqual(codeHash('K7QM3XTR9HWDFP2N6BJC'));
    expect(codeHash('K7QM3XTR9HWDFP2N6BJC')).not.toEqual(codeHash('K7QM3XTR9HWDFP2N6BJD'));
  });
});

describe('GET /n/<code> (notice deep link)', () => {
  it('shows an affected recipient their answer, with nothing to type, in the notice language', async () => {
    const code = await issueCode('demo', 'affected@example.com', { locale: 'en' });
    const res = await noticePage(code);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(h1(html)).toBe(en.answer.affected.confirmed);
    expect(html).toContain('<html lang="en">');
    // What was checked, on a link that carries no identifier: the code and the notice's date.
    expect(html).toContain(en.answer.checkedNotice(code, '20 November 2026'));
    expect(html).not.toContain('<input');
  });

  it('accepts the code lowercased and without dashes', async () => {
    const code = await issueCode('demo', 'member-only@example.com');
    const res = await noticePage(code.toLowerCase().replaceAll('-', ''));
    expect(h1(await res.text())).toBe(ja.answer.affected.confirmed);
  });

  it('tells a recipient who is not affected, including about their card', async () => {
    const code = await issueCode('demo', 'nobody@example.com');
    const html = await (await noticePage(code)).text();
    expect(h1(html)).toBe(`${ja.answer.notAffected}${ja.answer.notAffectedCard}`);
  });

  it('follows the language switch over the notice language', async () => {
    const code = await issueCode('demo', 'affected@example.com', { locale: 'ja' });
    const html = await (await noticePage(code, '?lang=en')).text();
    expect(h1(html)).toBe(en.answer.affected.confirmed);
  });

  it('shows the current answer when the scope grows after the notice went out', async () => {
    const slug = 'codes-scope';
    await publish(definitionFor(slug));
    await importRows(slug, demoRows);
    const code = await issueCode(slug, 'nobody@example.com');
    expect(h1(await (await noticePage(code)).text())).toBe(`${ja.answer.notAffected}${ja.answer.notAffectedCard}`);
    await importRows(slug, [...demoRows, { email: 'nobody@example.com', groups: 'cards' }]);
    expect(h1(await (await noticePage(code)).text())).toBe(ja.answer.affected.possible);
  });

  it.each([
    ['made up', 'K7QM-3XTR-9HWD-FP2N-6BJC'],
    ['malformed', 'not-a-code'],
    ['far too long', 'A'.repeat(300)],
  ])('answers "we did not issue this link" for a %s code', async (_, code) => {
    const res = await noticePage(encodeURIComponent(code));
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(h1(html)).toBe(ja.noticePage.notIssuedTitle);
    expect(html).toContain('href="/verify?lang=ja"');
    expect(html).toContain('notice@example.com');
  });

  it('does not open a contact code as a notice link', async () => {
    const code = await issueCode('demo', null, { kind: 'contact', expiresAt: '2999-01-01T00:00:00.000Z' });
    expect((await noticePage(code)).status).toBe(404);
  });

  it('cannot answer (503) when the list was re-hashed with a pepper the notice predates', async () => {
    const code = await issueCode('demo', 'affected@example.com', { subjectKey: 'old-key' });
    const res = await noticePage(code);
    expect(res.status).toBe(503);
    expect(h1(await res.text())).toBe(ja.errorTitles.unavailable);
  });

  it('cannot answer (503) without a pepper', async () => {
    const code = await issueCode('demo', 'affected@example.com');
    const res = await fetchWith(new Request(`${ORIGIN}/n/${code}`, { headers: { 'cf-connecting-ip': newClientIp() } }), { PEPPER: undefined });
    expect(res.status).toBe(503);
  });

  it('is rate-limited', async () => {
    const ip = newClientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await get('/n/K7QM-3XTR-9HWD-FP2N-6BJC', { 'cf-connecting-ip': ip })).status);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('POST /api/v1/verify', () => {
  it('says a notice code is genuine, with its date and kind', async () => {
    const code = await issueCode('demo', 'affected@example.com');
    expect(await verifyApi(code)).toEqual({
      genuine: true,
      kind: 'notice',
      issuedAt: '2026-11-20T01:00:00.000Z',
      incident: 'demo',
      title: demoDefinition.text.ja.title,
    });
  });

  it('says a live contact code is genuine', async () => {
    const code = await issueCode('demo', null, { kind: 'contact', expiresAt: new Date(Date.now() + 30 * 60_000).toISOString() });
    expect(await verifyApi(code)).toMatchObject({ genuine: true, kind: 'contact' });
  });

  it('gives unknown, malformed and expired codes the same answer', async () => {
    const expired = await issueCode('demo', null, { kind: 'contact', expiresAt: new Date(Date.now() - 1000).toISOString() });
    for (const code of [expired, 'K7QM-3XTR-9HWD-FP2N-6BJC', 'hello', '1234']) expect(await verifyApi(code)).toEqual({ genuine: false });
  });

  it('refuses an empty code and a wrong body with a readable 400', async () => {
    const empty = await send(verifyRequest({ code: '  ' }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ error: 'empty_code', message: ja.errors.empty_code });
    for (const body of [{}, { code: 42 }, '{"code":', { code: 'x'.repeat(2000) }]) {
      const res = await send(verifyRequest(body));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('is rate-limited like check, with Retry-After', async () => {
    const ip = newClientIp();
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) last = await send(verifyRequest({ code: 'K7QM-3XTR-9HWD-FP2N-6BJC' }, { ip }));
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('60');
  });
});

describe('/verify (page)', () => {
  it('offers the form with what we never ask for and the official channels', async () => {
    const html = await (await get('/verify')).text();
    expect(h1(html)).toBe(ja.verify.title);
    expect(html).toContain('name="code"');
    expect(html).toContain(ja.neverAsk.title);
    expect(html).toContain('notice@example.com');
  });

  it('says genuine, with the date, for a notice code', async () => {
    const code = await issueCode('demo', 'affected@example.com');
    const html = await (await send(postForm('/verify?lang=en', { code }))).text();
    expect(h1(html)).toBe(en.verify.genuineTitle);
    expect(html).toContain('20 November 2026');
  });

  it('says genuine with the time for a contact code', async () => {
    const code = await issueCode('demo', null, { kind: 'contact', issuedAt: '2026-11-20T05:07:00.000Z', expiresAt: '2999-01-01T00:00:00.000Z' });
    const html = await (await send(postForm('/verify?lang=ja', { code }))).text();
    expect(h1(html)).toBe(ja.verify.genuineTitle);
    expect(html).toContain('14:07'); // 05:07 UTC in Asia/Tokyo
  });

  it('says calmly that we did not issue a made-up code', async () => {
    const res = await send(postForm('/verify', { code: 'K7QM-3XTR-9HWD-FP2N-6BJC' }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(h1(html)).toBe(ja.verify.notGenuineTitle);
    expect(html).toContain(ja.verify.notGenuineBody);
  });

  it('asks again for an empty code, and refuses a cross-site post', async () => {
    const empty = await send(postForm('/verify', { code: '' }));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(ja.errors.empty_code);
    expect((await send(postForm('/verify', { code: 'K7QM-3XTR-9HWD-FP2N-6BJC' }, { origin: 'https://evil.example' }))).status).toBe(403);
  });
});
