/**
 * The keyed hash that stands in for every identifier in D1:
 * HMAC-SHA256(pepper, salt ‖ 0x1F ‖ kind ‖ 0x1F ‖ normalised value), truncated to 16 bytes.
 *
 * The pepper is a Worker secret (and an operator's file); it never enters D1, so a dump of the
 * database cannot be tested offline against a list of addresses. 128 bits keep accidental
 * collisions out of reach (about 1e8 / 2^128) while keeping each stored entry small.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { IdentifierKind } from './normalise.ts';

/**
 * What a hash stands for. The kind is part of the hashed message, so an email and an order ID that
 * happen to be the same text never share a hash. `email_factor` is an email paired with its second
 * factor (sensitive incidents); its value is `email ␟ factor`.
 */
export type HashKind = IdentifierKind | 'email_factor';

export const HASH_BYTES = 16;
const MIN_PEPPER_BYTES = 32;
const SEPARATOR = 0x1f;

export interface Pepper {
  /** Recorded with each dataset, so entries can be matched to the key they were hashed with. */
  readonly id: string;
  readonly key: Uint8Array;
}

export class PepperError extends Error {
  override name = 'PepperError';
}

/**
 * Parses a pepper written as `<key id>:<base64 key>` (the form of the PEPPER secret and of .dev.vars).
 * Throws PepperError for anything else, so a misconfigured deployment fails closed.
 *
 * @example
 * parsePepper('k1:' + btoa('x'.repeat(32))).id // 'k1'
 */
export function parsePepper(text: string | undefined): Pepper {
  const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]+={0,2})$/.exec(text?.trim() ?? '');
  if (!match) throw new PepperError('pepper must look like "<key id>:<base64 key>"');
  let key: Uint8Array;
  try {
    key = Uint8Array.from(atob(match[2]!), (ch) => ch.charCodeAt(0));
  } catch {
    throw new PepperError('pepper key is not valid base64');
  }
  if (key.length < MIN_PEPPER_BYTES) throw new PepperError(`pepper key must hold at least ${MIN_PEPPER_BYTES} bytes`);
  return { id: match[1]!, key };
}

/**
 * Prepares a hasher for one pepper. The HMAC key schedule is computed once and cloned per call,
 * which halves the work of each lookup.
 *
 * @example
 * const hash = keyedHasher(pepper);
 * hash(salt, 'email', 'affected@example.com'); // Uint8Array(16)
 */
export function keyedHasher(pepper: Pepper): (salt: Uint8Array, kind: HashKind, value: string) => Uint8Array {
  const keyed = hmac.create(sha256, pepper.key);
  return (salt, kind, value) => {
    const mac = keyed.clone();
    mac.update(hashMessage(salt, kind, value));
    return mac.digest().subarray(0, HASH_BYTES);
  };
}

/**
 * The message that is keyed-hashed: salt ‖ 0x1F ‖ kind ‖ 0x1F ‖ UTF-8 value. The one definition of that
 * layout, so every HMAC implementation that hashes identifiers (this module's, the import's)
 * produces the same bytes.
 */
export function hashMessage(salt: Uint8Array, kind: HashKind, value: string): Uint8Array {
  const kindAt = salt.length + 1;
  const valueAt = kindAt + kind.length + 1;
  const out = new Uint8Array(valueAt + value.length);
  out.set(salt, 0);
  out[salt.length] = SEPARATOR;
  out[valueAt - 1] = SEPARATOR;
  // Kinds are ASCII, and so are most values: written directly, those skip a text encoder call.
  for (let i = 0; i < kind.length; i++) out[kindAt + i] = kind.charCodeAt(i);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x80) {
      const tail = utf8ToBytes(value);
      const full = new Uint8Array(valueAt + tail.length);
      full.set(out.subarray(0, valueAt));
      full.set(tail, valueAt);
      return full;
    }
    out[valueAt + i] = c;
  }
  return out;
}

const FINGERPRINT_LABEL = utf8ToBytes('amiaffected pepper fingerprint v1');

/**
 * A short fingerprint of a pepper: HMAC of a fixed label under it, truncated to 8 bytes (hex). Every
 * dataset and notice code records it with the key id, so a pepper regenerated under an id already in use
 * is noticed (503) instead of silently matching nobody. It reveals nothing usable about the key.
 *
 * @example
 * pepperFingerprint(parsePepper(text)) // 'a1b2c3d4e5f60718'
 */
export function pepperFingerprint(pepper: Pick<Pepper, 'key'>): string {
  return bytesToHex(hmac(sha256, pepper.key, FINGERPRINT_LABEL).subarray(0, 8));
}

/** One-off form of keyedHasher. */
export function keyedHash(pepper: Pepper, salt: Uint8Array, kind: HashKind, value: string): Uint8Array {
  return keyedHasher(pepper)(salt, kind, value);
}
