/**
 * What the fuzz tests (fuzz-*.test.ts) send: fast-check arbitraries for every way a stranger's input
 * reaches the portal, and the number of cases each property runs.
 *
 * Inputs: any UTF-16 code unit (lone surrogates and controls included) and astral characters, very long
 * strings, email- and HTML-like text, JSON values of every type nested in objects and arrays, duplicate
 * keys in raw JSON text, wrong and odd content types, truncated and deeply nested bodies.
 *
 * The number of generated cases per run is the sum of RUNS (checked in fuzz-json-api.test.ts).
 */
import fc from 'fast-check';
import { ORIGIN } from './http.ts';
import { definitionFor, importRows, issueCode, publish } from './seed.ts';

export const RUNS = {
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
  plainDomains: 3000,
};
export const TOTAL_CASES = Object.values(RUNS).reduce((a, b) => a + b, 0);
/** A new random seed each run; on a failure fast-check prints its seed and path, which replay it (`seed`, `path`). */
export const params = (numRuns: number) => ({ numRuns, endOnFailure: true });
export const TIMEOUT = 60_000;

export const SENSITIVE = 'fuzz-sensitive';

/** A notice code really issued (to affected@example.com), so some fuzzed codes find it. */
let issued = 'K7QM-3XTR-9HWD-FP2N-6BJC';

/**
 * For a test file's beforeAll: issues the notice code the fuzzed codes aim at, and publishes the
 * second-factor incident (SENSITIVE) with one person on its list.
 */
export async function seedFuzzIncidents(): Promise<void> {
  issued = await issueCode('demo', 'affected@example.com');
  const def = definitionFor(SENSITIVE);
  def.lookup = { mode: 'second-factor', secondFactor: 'postcode' };
  await publish(def);
  await importRows(SENSITIVE, [{ email: 'affected@example.com', postcode: '123-4567', groups: 'members|cards' }]);
}

/** One UTF-16 code unit of any value (lone surrogates, controls, noncharacters), or a whole astral character. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)) },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((n) => String.fromCodePoint(n)) },
  { weight: 4, arbitrary: fc.constantFrom('@', '＠', '﹫', '.', '．', '-', '－', 'ー', ' ', '\u3000', '\u200b', '\ufeff', '\u00ad', 'a', 'Ａ', '1', '１', '%', '+', '&', '=') },
);
export const anyText = fc.string({ unit, maxLength: 40 });
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
export const issuedCode = fc
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
export const INJECTED = ['<x-fuzz', 'data-fuzz="1', "data-fuzz='2"];
const htmlish = fc.tuple(anyText, anyText).map(([a, b]) => `${a}<x-fuzz>${b}" data-fuzz="1'data-fuzz='2&amp;</script><script>`);
export const text = fc.oneof(
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
export const checkBody = fc.oneof(
  wellFormedCheck,
  fc
    .tuple(
      fc.record({ incident, email: jsonField, orderId: jsonField, factor: jsonField, locale, turnstile: jsonField }, { requiredKeys: [] }),
      extraKeys,
    )
    .map(([fields, extra]) => ({ ...extra, ...fields })),
);
export const verifyBody = fc
  .tuple(fc.record({ code: fc.oneof(text, issuedCode, fc.jsonValue({ maxDepth: 3 })), locale, turnstile: jsonField }, { requiredKeys: [] }), extraKeys)
  .map(([fields, extra]) => ({ ...extra, ...fields }));

/** A JSON document that is not valid for the endpoint, as raw text: the shapes JSON.stringify cannot make. */
export const rawJsonText = (body: fc.Arbitrary<Record<string, unknown>>, keys: string[]) =>
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

export const jsonContentType = fc.oneof(
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
export const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), maxLength: 60 });

/** A form body as browsers, scripts and broken clients send one. */
export const formBody = (fields: fc.Arbitrary<Record<string, string>>) =>
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

export const originHeader = fc.oneof(
  { weight: 8, arbitrary: fc.constant(ORIGIN) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'https://evil.example', 'null', 'http://portal.test') },
);
export const langQuery = fc.oneof(fc.constant(''), fc.constantFrom('?lang=en', '?lang=ja', '?lang=xx', '?lang=%ZZ', '?lang=en&lang=ja'));

/** Percent-encodes every byte of the UTF-8 form (lone surrogates become U+FFFD, as any client would send them). */
export const percentEncode = (s: string) => [...new TextEncoder().encode(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** The full-width form of ASCII text, as a Japanese keyboard types it: U+FF01..U+FF5E, and U+3000 for a space. */
export function toFullWidth(s: string): string {
  return s.replace(/[\x20-\x7e]/g, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
}
