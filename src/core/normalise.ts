/**
 * Normalisation of customer identifiers: the one implementation shared by the Worker (lookups) and the
 * operator CLI (imports, notices), reached through src/core/identifier.ts. If the two ever disagreed, an
 * affected customer would be told "not affected", so the vectors of test/support/identifier-vectors.ts pin it
 * in both runtimes (test/worker/identifier.test.ts in workerd, test/unit/identifier.test.ts in Node), and
 * test/worker/normalise.test.ts pins each kind of input further.
 *
 * Any change to what a value normalises to must bump NORMALISATION_VERSION: every dataset records the
 * version it was imported with, and a dataset of another version answers 503 until it is re-imported.
 */

/**
 * 1: NFKC, invisible characters, case, order-ID dashes and spaces.
 * 2: dash variants in an email's local part fold to "-"; domains are compared in their ASCII (IDNA) form;
 *    a postcode's leading postal mark (〒) is dropped.
 */
export const NORMALISATION_VERSION = 2;

export type IdentifierKind = 'email' | 'order_id';

export type NormaliseError = 'empty' | 'too_long' | 'invalid_email' | 'invalid_order_id' | 'invalid_factor';

export type Normalised =
  | { readonly ok: true; readonly kind: IdentifierKind; readonly value: string }
  | { readonly ok: false; readonly kind: IdentifierKind; readonly error: NormaliseError };

/** Raw input longer than this is refused before any work is done on it. */
const MAX_RAW_LENGTH = 512;
const MAX_EMAIL_LENGTH = 254;
const MAX_ORDER_ID_LENGTH = 64;

// Invisible characters that arrive with copy and paste from documents and chat apps: zero-width space,
// zero-width (non-)joiner, word joiner, byte-order mark and soft hyphen. None is ever part of an identifier.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

// Dash-like characters that Japanese keyboards and word processors produce where a hyphen was meant:
// hyphen, non-breaking hyphen, figure/en/em dash, horizontal bar, minus sign, small and full-width
// hyphen-minus, the katakana prolonged sound mark (typed for "-" in kana mode) and its half-width form.
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u30FC\uFF70\u2043\u02D7]/g;

const EMAIL_LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
// The domain after IDNA: ASCII labels, and a top-level label of letters or an IDN (xn--) one.
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
// Characters a URL parser would read as something other than a host (path, port, credentials, …): a
// domain holding one is refused before IDNA, never cut short by it.
const NOT_IN_DOMAIN = /[\s/\\?#:@%[\]<>"^`{|}]/u;
// Lowercase ASCII labels, the last beginning with a letter: what the URL parser maps to itself.
const PLAIN_DOMAIN = /^(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*$/;
const DEFAULT_ORDER_ID = /^[A-Z0-9]+$/;

// Printable ASCII and ASCII whitespace: NFKC maps every such string to itself (no ASCII character has a
// decomposition, and no two compose), and none of it is invisible.
const PLAIN_ASCII = /^[\t\n\v\f\r\x20-\x7E]*$/;

/**
 * NFKC, without asking ICU when the text is plain ASCII: most input is typed in ASCII, and the
 * normalisation call was a visible share of a lookup's time. Same result as raw.normalize('NFKC').
 */
export function nfkc(raw: string): string {
  return PLAIN_ASCII.test(raw) ? raw : raw.normalize('NFKC');
}

function clean(raw: string): string {
  // NFKC first: full-width letters, digits, "＠" and the ideographic space become their ASCII forms.
  return nfkc(raw).replace(INVISIBLE, '').trim();
}

/**
 * Normalises an email address: NFKC, invisible characters removed, trimmed, lowercased, then checked.
 *
 * @example
 * normaliseEmail('　Ａｆｆｅｃｔｅｄ＠Ｅｘａｍｐｌｅ．ｃｏｍ ') // { ok: true, kind: 'email', value: 'affected@example.com' }
 * normaliseEmail('Test') // { ok: false, kind: 'email', error: 'invalid_email' }
 */
export function normaliseEmail(raw: string): Normalised {
  const kind = 'email';
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, kind, error: 'too_long' };
  const value = clean(raw).toLowerCase();
  if (value === '') return { ok: false, kind, error: 'empty' };
  if (value.length > MAX_EMAIL_LENGTH) return { ok: false, kind, error: 'too_long' };
  const at = value.lastIndexOf('@');
  // Japanese keyboards type "ー" or "－" where a hyphen was meant; in a local part they can only be one.
  const local = value.slice(0, at).replace(DASHES, '-');
  const domain = asciiDomain(value.slice(at + 1));
  if (at < 1 || local.length > 64 || !EMAIL_LOCAL.test(local) || domain === null || !EMAIL_DOMAIN.test(domain)) {
    return { ok: false, kind, error: 'invalid_email' };
  }
  const address = `${local}@${domain}`;
  if (address.length > MAX_EMAIL_LENGTH) return { ok: false, kind, error: 'too_long' };
  return { ok: true, kind, value: address };
}

/**
 * A domain in its ASCII form (IDNA, UTS #46), so "bücher.de" and "xn--bcher-kva.de" are one address.
 * The platform's URL parser does the mapping in the Worker and in Node alike; null when it refuses.
 */
export function asciiDomain(domain: string): string | null {
  // Nearly every domain typed is already plain lowercase ASCII, which the parser returns unchanged; the
  // parse is a visible share of a lookup's time. An xn-- label (checked by the parser) or a last label
  // that could be read as an IPv4 number still goes through it.
  if (PLAIN_DOMAIN.test(domain) && !domain.includes('xn--')) return domain;
  if (domain === '' || NOT_IN_DOMAIN.test(domain)) return null;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/**
 * Normalises an order ID: NFKC, dash variants folded, uppercased, spaces and hyphens dropped, then
 * checked against the incident's pattern (which describes the normalised form) or, without one,
 * against "letters and digits only".
 *
 * @example
 * normaliseOrderId('ｏｒｄ－１００１') // { ok: true, kind: 'order_id', value: 'ORD1001' }
 */
export function normaliseOrderId(raw: string, pattern?: RegExp): Normalised {
  const kind = 'order_id';
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, kind, error: 'too_long' };
  const value = clean(raw).replace(DASHES, '-').toUpperCase().replace(/[\s-]+/g, '');
  if (value === '') return { ok: false, kind, error: 'empty' };
  if (value.length > MAX_ORDER_ID_LENGTH) return { ok: false, kind, error: 'too_long' };
  if (!(pattern ?? DEFAULT_ORDER_ID).test(value)) return { ok: false, kind, error: 'invalid_order_id' };
  return { ok: true, kind, value };
}

/**
 * The public form has one field for "email or order ID": anything with an "@" (in any width) is an email.
 */
export function normaliseIdentifier(raw: string, orderIdPattern?: RegExp): Normalised {
  return /[@＠﹫]/.test(raw) ? normaliseEmail(raw) : normaliseOrderId(raw, orderIdPattern);
}

/** The second factors a sensitive incident can ask for with the email, imported with each record. */
export const SECOND_FACTORS = ['order_id', 'postcode', 'phone_last4'] as const;
export type SecondFactor = (typeof SECOND_FACTORS)[number];

export type NormalisedFactor =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly error: NormaliseError };

/**
 * Normalises a second factor the way the customer may type it: an order ID as above; a postcode with
 * spaces and dashes dropped ("１２３－４５６７" → "1234567"); phone digits reduced to the last four, so
 * typing the whole number works as well.
 *
 * @example
 * normaliseFactor('phone_last4', '090-1234-5678') // { ok: true, value: '5678' }
 */
export function normaliseFactor(factor: SecondFactor, raw: string, orderIdPattern?: RegExp): NormalisedFactor {
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, error: 'too_long' };
  const folded = clean(raw).replace(DASHES, '-').toUpperCase().replace(/[\s-]+/g, '');
  if (folded === '') return { ok: false, error: 'empty' };
  switch (factor) {
    case 'order_id': {
      const id = normaliseOrderId(raw, orderIdPattern);
      return id.ok ? { ok: true, value: id.value } : { ok: false, error: 'invalid_factor' };
    }
    case 'postcode': {
      // Japanese exports and customers write the postal mark: "〒100-0001".
      const code = folded.replace(/^〒/, '');
      return /^[A-Z0-9]{3,10}$/.test(code) ? { ok: true, value: code } : { ok: false, error: 'invalid_factor' };
    }
    case 'phone_last4': {
      if (!/^\+?[0-9()]+$/.test(folded)) return { ok: false, error: 'invalid_factor' };
      const digits = folded.replace(/[^0-9]/g, '');
      return digits.length >= 4 ? { ok: true, value: digits.slice(-4) } : { ok: false, error: 'invalid_factor' };
    }
  }
}

/** The value hashed (as kind `email_factor`) for an email paired with its second factor. */
export function emailFactorValue(email: string, factor: string): string {
  return `${email}\u001f${factor}`;
}
