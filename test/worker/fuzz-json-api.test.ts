/**
 * Property-based fuzzing (issue 5, item 2) with fast-check, over every way a stranger's input reaches the
 * portal: POST /api/v1/check, POST /api/v1/verify, GET /n/<code>, POST /i/<slug>, POST /verify and the agent
 * API (signed in and not), plus the normalisation every lookup depends on.
 *
 * Inputs: any UTF-16 code unit (lone surrogates and controls included) and astral characters, very long
 * strings, email- and HTML-like text, JSON values of every type nested in objects and arrays, duplicate
 * keys in raw JSON text, wrong and odd content types, truncated and deeply nested bodies.
 *
 * Properties:
 * - never a 5xx: D1 is healthy here, so not even the deliberate 503 may appear;
 * - always a clear message: an API error is exactly {error, message}, its message the catalogue's text
 *   for that code (so it cannot echo the input either); a page has an <h1>;
 * - never an unescaped echo: pages that show the typed value again must escape it (marker strings that
 *   would open a tag or leave an attribute never appear raw), and no inline script ever appears;
 * - normalisation is idempotent, and every accepted email normalises the same from its full-width form.
 *
 * Every request comes from a client address of its own, so the rate limiter (10 a minute) never answers.
 * The number of generated cases per run is the sum of RUNS (checked in the last test).
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { normaliseCode } from '../../src/core/codes.ts';
import { SECOND_FACTORS, normaliseEmail, normaliseFactor, normaliseIdentifier, normaliseOrderId } from '../../src/core/normalise.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { fetchWith, h1, newClientIp, ORIGIN, send } from './http.ts';
import { definitionFor, importRows, issueCode, publish } from './seed.ts';

const RUNS = {
  checkJson: 1200,
  checkRawBody: 900,
  verifyJson: 600,
  verifyRawBody: 400,
  noticeLink: 900,
  incidentForm: 1200,
  verifyForm: 600,
  agentSignedIn: 600,
  agentUnsigned: 400,
  fullWidthAnswers: 200,
  normaliseIdempotent: 3000,
  normaliseFullWidth: 2000,
};
const TOTAL_CASES = Object.values(RUNS).reduce((a, b) => a + b, 0);
/** A new random seed each run; on a failure fast-check prints its seed and path, which replay it (`seed`, `path`). */
const params = (numRuns: number) => ({ numRuns, endOnFailure: true });
const TIMEOUT = 60_000;

const SENSITIVE = 'fuzz-sensitive';

/** A notice code really issued (to affected@example.com), so some fuzzed codes find it. */
let issued = 'K7QM-3XTR-9HWD-FP2N-6BJC';

beforeAll(async () => {
  issued = await issueCode('demo', 'affected@example.com');
  const def = definitionFor(SENSITIVE);
  def.lookup = { mode: 'second-factor', secondFactor: 'postcode' };
  await publish(def);
  await importRows(SENSITIVE, [{ email: 'affected@example.com', postcode: '123-4567', groups: 'members|cards' }]);
});

afterEach(() => vi.restoreAllMocks());

// ---- Arbitraries -----------------------------------------------------------------------------------------

/** One UTF-16 code unit of any value (lone surrogates, controls, noncharacters), or a whole astral character. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)) },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((n) => String.fromCodePoint(n)) },
  { weight: 4, arbitrary: fc.constantFrom('@', '＠', '﹫', '.', '．', '-', '－', 'ー', ' ', '\u3000', '\u200b', '\ufeff', '\u00ad', 'a', 'Ａ', '1', '１', '%', '+', '&', '=') },
);
const anyText = fc.string({ unit, maxLength: 40 });
/** Long input: past every length limit (512 raw, 1024 per field, 4096 per body) or just under them. */
const longText = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'Ａ', '＠', '\ud800', '😀', '<', 'é', ' '), fc.integer({ min: 250, max: 6000 })).map(([c, n]) => c.repeat(n)),
  fc.string({ unit, minLength: 500, maxLength: 1500 }),
);
const emailish = fc.oneof(
  fc.emailAddress(),
  fc.emailAddress().map(toFullWidth),
  fc.tuple(fc.emailAddress(), anyText).map(([e, t]) => `${t}${e}${t}`),
  fc.constantFrom('affected@example.com', 'ＡＦＦＥＣＴＥＤ＠ＥＸＡＭＰＬＥ．ＣＯＭ', 'ORD-1001', 'ｏｒｄ－１００１', '123-4567', 'K7QM-3XTR-9HWD-FP2N-6BJC'),
);
/** The issued notice code as people mangle it: case, width, dashes, spaces, with something around it. */
const issuedCode = fc
  .tuple(fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), fc.constantFrom('', ' ', '-', 'ー', '\u3000'), fc.constantFrom('', 'x', ' ', '\u200b'))
  .map(([flags, dash, around]) => {
    const code = issued.replaceAll('-', dash);
    return [...code].map((c, i) => (flags[i] ? c.toLowerCase() : flags[23 - i] ? toFullWidth(c) : c)).join('') + around;
  });
/**
 * Text that would break out of HTML if a page echoed it unescaped: a tag only an injection could produce,
 * and attribute breakouts with both quotes. Pages must never contain these raw. The attribute markers
 * include their value: an escaped echo cut short right after `data-fuzz=` (a truncated body) is
 * followed by the page's own closing quote, which is no breakout.
 */
const INJECTED = ['<x-fuzz', 'data-fuzz="1', "data-fuzz='2"];
const htmlish = fc.tuple(anyText, anyText).map(([a, b]) => `${a}<x-fuzz>${b}" data-fuzz="1'data-fuzz='2&amp;</script><script>`);
const text = fc.oneof(
  { weight: 6, arbitrary: anyText },
  { weight: 1, arbitrary: longText },
  { weight: 3, arbitrary: emailish },
  { weight: 2, arbitrary: htmlish },
);
/** A JSON field as a client might send it: text, any other JSON type (nested), or left out. */
const jsonField = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.constant(undefined) },
);
const incident = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('demo', SENSITIVE, 'no-such-incident', 'DEMO', ' demo', '') },
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const locale = fc.oneof(fc.constantFrom('ja', 'en', 'fr', 'EN', ''), fc.jsonValue({ maxDepth: 1 }));
const extraKeys = fc.dictionary(fc.oneof(anyText, fc.constantFrom('__proto__', 'constructor', 'email', 'incident')), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });

/** Bodies of the right shape with any text in them: these get past validation and into the lookup itself. */
const wellFormedCheck = fc.oneof(
  fc.record({ incident: fc.constantFrom('demo', SENSITIVE), email: text }),
  fc.record({ incident: fc.constantFrom('demo', SENSITIVE), orderId: text }),
  fc.record({ incident: fc.constantFrom('demo', SENSITIVE), email: text, factor: text, locale: fc.constantFrom('ja', 'en') }),
);
const checkBody = fc.oneof(
  wellFormedCheck,
  fc
    .tuple(
      fc.record({ incident, email: jsonField, orderId: jsonField, factor: jsonField, locale, turnstile: jsonField }, { requiredKeys: [] }),
      extraKeys,
    )
    .map(([fields, extra]) => ({ ...extra, ...fields })),
);
const verifyBody = fc
  .tuple(fc.record({ code: fc.oneof(text, issuedCode, fc.jsonValue({ maxDepth: 3 })), locale, turnstile: jsonField }, { requiredKeys: [] }), extraKeys)
  .map(([fields, extra]) => ({ ...extra, ...fields }));

/** A JSON document that is not valid for the endpoint, as raw text: the shapes JSON.stringify cannot make. */
const rawJsonText = (body: fc.Arbitrary<Record<string, unknown>>, keys: string[]) =>
  fc.oneof(
    // Duplicate keys: which one wins must not matter for safety.
    fc
      .array(fc.tuple(fc.constantFrom(...keys), fc.oneof(text, fc.jsonValue({ maxDepth: 2 }))), { minLength: 2, maxLength: 6 })
      .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v ?? null)}`).join(',')}}`),
    // Truncated anywhere.
    fc.tuple(body, fc.nat()).map(([b, cut]) => {
      const whole = JSON.stringify(b);
      return whole.slice(0, cut % (whole.length + 1));
    }),
    // Deeply nested.
    fc.tuple(fc.constantFrom('[', '{"a":'), fc.integer({ min: 1, max: 3000 })).map(([open, n]) => open.repeat(n) + (open === '[' ? ']' : '1}').repeat(n)),
    // Any JSON value at the top level, or anything at all.
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
    anyText,
    longText,
  );

const jsonContentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=shift_jis',
      'application/merge-patch+json',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      '',
      'application/json, text/plain',
      'garbage/\u007f',
    ),
  },
);

/** Printable ASCII only: header values must be byte strings. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), maxLength: 60 });

// ---- What every response must be ---------------------------------------------------------------------------

const errorMessages = new Map<string, Set<string>>();
for (const catalogue of [ja, en]) {
  for (const [code, message] of Object.entries(catalogue.errors)) {
    errorMessages.set(code, (errorMessages.get(code) ?? new Set()).add(message));
  }
}
const errorTitles = new Set([...Object.values(ja.errorTitles), ...Object.values(en.errorTitles)]);

/** A JSON API response: an answer, or exactly {error, message} with the catalogue's message for that code. */
async function expectClearJson(res: Response, answerKey: 'affected' | 'genuine'): Promise<Record<string, unknown>> {
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  const body = await res.json<Record<string, unknown>>();
  if (res.status === 200) {
    expect(typeof body[answerKey]).toBe('boolean');
  } else {
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    const messages = errorMessages.get(String(body.error));
    expect(messages, `unknown error code ${String(body.error)}`).toBeDefined();
    expect(messages!.has(String(body.message))).toBe(true);
    expect(String(body.message).length).toBeGreaterThan(0);
  }
  return body;
}

/**
 * An HTML response: a page with an <h1>, no inline script, and none of the inputs' breakout markers raw.
 * An error page (its <h1> is an error title) shows none of the input at all.
 */
async function expectClearPage(res: Response, inputs: unknown[]): Promise<string> {
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await res.text();
  const heading = h1(html);
  expect(heading, 'a page without an <h1>').toBeTruthy();
  for (const marker of INJECTED) expect(html.includes(marker), `unescaped ${marker}`).toBe(false);
  for (const script of html.matchAll(/<script\b[^>]*>/gi)) expect(script[0]).toMatch(/\bsrc="\/[^/]/);
  if (errorTitles.has(heading!)) {
    for (const input of inputs) {
      if (typeof input === 'string' && input.trim().length >= 8) expect(html.includes(input), 'an error page echoes the input').toBe(false);
    }
  }
  return html;
}

function postJson(path: string, body: string, contentType: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { ...(contentType ? { 'content-type': contentType } : {}), 'cf-connecting-ip': newClientIp(), ...headers },
    body,
  });
}

function postFormBody(path: string, body: BodyInit, headers: Record<string, string>): Request {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'cf-connecting-ip': newClientIp(), ...headers }, body });
}

/** A form body as browsers, scripts and broken clients send one. */
const formBody = (fields: fc.Arbitrary<Record<string, string>>) =>
  fc.oneof(
    { weight: 6, arbitrary: fields.map((f) => ({ body: new URLSearchParams(f).toString() as BodyInit, type: 'application/x-www-form-urlencoded' })) },
    {
      weight: 2,
      arbitrary: fields.map((f) => {
        const data = new FormData();
        for (const [k, v] of Object.entries(f)) data.append(k, v);
        return { body: data as BodyInit, type: null };
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fields, fc.nat(), fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'text/plain', 'application/json', ''))
        .map(([f, cut, type]) => {
          const whole = new URLSearchParams(f).toString();
          return { body: whole.slice(0, cut % (whole.length + 1)) as BodyInit, type };
        }),
    },
    { weight: 1, arbitrary: fc.tuple(anyText, anyText).map(([a, b]) => ({ body: `identifier=${a}&identifier=${b}&%ZZ=%&=` as BodyInit, type: 'application/x-www-form-urlencoded' })) },
  );

const originHeader = fc.oneof(
  { weight: 8, arbitrary: fc.constant(ORIGIN) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'https://evil.example', 'null', 'http://portal.test') },
);
const langQuery = fc.oneof(fc.constant(''), fc.constantFrom('?lang=en', '?lang=ja', '?lang=xx', '?lang=%ZZ', '?lang=en&lang=ja'));

/** Percent-encodes every byte of the UTF-8 form (lone surrogates become U+FFFD, as any client would send them). */
const percentEncode = (s: string) => [...new TextEncoder().encode(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

// ---- The endpoints ---------------------------------------------------------------------------------------

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

describe('fuzzing GET /n/<code>', () => {
  const path = fc.oneof(
    { weight: 4, arbitrary: text.map(percentEncode) },
    { weight: 3, arbitrary: text.map((t) => t.replace(/[#?]/g, '')) }, // raw: the URL parser encodes what it must
    { weight: 2, arbitrary: issuedCode.map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%E3%81', '%ED%A0%80', '..%2F..%2Fagent', '%00', 'K7QM-3XTR-9HWD-FP2N-6BJC/extra') },
  );
  it(`shows a clear page for any code, never a 5xx and never the code unescaped (${RUNS.noticeLink} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(path, langQuery, headerText, async (code, query, acceptLanguage) => {
        const res = await send(new Request(`${ORIGIN}/n/${code}${query}`, { headers: { 'cf-connecting-ip': newClientIp(), 'accept-language': acceptLanguage } }));
        let decoded = code;
        try {
          decoded = decodeURIComponent(code);
        } catch {
          // keep it raw
        }
        await expectClearPage(res, [decoded]);
      }),
      params(RUNS.noticeLink),
    );
  }, TIMEOUT);
});

describe('fuzzing POST /i/<slug> (the form, without JavaScript)', () => {
  const fields = fc.oneof(
    fc.record({ identifier: text }),
    fc.record({ email: text, factor: text }),
    fc
      .tuple(fc.record({ identifier: text, email: text, factor: text }, { requiredKeys: [] }), fc.dictionary(anyText, text, { maxKeys: 2 }))
      .map(([f, extra]) => ({ ...extra, ...f })),
  );
  const slug = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('demo', SENSITIVE) }, { weight: 1, arbitrary: text.map(percentEncode) });
  it(`shows a clear page for any submission, escaping what it shows again (${RUNS.incidentForm} cases)`, async () => {
    let escapedEchoes = 0;
    await fc.assert(
      fc.asyncProperty(slug, fields.chain((f) => fc.tuple(fc.constant(f), formBody(fc.constant(f)))), originHeader, langQuery, async (s, [f, { body, type }], origin, query) => {
        const headers: Record<string, string> = { ...(type ? { 'content-type': type } : {}), ...(origin ? { origin } : {}) };
        const res = await send(postFormBody(`/i/${s}${query}`, body, headers));
        const html = await expectClearPage(res, Object.values(f));
        if (html.includes('&lt;x-fuzz&gt;')) escapedEchoes++;
      }),
      params(RUNS.incidentForm),
    );
    // The form is shown again with the value typed, escaped: the markers really reached a page.
    expect(escapedEchoes).toBeGreaterThan(0);
  }, TIMEOUT);
});

describe('fuzzing POST /verify (the form)', () => {
  const fields = fc.tuple(fc.record({ code: fc.oneof(text, issuedCode) }, { requiredKeys: [] }), fc.dictionary(anyText, text, { maxKeys: 2 })).map(([f, extra]) => ({ ...extra, ...f }));
  it(`shows a clear page for any code, never a 5xx (${RUNS.verifyForm} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fields.chain((f) => fc.tuple(fc.constant(f), formBody(fc.constant(f)))), originHeader, langQuery, async ([f, { body, type }], origin, query) => {
        const headers: Record<string, string> = { ...(type ? { 'content-type': type } : {}), ...(origin ? { origin } : {}) };
        const res = await send(postFormBody(`/verify${query}`, body, headers));
        await expectClearPage(res, Object.values(f));
      }),
      params(RUNS.verifyForm),
    );
  }, TIMEOUT);
});

describe('fuzzing POST /api/v1/agent/check', () => {
  it(`answers a signed-in agent clearly for any body, never a 5xx (${RUNS.agentSignedIn} cases)`, async () => {
    stubAccessCerts();
    const token = await accessToken({ email: 'fuzz-agent@example.com' });
    const agentEnv = { ...accessEnv, AGENT_LOOKUPS_PER_HOUR: '1000000' };
    const body = fc.oneof(
      { weight: 3, arbitrary: checkBody.map((b) => ({ text: JSON.stringify(b), type: 'application/json' })) },
      { weight: 2, arbitrary: fc.tuple(rawJsonText(checkBody, ['incident', 'email', 'orderId', 'factor', 'locale']), jsonContentType).map(([text, type]) => ({ text, type })) },
    );
    await fc.assert(
      fc.asyncProperty(body, async ({ text: b, type }) => {
        const res = await fetchWith(postJson('/api/v1/agent/check', b, type, viaAccess(token)), agentEnv);
        await expectClearJson(res, 'affected');
        expect(res.status).not.toBe(401);
      }),
      params(RUNS.agentSignedIn),
    );
  }, TIMEOUT);

  it(`refuses (401) everyone not signed in, whatever they send (${RUNS.agentUnsigned} cases)`, async () => {
    stubAccessCerts();
    const credentials = fc.oneof(
      fc.constant({}),
      headerText.map((t) => viaAccess(t)),
      headerText.map((t) => ({ cookie: `agent_dev=${encodeURIComponent(t)}` })),
      fc.constant(viaAccess('eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jbyJ9.')),
    );
    await fc.assert(
      fc.asyncProperty(checkBody, credentials, fc.boolean(), async (body, headers, configured) => {
        const req = postJson('/api/v1/agent/check', JSON.stringify(body), 'application/json', headers);
        const res = await fetchWith(req, configured ? accessEnv : {});
        expect(res.status).toBe(401);
        const json = await expectClearJson(res, 'affected');
        expect(json.error).toBe('unauthorized');
      }),
      params(RUNS.agentUnsigned),
    );
  }, TIMEOUT);
});

// ---- Normalisation -------------------------------------------------------------------------------------

/** The full-width form of ASCII text, as a Japanese keyboard types it: U+FF01..U+FF5E, and U+3000 for a space. */
function toFullWidth(s: string): string {
  return s.replace(/[\x20-\x7e]/g, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
}

describe('normalisation', () => {
  const ORDER_PATTERN = /^ORD\d{4,}$/u;
  const raw = fc.oneof(text, fc.emailAddress().map(toFullWidth), fc.string({ unit: fc.integer({ min: 0xff01, max: 0xff5e }).map((n) => String.fromCharCode(n)), maxLength: 30 }));

  it(`is idempotent for emails, order IDs, the one-field form, second factors and codes (${RUNS.normaliseIdempotent} cases)`, () => {
    fc.assert(
      fc.property(raw, (input) => {
        const email = normaliseEmail(input);
        if (email.ok) expect(normaliseEmail(email.value)).toEqual(email);
        for (const pattern of [undefined, ORDER_PATTERN]) {
          const order = normaliseOrderId(input, pattern);
          if (order.ok) expect(normaliseOrderId(order.value, pattern)).toEqual(order);
          const either = normaliseIdentifier(input, pattern);
          if (either.ok) expect(normaliseIdentifier(either.value, pattern)).toEqual(either);
        }
        for (const factor of SECOND_FACTORS) {
          const value = normaliseFactor(factor, input, ORDER_PATTERN);
          if (value.ok) expect(normaliseFactor(factor, value.value, ORDER_PATTERN)).toEqual(value);
        }
        const code = normaliseCode(input);
        if (code !== null) expect(normaliseCode(code)).toBe(code);
      }),
      params(RUNS.normaliseIdempotent),
    );
  });

  it(`reads every accepted email the same from its full-width form (${RUNS.normaliseFullWidth} cases)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.emailAddress(), fc.array(fc.boolean(), { minLength: 1, maxLength: 254 }), (address, wide) => {
        const ascii = normaliseEmail(address);
        if (!ascii.ok) return; // not every RFC address is one the portal accepts
        accepted++;
        expect(normaliseEmail(toFullWidth(address))).toEqual(ascii);
        // And any mix of the two widths, as when only part of an address was typed in full-width mode.
        const mixed = [...address].map((c, i) => (wide[i % wide.length] ? toFullWidth(c) : c)).join('');
        expect(normaliseEmail(mixed)).toEqual(ascii);
      }),
      params(RUNS.normaliseFullWidth),
    );
    // Most generated addresses are accepted, so the property is not vacuous.
    expect(accepted).toBeGreaterThan(RUNS.normaliseFullWidth / 2);
  });
});

it(`generates at least 10,000 cases per run (${TOTAL_CASES})`, () => {
  expect(TOTAL_CASES).toBeGreaterThanOrEqual(10_000);
  expect(env.PEPPER).toBeTruthy(); // the properties above ran against a configured Worker
});
