/**
 * What was checked, masked, for the answer box: "a•••••@example.com", "ORD-••01". Enough for a reader
 * to see that the portal checked what they meant to type, too little to be worth reading over their
 * shoulder. Computed per response from what was typed; never stored, logged or sent to D1.
 */

import { nfkc } from '../core/normalise.ts';

const DOT = '•';

/** An email keeps its first character and domain; the rest of the local part becomes five dots, whatever its length. */
function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const first = [...local][0] ?? '';
  return `${first}${DOT.repeat(5)}@${value.slice(at + 1).toLowerCase()}`;
}

/**
 * An order ID keeps its letter prefix, its separators and its last two characters; every other letter
 * or digit becomes a dot, so "ORD-1001" reads "ORD-••01".
 */
function maskOrderId(value: string): string {
  const chars = [...value.toUpperCase()];
  const prefix = /^[A-Z]*/u.exec(value.toUpperCase())![0].length;
  const alnum = chars.map((ch, i) => (/[\p{L}\p{N}]/u.test(ch) ? i : -1)).filter((i) => i >= 0);
  const keepTail = new Set(alnum.slice(-2));
  // A prefix that would leave fewer than two hidden characters is hidden too.
  const hiddenIfPrefixKept = alnum.filter((i) => i >= prefix && !keepTail.has(i)).length;
  const keepPrefix = hiddenIfPrefixKept >= 2 ? prefix : 0;
  return chars.map((ch, i) => (i < keepPrefix || keepTail.has(i) || !/[\p{L}\p{N}]/u.test(ch) ? ch : DOT)).join('');
}

/**
 * @example
 * maskIdentifier(' Taro.Yamada@Example.com ') // 'T•••••@example.com'
 * maskIdentifier('ord-1001') // 'ORD-••01'
 */
export function maskIdentifier(raw: string): string {
  const value = nfkc(raw).trim();
  return value.includes('@') ? maskEmail(value) : maskOrderId(value);
}
