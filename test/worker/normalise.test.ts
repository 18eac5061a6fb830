/**
 * Test vectors for the normalisation the Worker and the operator CLI share. If the two ever disagreed, an
 * affected customer would be told "not affected", so every input a Japanese keyboard, a word processor
 * or a chat app can produce for the same identifier must land on one value.
 */
import { describe, expect, it } from 'vitest';
import { normaliseEmail, normaliseIdentifier, normaliseOrderId } from '../../src/core/normalise.ts';

const ORDER_PATTERN = /^ORD\d{4,}$/u;

describe('normaliseEmail', () => {
  it.each([
    ['affected@example.com', 'plain'],
    ['ＡＦＦＥＣＴＥＤ＠ＥＸＡＭＰＬＥ．ＣＯＭ', 'full-width, from a Japanese keyboard'],
    ['Affected@Example.COM', 'mixed case'],
    ['  affected@example.com  ', 'surrounding spaces'],
    ['\u00A0affected@example.com\u00A0', 'non-breaking spaces'],
    ['\u3000affected@example.com\u3000', 'ideographic spaces'],
    ['\t affected@example.com \n', 'tabs and newlines'],
    ['\u200Baffected@example.com\uFEFF', 'zero-width space and BOM around'],
    ['affe\u200Bcted@exam\uFEFFple.com', 'zero-width characters inside'],
    ['aff\u00ADected@example.com', 'soft hyphen inside'],
    ['\u3000\u200B Ａｆｆｅｃｔｅｄ＠Ｅｘａｍｐｌｅ．ｃｏｍ\u00A0\uFEFF', 'everything at once'],
  ])('%j (%s) becomes affected@example.com', (raw) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, kind: 'email', value: 'affected@example.com' });
  });

  it('keeps characters that are part of the address', () => {
    expect(normaliseEmail('first.last+tag@sub.example.co.jp')).toEqual({
      ok: true,
      kind: 'email',
      value: 'first.last+tag@sub.example.co.jp',
    });
  });

  it.each([
    ['Test', 'invalid_email'],
    ['a@b', 'invalid_email'],
    ['@example.com', 'invalid_email'],
    ['affected@', 'invalid_email'],
    ['affected@@example.com', 'invalid_email'],
    ['affected @example.com', 'invalid_email'],
    ['affected..x@example.com', 'invalid_email'],
    [`${'a'.repeat(65)}@example.com`, 'invalid_email'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000\u00A0\u200B', 'empty'],
    [`${'a'.repeat(64)}@${'b'.repeat(200)}.com`, 'too_long'],
    ['a'.repeat(513), 'too_long'],
    [' '.repeat(10_000), 'too_long'],
  ])('%j is refused as %s', (raw, error) => {
    expect(normaliseEmail(raw)).toEqual({ ok: false, kind: 'email', error });
  });
});

describe('normaliseOrderId', () => {
  it.each([
    ['ORD-1001', 'ASCII hyphen'],
    ['ORD1001', 'no separator'],
    ['ORD－1001', 'full-width hyphen-minus'],
    ['ORD—1001', 'em dash'],
    ['ORD–1001', 'en dash'],
    ['ORD−1001', 'minus sign'],
    ['ORDー1001', 'katakana prolonged sound mark'],
    ['ORDｰ1001', 'half-width prolonged sound mark'],
    ['ORD‐1001', 'Unicode hyphen'],
    ['ＯＲＤ‐１００１', 'full-width letters and digits'],
    ['ｏｒｄ－１００１', 'full-width lowercase'],
    ['ord 1001', 'lowercase with a space'],
    ['ORD\u3000-\u30001001', 'ideographic spaces around the hyphen'],
    [' ORD-1001\u00A0', 'surrounding spaces'],
    ['\u200BORD-\uFEFF1001', 'zero-width characters'],
  ])('%j (%s) becomes ORD1001', (raw) => {
    expect(normaliseOrderId(raw, ORDER_PATTERN)).toEqual({ ok: true, kind: 'order_id', value: 'ORD1001' });
  });

  it("checks the normalised value against the incident's pattern", () => {
    expect(normaliseOrderId('ORD-12', ORDER_PATTERN)).toEqual({ ok: false, kind: 'order_id', error: 'invalid_order_id' });
    expect(normaliseOrderId('ABC-1001', ORDER_PATTERN)).toEqual({ ok: false, kind: 'order_id', error: 'invalid_order_id' });
    expect(normaliseOrderId('Test', ORDER_PATTERN)).toEqual({ ok: false, kind: 'order_id', error: 'invalid_order_id' });
    expect(normaliseOrderId('ord-123456', ORDER_PATTERN)).toEqual({ ok: true, kind: 'order_id', value: 'ORD123456' });
  });

  it('accepts letters and digits only when the incident declares no pattern', () => {
    expect(normaliseOrderId('abc-1001')).toEqual({ ok: true, kind: 'order_id', value: 'ABC1001' });
    expect(normaliseOrderId('ORD_1001')).toEqual({ ok: false, kind: 'order_id', error: 'invalid_order_id' });
    expect(normaliseOrderId('ORD#1001')).toEqual({ ok: false, kind: 'order_id', error: 'invalid_order_id' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-－ー', 'empty'],
    ['A'.repeat(65), 'too_long'],
    ['A'.repeat(513), 'too_long'],
  ])('%j is refused as %s', (raw, error) => {
    expect(normaliseOrderId(raw)).toEqual({ ok: false, kind: 'order_id', error });
  });
});

describe('normaliseIdentifier (the one field of the public form)', () => {
  it.each([
    ['affected@example.com', { ok: true, kind: 'email', value: 'affected@example.com' }],
    ['affected＠example.com', { ok: true, kind: 'email', value: 'affected@example.com' }],
    ['affected﹫example.com', { ok: true, kind: 'email', value: 'affected@example.com' }],
    ['ORD－1001', { ok: true, kind: 'order_id', value: 'ORD1001' }],
    ['Test', { ok: false, kind: 'order_id', error: 'invalid_order_id' }],
    ['Test@', { ok: false, kind: 'email', error: 'invalid_email' }],
  ])('%j is read as %j', (raw, expected) => {
    expect(normaliseIdentifier(raw, ORDER_PATTERN)).toEqual(expected);
  });
});
