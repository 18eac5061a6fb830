/**
 * The vars (src/config.ts): absent or blank, each takes its default; a good value is the one used; a
 * bad value fails closed. Whatever needs a bad var answers "we cannot answer right now" (503), never
 * with a guess (NaN, no limit, another time zone), and the operator's log names the var and what it
 * must be, never the value. Through HTTP, with the env altered per request as a deployment would have it.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { config, ConfigError } from '../../src/config.ts';
import type { AppEnv } from '../../src/env.ts';
import { ja } from '../../src/i18n/ja.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { checkRequest, fetchWith, formRequest, h1, newClientIp, ORIGIN } from './http.ts';

let logged: MockInstance<typeof console.error>;
beforeEach(() => {
  stubAccessCerts();
  logged = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const VARS = ['RATE_LIMIT_PERIOD', 'STATS_FLUSH_SECONDS', 'TIME_ZONE', 'TURNSTILE_SITE_KEY', 'ACCESS_TEAM_DOMAIN', 'ACCESS_AUD',
  'ACCESS_ADMIN_GROUP', 'ADMIN_EMAILS', 'AGENT_LOOKUPS_PER_HOUR', 'CONTACT_CODE_MINUTES'];

const logLines = () => logged.mock.calls.map((args) => args.join(' '));

/** A signed-in agent of its own (its own hourly count). */
async function agentHeaders() {
  return viaAccess(await accessToken({ email: `config-${crypto.randomUUID().slice(0, 8)}@example.com` }));
}

function agentApi(path: string, body: unknown, headers: Record<string, string>) {
  return new Request(`${ORIGIN}/api/v1/agent/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function expectCannotAnswerPage(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('30');
  const html = await res.text();
  expect(h1(html)).toBe(ja.errorTitles.unavailable);
  expect(html).toContain(ja.errors.unavailable);
  expect(html).not.toContain(ja.answer.notAffected);
}

async function expectCannotAnswerJson(res: Response) {
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ error: 'unavailable', message: ja.errors.unavailable });
}

/** Some log line names the var; none carries its value (checked for values that could not occur by chance). */
function expectLogged(name: string, value?: string) {
  const lines = logLines();
  expect(lines.some((line) => line.includes(name)), lines.join('\n')).toBe(true);
  if (value !== undefined) for (const line of lines) expect(line).not.toContain(value);
}

describe('a bad value fails closed through HTTP', () => {
  it.each([
    ['ten-an-hour', 'ten-an-hour'],
    ['-5', undefined],
    ['0', undefined],
    ['2.5', undefined],
    ['99999999', '99999999'],
  ])('AGENT_LOOKUPS_PER_HOUR = %j: the console cannot answer, and the log names the var', async (bad, distinctive) => {
    const overrides = { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: bad };
    const headers = await agentHeaders();
    await expectCannotAnswerPage(await fetchWith(new Request(`${ORIGIN}/agent`, { headers }), overrides));
    await expectCannotAnswerJson(await fetchWith(agentApi('check', { incident: 'demo', email: 'affected@example.com' }, headers), overrides));
    expectLogged('AGENT_LOOKUPS_PER_HOUR', distinctive);
    // Only the console depends on it: the public lookup still answers.
    expect((await fetchWith(checkRequest({ incident: 'demo', email: 'affected@example.com' }), overrides)).status).toBe(200);
  });

  it.each([
    ['thirty', 'thirty'],
    ['0', undefined],
    ['1441', '1441'],
  ])('CONTACT_CODE_MINUTES = %j: no contact code is issued', async (bad, distinctive) => {
    const res = await fetchWith(agentApi('contact-code', { incident: 'demo' }, await agentHeaders()), { ...accessEnv, CONTACT_CODE_MINUTES: bad });
    await expectCannotAnswerJson(res);
    expectLogged('CONTACT_CODE_MINUTES', distinctive);
  });

  it('TIME_ZONE that is no time zone: no answer is given with dates in a zone nobody chose', async () => {
    const overrides = { TIME_ZONE: 'Mars/Olympus_Mons' };
    await expectCannotAnswerJson(await fetchWith(checkRequest({ incident: 'demo', email: 'affected@example.com' }), overrides));
    await expectCannotAnswerPage(await fetchWith(formRequest('demo', { identifier: 'nobody@example.com' }), overrides));
    expectLogged('TIME_ZONE', 'Mars/Olympus_Mons');
  });

  it('RATE_LIMIT_PERIOD outside 10 and 60: lookups are still limited, and past the limit the answer is 503, not 429', async () => {
    const overrides = { RATE_LIMIT_PERIOD: 'a minute' };
    const ip = newClientIp();
    for (let i = 0; i < 10; i++) {
      expect((await fetchWith(checkRequest({ incident: 'demo', email: 'nobody@example.com' }, { ip }), overrides)).status).toBe(200);
    }
    await expectCannotAnswerJson(await fetchWith(checkRequest({ incident: 'demo', email: 'nobody@example.com' }, { ip }), overrides));
    expectLogged('RATE_LIMIT_PERIOD', 'a minute');
  });

  it('TURNSTILE_SITE_KEY that is no site key: the bot check is not skipped, so lookups cannot answer', async () => {
    const overrides = { TURNSTILE_SITE_KEY: '<script>', TURNSTILE_SECRET_KEY: 'test-secret' };
    await expectCannotAnswerJson(await fetchWith(checkRequest({ incident: 'demo', email: 'affected@example.com' }), overrides));
    const page = await fetchWith(new Request(`${ORIGIN}/i/demo`), overrides);
    // The 503 page still carries the strict security headers, with no third-party script allowed.
    expect(page.headers.get('content-security-policy')).not.toContain('challenges.cloudflare.com');
    await expectCannotAnswerPage(page);
    expectLogged('TURNSTILE_SITE_KEY', '<script>');
  });

  it('ACCESS_TEAM_DOMAIN that is no host name: the console answers 503 to everyone, not a sign-in that cannot work', async () => {
    const overrides = { ...accessEnv, ACCESS_TEAM_DOMAIN: 'https://team example/' };
    await expectCannotAnswerPage(await fetchWith(new Request(`${ORIGIN}/agent`, { headers: await agentHeaders() }), overrides));
    await expectCannotAnswerPage(await fetchWith(new Request(`${ORIGIN}/agent`), overrides));
    expectLogged('ACCESS_TEAM_DOMAIN', 'team example');
  });

  it('STATS_FLUSH_SECONDS that is no number: answers go on (counters never make an answer an error), and the log names it', async () => {
    const res = await fetchWith(checkRequest({ incident: 'demo', email: 'affected@example.com' }), { STATS_FLUSH_SECONDS: 'every-ten' });
    expect(res.status).toBe(200);
    expect((await res.json<{ affected: boolean }>()).affected).toBe(true);
    expectLogged('STATS_FLUSH_SECONDS', 'every-ten');
  });
});

describe('defaults apply when a var is absent or blank', () => {
  it('gives every var its default', () => {
    const empty = { DB: env.DB } as AppEnv;
    expect({ ...config(empty) }).toEqual({
      rateLimitPeriod: 60,
      statsFlushSeconds: 10,
      timeZone: 'Asia/Tokyo',
      turnstileSiteKey: null,
      accessTeamDomain: null,
      accessAud: null,
      accessAdminGroup: null,
      adminEmails: [],
      agentLookupsPerHour: 60,
      contactCodeMinutes: 30,
    });
    const blank = Object.fromEntries(VARS.map((name) => [name, '  '])) as Partial<AppEnv>;
    expect({ ...config({ ...empty, ...blank }) }).toEqual({ ...config(empty) });
    expect(logLines()).toEqual([]);
  });

  it('issues contact codes for 30 minutes and shows a limit of 60 lookups an hour', async () => {
    const overrides = { ...accessEnv, CONTACT_CODE_MINUTES: undefined, AGENT_LOOKUPS_PER_HOUR: undefined };
    const headers = await agentHeaders();
    const res = await fetchWith(agentApi('contact-code', { incident: 'demo' }, headers), overrides);
    const body = await res.json<{ issuedAt: string; expiresAt: string }>();
    expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt)).toBe(30 * 60_000);
    const page = await fetchWith(new Request(`${ORIGIN}/agent`, { headers }), overrides);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(ja.agent.limitNote(60));
  });

  it('sends Retry-After: 60 on a 429 without RATE_LIMIT_PERIOD', async () => {
    const ip = newClientIp();
    let res: Response | undefined;
    for (let i = 0; i < 11; i++) res = await fetchWith(checkRequest({ incident: 'demo', email: 'nobody@example.com' }, { ip }), { RATE_LIMIT_PERIOD: undefined });
    expect(res!.status).toBe(429);
    expect(res!.headers.get('retry-after')).toBe('60');
  });
});

describe('a good value is the one used', () => {
  it('parses and normalises each var', () => {
    const parsed = config({
      DB: env.DB,
      RATE_LIMIT_PERIOD: '10',
      STATS_FLUSH_SECONDS: ' 0 ',
      TIME_ZONE: 'Europe/London',
      TURNSTILE_SITE_KEY: '1x00000000000000000000AA',
      ACCESS_TEAM_DOMAIN: 'https://MyTeam.cloudflareaccess.com/',
      ACCESS_AUD: ' aud-tag ',
      ACCESS_ADMIN_GROUP: 'Support-Admins',
      ADMIN_EMAILS: 'a@example.com, ,B@example.com',
      AGENT_LOOKUPS_PER_HOUR: '1000000',
      CONTACT_CODE_MINUTES: '1440',
    } as AppEnv);
    expect({ ...parsed }).toEqual({
      rateLimitPeriod: 10,
      statsFlushSeconds: 0,
      timeZone: 'Europe/London',
      turnstileSiteKey: '1x00000000000000000000AA',
      accessTeamDomain: 'myteam.cloudflareaccess.com',
      accessAud: 'aud-tag',
      accessAdminGroup: 'Support-Admins',
      adminEmails: ['a@example.com', 'B@example.com'],
      agentLookupsPerHour: 1_000_000,
      contactCodeMinutes: 1440,
    });
  });

  it('limits an agent to AGENT_LOOKUPS_PER_HOUR and says so on the console', async () => {
    const overrides = { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: '2' };
    const headers = await agentHeaders();
    const page = await fetchWith(new Request(`${ORIGIN}/agent`, { headers }), overrides);
    expect(await page.text()).toContain(ja.agent.limitNote(2));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await fetchWith(agentApi('check', { incident: 'demo', email: 'nobody@example.com' }, headers), overrides)).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('issues contact codes for CONTACT_CODE_MINUTES', async () => {
    const res = await fetchWith(agentApi('contact-code', { incident: 'demo' }, await agentHeaders()), { ...accessEnv, CONTACT_CODE_MINUTES: '45' });
    const body = await res.json<{ issuedAt: string; expiresAt: string }>();
    expect(Date.parse(body.expiresAt) - Date.parse(body.issuedAt)).toBe(45 * 60_000);
  });

  it('sends RATE_LIMIT_PERIOD as Retry-After on a 429', async () => {
    const ip = newClientIp();
    let res: Response | undefined;
    for (let i = 0; i < 11; i++) res = await fetchWith(checkRequest({ incident: 'demo', email: 'nobody@example.com' }, { ip }), { RATE_LIMIT_PERIOD: '10' });
    expect(res!.status).toBe(429);
    expect(res!.headers.get('retry-after')).toBe('10');
  });
});

describe('config()', () => {
  it('keeps the good vars readable when one is bad, and names the bad one without its value', () => {
    const parsed = config({ DB: env.DB, AGENT_LOOKUPS_PER_HOUR: 'NaN', TIME_ZONE: 'Asia/Tokyo' } as AppEnv);
    expect(parsed.timeZone).toBe('Asia/Tokyo');
    expect(parsed.contactCodeMinutes).toBe(30);
    expect(() => parsed.agentLookupsPerHour).toThrow(ConfigError);
    expect(() => parsed.agentLookupsPerHour).toThrow(/^AGENT_LOOKUPS_PER_HOUR must be a whole number from 1 to 1000000$/);
    expect(logLines()).toEqual([JSON.stringify({ event: 'bad_config', var: 'AGENT_LOOKUPS_PER_HOUR', expected: 'a whole number from 1 to 1000000' })]);
  });

  it('parses an env once, and a copy with the same values not again', () => {
    const values = { DB: env.DB, CONTACT_CODE_MINUTES: 'not-once' } as AppEnv;
    const first = config(values);
    expect(config(values)).toBe(first);
    expect(config({ ...values })).toBe(first);
    expect(logLines().filter((line) => line.includes('CONTACT_CODE_MINUTES'))).toHaveLength(1);
  });
});
