/**
 * Reference codes: the notice code printed in each notice email (and carried by its link), and the
 * contact code a support agent reads out. Each carries 100 bits of randomness, written as 20 characters
 * of Crockford's base32 in groups of four ("K7QM-3XTR-9HWD-FP2N-6BJC"), which survives being read over
 * the phone: no I, L, O or U, and those letters are read as the digits they resemble.
 *
 * D1 stores only SHA-256 of the normalised code. The code itself is the secret; at 100 bits nobody can
 * find one by guessing, so no pepper is needed, and codes stay valid across pepper rotations.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export const CODE_KINDS = ['notice', 'contact'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_CHARS = 20; // 20 × 5 bits = 100 bits
const GROUP = 4;
export const CODE_HASH_BYTES = 16;

/** A fresh random code, grouped for reading. */
export function newCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(13)); // 104 bits; the first 100 are used
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  bits >>= 4n;
  let chars = '';
  for (let i = CODE_CHARS - 1; i >= 0; i--) chars += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return formatCode(chars);
}

/** "K7QM3XTR…" → "K7QM-3XTR-…". */
export function formatCode(normalised: string): string {
  return normalised.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/**
 * Reads a code as a person may type it: any width, any case, with or without spaces and dashes, and
 * with O, I and L for 0, 1 and 1. Null when it cannot be a code at all.
 *
 * @example
 * normaliseCode('k7qm 3xtr-9hwd fp2n ６bjc') // 'K7QM3XTR9HWDFP2N6BJC'
 */
export function normaliseCode(raw: string): string | null {
  if (raw.length > 100) return null;
  const folded = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015\u2212\u30FC]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (folded.length !== CODE_CHARS) return null;
  for (const ch of folded) if (!ALPHABET.includes(ch)) return null;
  return folded;
}

/** What D1 stores for a code: SHA-256 of its normalised form, truncated to 16 bytes. */
export function codeHash(normalised: string): Uint8Array {
  return sha256(utf8ToBytes(`amiaffected-code:${normalised}`)).subarray(0, CODE_HASH_BYTES);
}
