/**
 * The keyed hash of src/core/keyed-hash.ts as the import computes it: the same bytes (the message comes
 * from the core's hashMessage, the MAC is HMAC-SHA256 truncated to HASH_BYTES), through the key-specialised
 * HMAC of sha256-hmac.ts, about three times faster per hash than @noble/hashes or node:crypto (measured
 * there); the import hashes every identifier of a list.
 */
import { HASH_BYTES, type HashKind, hashMessage, type keyedHasher, type Pepper } from '../../core/keyed-hash.ts';
import { hmacSha256 } from './sha256-hmac.ts';

export function importHasher(pepper: Pick<Pepper, 'key'>): ReturnType<typeof keyedHasher> {
  const mac = hmacSha256(pepper.key, HASH_BYTES);
  return (salt: Uint8Array, kind: HashKind, value: string) => mac(hashMessage(salt, kind, value));
}
