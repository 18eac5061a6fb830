/**
 * The normalisation every lookup depends on, fuzzed in the Worker's runtime: normalising twice changes
 * nothing (emails, order IDs, the one-field form, second factors and codes), and an address typed in
 * full-width characters, wholly or in part, is read as the same address, so a customer typing on a
 * Japanese keyboard finds their entry.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCode } from '../../src/core/codes.ts';
import { SECOND_FACTORS, asciiDomain, nfkc, normaliseEmail, normaliseFactor, normaliseIdentifier, normaliseOrderId } from '../../src/core/normalise.ts';
import { params, RUNS, text, toFullWidth } from './fuzz-inputs.ts';

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

  it(`reads a plain ASCII domain exactly as the URL parser does, without it (${RUNS.plainDomains} cases)`, () => {
    // The parser is the reference: the fast path for plain domains must never map one differently.
    const parsed = (domain: string) => {
      try {
        return new URL(`http://${domain}/`).hostname;
      } catch {
        return null;
      }
    };
    const label = fc.oneof(
      fc.stringMatching(/^[a-z0-9-]{1,12}$/),
      fc.constantFrom('xn--bcher-kva', 'xn--zz', 'xn--', '0x7f', '0', '255', '1e3', 'a-', '-a', 'ab--c', ''),
    );
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 5 }), (labels) => {
        const domain = labels.join('.');
        expect(asciiDomain(domain)).toBe(parsed(domain));
      }),
      params(RUNS.plainDomains),
    );
  });

  it(`skips ICU only where NFKC changes nothing (${RUNS.plainDomains} cases)`, () => {
    // ASCII, ASCII with one character just outside the fast path's range, and anything at all.
    const near = fc.constantFrom('\u007F', '\u00A0', '\u00AD', '\u200B', '\uFF21', 'e\u0301', '\u2126', '\uFB01', '\u0000', '\u001F');
    const input = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.tuple(fc.string({ unit: 'binary-ascii', maxLength: 20 }), near, fc.string({ unit: 'binary-ascii', maxLength: 20 })).map((p) => p.join('')),
      text,
    );
    fc.assert(
      fc.property(input, (s) => {
        expect(nfkc(s)).toBe(s.normalize('NFKC'));
      }),
      params(RUNS.plainDomains),
    );
  });
});
