/**
 * The JSON API (POST /api/v1/check) answers affected or not with the groups, data classes, next steps and
 * store a customer needs, in their language, and keeps its status codes and fields, a stable interface
 * for integrations (SPEC). Against the demo incident the setup file seeds.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { check, checkRequest, newClientIp, ORIGIN, send } from './http.ts';

interface CheckAnswer {
  incident: string;
  locale: string;
  affected: boolean;
  headline: string;
  firstStep: string | null;
  certainty: string | null;
  store: string | null;
  groups: { code: string; label: string; dataClasses: string[]; certainty: string }[];
  dataClasses: string[];
  nextSteps: { dataClass: string; label: string; steps: string[] }[];
}

interface ProblemBody {
  error: string;
  message: string;
}

async function answer(body: unknown, headers: Record<string, string> = {}): Promise<CheckAnswer> {
  const res = await check(body, { headers });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return res.json();
}

const codes = (a: CheckAnswer) => a.groups.map((g) => g.code);

describe('affected', () => {
  it('in two groups: both groups, every data class, next steps and the store the customer knows', async () => {
    const a = await answer({ incident: 'demo', email: 'affected@example.com' });
    expect(a.affected).toBe(true);
    expect(a.headline).toBe(ja.answer.affected.confirmed);
    expect(codes(a)).toEqual(['members', 'cards']);
    expect(a.dataClasses).toEqual(expect.arrayContaining(['card', 'card_security_code', 'login', 'email', 'order_details']));
    // Most urgent first: a leaked password is used within hours, a card within days.
    expect(a.dataClasses.slice(0, 2)).toEqual(['login', 'card']);
    expect(a.firstStep).toBe(ja.steps.login[0]);
    expect(a.certainty).toBe('confirmed');
    expect(a.store).toBe('Sample Coffee Online');
    expect(a.nextSteps.map((s) => s.dataClass)).toEqual(a.dataClasses);
    expect(a.nextSteps.every((s) => s.steps.length > 0)).toBe(true);
    // The incident's own card step follows the built-in ones.
    expect(a.nextSteps[1]!.steps).toContain('カード会社には「サンプルモールの情報漏えいの対象」とお伝えください。手続きが早く進みます。');
  });

  it('in the members group only', async () => {
    const a = await answer({ incident: 'demo', email: 'member-only@example.com' });
    expect(a.affected).toBe(true);
    expect(codes(a)).toEqual(['members']);
    expect(a.dataClasses).toContain('login');
    expect(a.dataClasses).not.toContain('card');
    expect(a.certainty).toBe('confirmed');
    expect(a.store).toBeNull();
  });

  it.each(['ORD-1001', 'ord－1001', 'ＯＲＤー１００１', ' ORD 1001 '])('in the cards group only, by order ID %j', async (orderId) => {
    const a = await answer({ incident: 'demo', orderId });
    expect(a.affected).toBe(true);
    expect(codes(a)).toEqual(['cards']);
    expect(a.dataClasses).toEqual(['card', 'card_security_code', 'order_details']);
    expect(a.certainty).toBe('possible');
    expect(a.headline).toBe(ja.answer.affected.possible);
  });

  it.each([
    'ＡＦＦＥＣＴＥＤ＠ＥＸＡＭＰＬＥ．ＣＯＭ',
    '\u00A0Affected@Example.com\u3000',
    '\u200Baffected@example.com\uFEFF',
  ])('when the email is typed as %j', async (email) => {
    const a = await answer({ incident: 'demo', email });
    expect(codes(a)).toEqual(['members', 'cards']);
  });
});

describe('not affected', () => {
  it('says so without hedging, and that the card was not included either', async () => {
    const a = await answer({ incident: 'demo', email: 'nobody@example.com' });
    expect(a.affected).toBe(false);
    expect(a.groups).toEqual([]);
    expect(a.dataClasses).toEqual([]);
    expect(a.nextSteps).toEqual([]);
    expect(a.certainty).toBeNull();
    expect(a.headline).toContain(ja.answer.notAffected);
    expect(a.headline).toContain(ja.answer.notAffectedCard);
  });

  it('for an order ID that is not on the list', async () => {
    const a = await answer({ incident: 'demo', orderId: 'ORD-9999' });
    expect(a.affected).toBe(false);
  });

  it('does not match an email against order IDs or the reverse', async () => {
    expect((await answer({ incident: 'demo', email: 'ord1001@example.com' })).affected).toBe(false);
    expect((await answer({ incident: 'demo', orderId: 'ORD-1002' })).affected).toBe(false);
  });
});

describe('language', () => {
  it('follows Accept-Language', async () => {
    const a = await answer({ incident: 'demo', email: 'nobody@example.com' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(a.locale).toBe('en');
    expect(a.headline).toBe('Your information was not included in this incident. Your card was not included either.');
  });

  it('follows the locale field over Accept-Language', async () => {
    const a = await answer({ incident: 'demo', email: 'affected@example.com', locale: 'en' }, { 'accept-language': 'ja' });
    expect(a.headline).toBe(en.answer.affected.confirmed);
    expect(a.groups[0]!.label).toBe('Members who registered between 1 October 2020 and 23 May 2024');
    expect(a.nextSteps[1]!.steps).toContain('When you call your card issuer, say that you are affected by the Sample Mall data incident: it speeds things up.');

    const j = await answer({ incident: 'demo', email: 'affected@example.com', locale: 'ja' }, { 'accept-language': 'en' });
    expect(j.headline).toBe(ja.answer.affected.confirmed);
  });
});

describe('refusals', () => {
  async function problem(res: Response, status: number): Promise<ProblemBody> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body: ProblemBody = await res.json();
    expect(body.message.length).toBeGreaterThan(0);
    return body;
  }

  it('explains an input that is not an email, in Japanese by default', async () => {
    const body = await problem(await check({ incident: 'demo', email: 'Test' }), 400);
    expect(body).toEqual({ error: 'invalid_email', message: ja.errors.invalid_email });
  });

  it('explains it in English when the client asks for English', async () => {
    const res = await check({ incident: 'demo', email: 'Test' }, { headers: { 'accept-language': 'en' } });
    const body = await problem(res, 400);
    expect(body.message).toBe('That is not an email address. Check it and try again.');
  });

  it('refuses an order ID that does not fit the incident', async () => {
    const body = await problem(await check({ incident: 'demo', orderId: 'Test' }), 400);
    expect(body.error).toBe('invalid_order_id');
  });

  it('refuses an empty email', async () => {
    const body = await problem(await check({ incident: 'demo', email: ' \u3000' }), 400);
    expect(body).toEqual({ error: 'empty', message: ja.errors.empty });
  });

  it.each([
    ['both email and orderId', { incident: 'demo', email: 'affected@example.com', orderId: 'ORD-1001' }],
    ['neither email nor orderId', { incident: 'demo' }],
    ['no incident', { email: 'affected@example.com' }],
    ['an email that is not a string', { incident: 'demo', email: 42 }],
    ['an unsupported locale', { incident: 'demo', email: 'affected@example.com', locale: 'fr' }],
    ['a JSON array', [{ incident: 'demo', email: 'affected@example.com' }]],
  ])('refuses a body with %s', async (_, body) => {
    const res = await check(body, { headers: { 'accept-language': 'en' } });
    expect(await problem(res, 400)).toEqual({ error: 'invalid_request', message: en.errors.invalid_request });
  });

  it('refuses malformed JSON', async () => {
    const body = await problem(await check('{"incident": "demo", "email": '), 400);
    expect(body.error).toBe('invalid_request');
  });

  it('refuses a body that is not sent as JSON', async () => {
    const res = await send(
      new Request(`${ORIGIN}/api/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'cf-connecting-ip': newClientIp() },
        body: JSON.stringify({ incident: 'demo', email: 'affected@example.com' }),
      }),
    );
    expect((await problem(res, 400)).error).toBe('invalid_request');
  });

  it('answers 404 for an incident that does not exist', async () => {
    const body = await problem(await check({ incident: 'no-such-incident', email: 'affected@example.com' }), 404);
    expect(body.error).toBe('unknown_incident');
  });

  it('refuses a body over 4 KB with 413', async () => {
    const res = await check({ incident: 'demo', email: 'affected@example.com', padding: 'x'.repeat(5000) });
    expect((await problem(res, 413)).error).toBe('too_large');
  });

  it('accepts a body just under 4 KB', async () => {
    const body = { incident: 'demo', email: 'affected@example.com', padding: '' };
    body.padding = 'x'.repeat(4096 - JSON.stringify(body).length);
    const request = checkRequest(body);
    expect((await request.clone().arrayBuffer()).byteLength).toBe(4096);
    expect((await send(request)).status).toBe(200);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has used up its attempts, and only for that client', async () => {
    const ip = newClientIp();
    // Probes with invalid input count too, or an attacker could enumerate with malformed bodies for free.
    for (let i = 0; i < 10; i++) {
      const res = await check({ incident: 'demo', email: i % 2 ? `probe${i}@example.com` : 'Test' }, { ip });
      expect(res.status).not.toBe(429);
    }
    const res = await check({ incident: 'demo', email: 'affected@example.com' }, { ip, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(429);
    // Within the limiter's 60-second window: longer would keep a real customer out for no reason.
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await res.json()).toEqual({ error: 'rate_limited', message: en.errors.rate_limited });

    expect((await check({ incident: 'demo', email: 'affected@example.com' })).status).toBe(200);
  });
});
