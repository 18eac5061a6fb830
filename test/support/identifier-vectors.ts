/**
 * Vectors for the one identifier path (src/core/identifier.ts), shared by the test that runs them in
 * workerd (test/worker/identifier.test.ts, the Worker's runtime) and the one that runs them in Node
 * (test/unit/identifier.test.ts, the CLI's runtime). If the two runtimes ever read or hash an identifier
 * differently, an affected customer would be told "not affected"; IDNA and Unicode normalisation come
 * from each platform, so both must be pinned.
 */
import type { DatasetBinding, ListContents } from '../../src/core/dataset-binding.ts';
import type { IdentifierInput, IdentifierRules } from '../../src/core/identifier.ts';
import type { HashKind } from '../../src/core/keyed-hash.ts';

export const ORDER_PATTERN = /^ORD\d{4,}$/u;

/** A list of emails and ORD-style order IDs, as the import records it. */
export const LIST: ListContents = { emails: 3, orderIds: 2, orderIdShapes: { level: 1, shapes: ['A3N4'] } };

/** A list loaded with --allow-empty: "we checked, and nobody matched". */
export const EMPTY: ListContents = { emails: 0, orderIds: 0, orderIdShapes: { level: 1, shapes: [] } };

type Expected = { kind: HashKind; value: string } | { error: string };

export interface Vector {
  readonly input: IdentifierInput;
  readonly rules: IdentifierRules;
  readonly expected: Expected;
  readonly why: string;
}

const email = (raw: string, value: string, why: string): Vector => ({ input: { kind: 'either', raw }, rules: { list: LIST }, expected: { kind: 'email', value }, why });
const refused = (input: IdentifierInput, rules: IdentifierRules, error: string, why: string): Vector => ({ input, rules, expected: { error }, why });

export const VECTORS: readonly Vector[] = [
  email('affected@example.com', 'affected@example.com', 'plain'),
  email('ＡＦＦＥＣＴＥＤ＠ＥＸＡＭＰＬＥ．ＣＯＭ', 'affected@example.com', 'full width'),
  email('\u3000\u200B Affected@Example.COM\u00A0\uFEFF', 'affected@example.com', 'case, spaces, invisible characters'),
  email('a@example。com', 'a@example.com', 'ideographic full stop in the domain'),
  email('yamadaーtaro@example.jp', 'yamada-taro@example.jp', 'katakana prolonged sound mark in the local part'),
  email('yamadaｰtaro@example.jp', 'yamada-taro@example.jp', 'half-width prolonged sound mark'),
  email('yamada‐taro@example.jp', 'yamada-taro@example.jp', 'Unicode hyphen'),
  email('yamada－taro@example.jp', 'yamada-taro@example.jp', 'full-width hyphen-minus'),
  email('yamada—taro@example.jp', 'yamada-taro@example.jp', 'em dash'),
  email('yamada−taro@example.jp', 'yamada-taro@example.jp', 'minus sign'),
  email('bücher@bücher.de', 'bücher@xn--bcher-kva.de', 'IDN domain in Unicode'),
  email('user@xn--bcher-kva.de', 'user@xn--bcher-kva.de', 'IDN domain in punycode'),
  email('USER@BÜCHER.DE', 'user@xn--bcher-kva.de', 'IDN domain in capitals'),
  email('taro@日本語.jp', 'taro@xn--wgv71a119e.jp', 'Japanese domain'),
  email('a@例え.テスト', 'a@xn--r8jz45g.xn--zckzah', 'Japanese top-level domain'),
  email('a@faß.de', 'a@xn--fa-hia.de', 'sharp s kept (non-transitional IDNA)'),
  { input: { kind: 'either', raw: 'ｏｒｄ－１００１' }, rules: { list: LIST }, expected: { kind: 'order_id', value: 'ORD1001' }, why: 'full-width order ID' },
  { input: { kind: 'order_id', raw: 'ORDー1001' }, rules: { orderIdPattern: ORDER_PATTERN, list: LIST }, expected: { kind: 'order_id', value: 'ORD1001' }, why: 'order ID with a prolonged sound mark, declared pattern' },
  {
    input: { kind: 'email_factor', raw: 'Affected@Example.com', factor: '１００－０００１' },
    rules: { secondFactor: 'postcode' },
    expected: { kind: 'email_factor', value: 'affected@example.com\u001f1000001' },
    why: 'email with a full-width postcode',
  },
  {
    input: { kind: 'email_factor', raw: 'affected@example.com', factor: '〒100-0001' },
    rules: { secondFactor: 'postcode' },
    expected: { kind: 'email_factor', value: 'affected@example.com\u001f1000001' },
    why: 'a postcode with the postal mark',
  },
  refused({ kind: 'either', raw: 'Test' }, { list: LIST }, 'invalid_order_id', 'a word in the one box'),
  refused({ kind: 'either', raw: 'Taro Yamada' }, { list: LIST }, 'invalid_order_id', 'a name'),
  refused({ kind: 'either', raw: '090-1234-5678' }, { list: LIST }, 'invalid_order_id', 'a phone number'),
  refused({ kind: 'either', raw: '12' }, { list: LIST }, 'invalid_order_id', 'a short number'),
  refused({ kind: 'order_id', raw: 'orderId' }, { list: LIST }, 'invalid_order_id', 'the field name typed in'),
  refused({ kind: 'order_id', raw: 'Test' }, { orderIdPattern: ORDER_PATTERN, list: LIST }, 'invalid_order_id', 'a word against a declared pattern'),
  refused({ kind: 'either', raw: 'ORD-1001' }, { list: { ...LIST, orderIds: 0 } }, 'email_required', 'an order ID for a list of emails only'),
  refused({ kind: 'email', raw: 'a@example.com' }, { list: { ...LIST, emails: 0 } }, 'order_id_required', 'an email for a list of order IDs only'),
  refused({ kind: 'email', raw: 'Test' }, { list: LIST }, 'invalid_email', 'a word in the email field'),
  refused({ kind: 'either', raw: 'a@example.com/x' }, { list: LIST }, 'invalid_email', 'a path after the domain'),
  refused({ kind: 'either', raw: 'a@1.2.3.4' }, { list: LIST }, 'invalid_email', 'an IP address'),
  refused({ kind: 'either', raw: 'a@example.com.' }, { list: LIST }, 'invalid_email', 'a trailing dot'),
  refused({ kind: 'email', raw: 'a@example.com' }, { secondFactor: 'postcode' }, 'factor_required', 'an email alone for a sensitive incident'),
  { input: { kind: 'email', raw: 'Nobody@Example.com' }, rules: { list: EMPTY }, expected: { kind: 'email', value: 'nobody@example.com' }, why: 'an address, for an empty list' },
  refused({ kind: 'either', raw: 'ORD-1001' }, { list: EMPTY }, 'email_required', 'an order ID for an empty list without a declared pattern'),
  refused({ kind: 'either', raw: 'Test' }, { list: EMPTY }, 'email_required', 'a word for an empty list'),
  { input: { kind: 'order_id', raw: 'ORD-1001' }, rules: { orderIdPattern: ORDER_PATTERN, list: EMPTY }, expected: { kind: 'order_id', value: 'ORD1001' }, why: 'an order ID for an empty list under a declared pattern' },
  refused({ kind: 'order_id', raw: 'Test' }, { orderIdPattern: ORDER_PATTERN, list: EMPTY }, 'invalid_order_id', 'a word for an empty list under a declared pattern'),
];

/** A fixed pepper and salt, and the keyed hashes they must give (hex, 16 bytes). */
export const HASH_PEPPER = `vec1:${btoa('identifier vectors pepper, 32 bytes!')}`;
export const HASH_SALT = new Uint8Array(16).map((_, i) => i);
export const HASHES: readonly { kind: HashKind; value: string; hex: string }[] = [
  { kind: 'email', value: 'affected@example.com', hex: '6926fbf21cf2e1b610f667ce99026f61' },
  { kind: 'order_id', value: 'ORD1001', hex: '5bfcc99c4e77c03b254b62a80419ce3a' },
  { kind: 'email_factor', value: 'affected@example.com\u001f1000001', hex: '20f555083fa3278beaaf97562dd33871' },
  { kind: 'email', value: 'bücher@xn--bcher-kva.de', hex: '8f73ca6d0af62938971d1a2803a10135' },
];

/** The binding text of a fixed binding: stored in D1 by the CLI, compared by the Worker. */
export const BINDING: DatasetBinding = { keyId: 'vec1', pepper: '0011223344556677', normalisation: 2, mode: 'open', secondFactor: null, orderIdRule: null };
export const BINDING_TEXT = '{"keyId":"vec1","pepper":"0011223344556677","normalisation":2,"mode":"open","secondFactor":null,"orderIdRule":null}';
