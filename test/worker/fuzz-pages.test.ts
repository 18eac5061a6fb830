/**
 * Whatever a stranger puts in a notice link (GET /n/<code>), the incident form (POST /i/<slug>) or the
 * verify form (POST /verify), without JavaScript and from any origin: a clear page with an <h1>, never a
 * 5xx, no inline script, and anything typed that the page shows again is escaped, so no input can
 * inject markup into the portal's pages.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { anyText, formBody, headerText, issuedCode, langQuery, originHeader, params, percentEncode, RUNS, seedFuzzIncidents, SENSITIVE, text, TIMEOUT } from './fuzz-inputs.ts';
import { expectClearPage, postFormBody } from './fuzz-responses.ts';
import { newClientIp, ORIGIN, send } from './http.ts';

beforeAll(seedFuzzIncidents);

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
