/**
 * Whatever a stranger sends to the JSON API (POST /api/v1/check and POST /api/v1/verify: any JSON body,
 * duplicate keys, truncated or deeply nested text, odd content types), the answer is clear: never a 5xx,
 * an error is exactly {error, message} in the catalogue's words and never echoes the input. And a person
 * on the list is told "affected" however they type their address.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBody, jsonContentType, params, rawJsonText, RUNS, seedFuzzIncidents, TIMEOUT, toFullWidth, TOTAL_CASES, verifyBody } from './fuzz-inputs.ts';
import { expectClearJson, postJson } from './fuzz-responses.ts';
import { send } from './http.ts';

beforeAll(seedFuzzIncidents);

describe('fuzzing POST /api/v1/check', () => {
  it(`answers every JSON body clearly, never a 5xx (${RUNS.checkJson} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(checkBody, async (body) => {
        const res = await send(postJson('/api/v1/check', JSON.stringify(body), 'application/json'));
        await expectClearJson(res, 'affected');
      }),
      params(RUNS.checkJson),
    );
  }, TIMEOUT);

  it(`answers duplicate keys, truncated, nested and mistyped bodies clearly (${RUNS.checkRawBody} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(rawJsonText(checkBody, ['incident', 'email', 'orderId', 'factor', 'locale']), jsonContentType, async (body, type) => {
        const res = await send(postJson('/api/v1/check', body, type));
        await expectClearJson(res, 'affected');
      }),
      params(RUNS.checkRawBody),
    );
  }, TIMEOUT);

  it(`gives the same answer for an identifier on the list however it is typed (${RUNS.fullWidthAnswers} cases)`, async () => {
    const listed = fc.constantFrom(
      { email: 'affected@example.com', groups: ['cards', 'members'] },
      { email: 'member-only@example.com', groups: ['members'] },
    );
    const typed = fc
      .tuple(listed, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.array(fc.constantFrom('', ' ', '\u3000', '\u200b', '\ufeff', '\u00a0'), { minLength: 2, maxLength: 2 }))
      .map(([entry, wide, [before, after]]) => ({
        ...entry,
        // Any mix of full-width and ASCII characters, of upper and lower case, with invisible padding.
        raw: `${before}${[...entry.email].map((c, i) => (wide[i] ? toFullWidth(c) : c)).map((c, i) => (wide[39 - i] ? c.toUpperCase() : c)).join('')}${after}`,
      }));
    await fc.assert(
      fc.asyncProperty(typed, async ({ raw, groups }) => {
        const res = await send(postJson('/api/v1/check', JSON.stringify({ incident: 'demo', email: raw }), 'application/json'));
        expect(res.status).toBe(200);
        const body = await res.json<{ affected: boolean; groups: { code: string }[] }>();
        expect(body.affected).toBe(true);
        expect(body.groups.map((g) => g.code).sort()).toEqual(groups);
      }),
      params(RUNS.fullWidthAnswers),
    );
  }, TIMEOUT);
});

describe('fuzzing POST /api/v1/verify', () => {
  it(`answers every JSON body clearly, never a 5xx (${RUNS.verifyJson} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(verifyBody, async (body) => {
        const res = await send(postJson('/api/v1/verify', JSON.stringify(body), 'application/json'));
        await expectClearJson(res, 'genuine');
      }),
      params(RUNS.verifyJson),
    );
  }, TIMEOUT);

  it(`answers duplicate keys, truncated, nested and mistyped bodies clearly (${RUNS.verifyRawBody} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(rawJsonText(verifyBody, ['code', 'locale', 'turnstile']), jsonContentType, async (body, type) => {
        const res = await send(postJson('/api/v1/verify', body, type));
        await expectClearJson(res, 'genuine');
      }),
      params(RUNS.verifyRawBody),
    );
  }, TIMEOUT);
});

// The budget of every fuzz-*.test.ts together (RUNS in fuzz-inputs.ts).
it(`generates at least 10,000 cases per run (${TOTAL_CASES})`, () => {
  expect(TOTAL_CASES).toBeGreaterThanOrEqual(10_000);
  expect(env.PEPPER).toBeTruthy(); // the properties ran against a configured Worker
});
